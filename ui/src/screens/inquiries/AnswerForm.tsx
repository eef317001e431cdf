import { Alert, Button, Select, Stack, Table, Textarea } from "@mantine/core";
import { useState } from "react";
import type { Patientenergebnis } from "../../../../services/shared/enums";
import { OPTIONS } from "../../i18n/de";

export interface AnswerPatient {
  patient_id: number;
  name: string;
}

/**
 * The therapist's answer, one labelled choice per patient (every patient needs one, the API's rule). Errors are
 * shown at the patient they belong to; `onSubmit` runs once per click while `busy`.
 */
export function AnswerForm({
  patients,
  busy,
  error,
  onSubmit,
}: {
  patients: AnswerPatient[];
  busy: boolean;
  error?: string | null;
  onSubmit(body: { patient_responses: Record<string, Patientenergebnis>; notizen?: string }): void;
}) {
  const [answers, setAnswers] = useState<Record<number, Patientenergebnis | null>>({});
  const [missing, setMissing] = useState<Set<number>>(new Set());
  const [notes, setNotes] = useState("");
  return (
    <form
      aria-label="Antwort des Therapeuten"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        const open = patients.filter((p) => !answers[p.patient_id]).map((p) => p.patient_id);
        setMissing(new Set(open));
        if (open.length) return;
        onSubmit({
          patient_responses: Object.fromEntries(
            patients.map((p) => [String(p.patient_id), answers[p.patient_id]!]),
          ),
          ...(notes.trim() ? { notizen: notes.trim() } : {}),
        });
      }}
    >
      <Stack>
        <Table withTableBorder>
          <Table.Tbody>
            {patients.map((p) => (
              <Table.Tr key={p.patient_id}>
                <Table.Td w="40%">{p.name}</Table.Td>
                <Table.Td>
                  <Select
                    label={`Antwort für ${p.name}`}
                    placeholder="Antwort wählen"
                    data={OPTIONS.patientenergebnis}
                    value={answers[p.patient_id] ?? null}
                    onChange={(v) => {
                      setAnswers((a) => ({ ...a, [p.patient_id]: v as Patientenergebnis | null }));
                      setMissing((m) => {
                        const n = new Set(m);
                        n.delete(p.patient_id);
                        return n;
                      });
                    }}
                    error={missing.has(p.patient_id) ? "Bitte eine Antwort wählen" : undefined}
                    allowDeselect={false}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Textarea label="Notiz zur Antwort" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" disabled={busy} loading={busy} w="fit-content">
          Antwort speichern
        </Button>
      </Stack>
    </form>
  );
}
