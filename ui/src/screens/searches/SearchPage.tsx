import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Suchstatus } from "../../../../services/shared/enums";
import { api } from "../../api/client";
import { personName, type SearchDetail } from "../../api/matching";
import { InfoGrid } from "../../components/InfoGrid";
import { LoadError, Loading } from "../../components/Status";
import {
  ANFRAGE_PATIENT_STATUS_LABELS,
  PATIENTENERGEBNIS_LABELS,
  SUCHSTATUS_LABELS,
  errorText,
} from "../../i18n/de";
import { formatDate } from "../../util/format";
import { notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { useWrite } from "../../util/useWrite";
import { useTherapists } from "../calls/useNames";

/** Status changes the API allows (docs/matching.md). */
const NEXT: Record<Suchstatus, Suchstatus[]> = {
  aktiv: ["pausiert", "erfolgreich", "abgebrochen"],
  pausiert: ["aktiv", "abgebrochen"],
  erfolgreich: [],
  abgebrochen: [],
};

export default function SearchPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const search = useQuery({
    queryKey: ["search", id],
    queryFn: () => api.get<SearchDetail>(`/platzsuchen/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  const s = search.data;
  const patientName = s?.patient ? `${s.patient.vorname} ${s.patient.nachname}` : "Patient";
  useTitle(s ? `Platzsuche ${patientName}` : "Platzsuche");
  const therapists = useTherapists([...(s?.ausgeschlossene_therapeuten ?? []), s?.vermittelter_therapeut_id]);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ["search", id] });
    qc.invalidateQueries({ queryKey: ["searches"] });
  };
  const saveNote = useWrite(
    (text: string, key) => api.put(`/platzsuchen/${id}`, { notizen: text }, { idempotencyKey: key }),
    {
      quietErrors: true,
      onSuccess: () => {
        setNote("");
        setNoteError(null);
        notifySuccess("Notiz gespeichert.");
        refresh();
      },
      onError: (e) => setNoteError(errorText(e)),
    },
  );
  const changeStatus = useWrite(
    (next: string, key) => api.put(`/platzsuchen/${id}`, { status: next }, { idempotencyKey: key }),
    {
      onSuccess: () => {
        setStatus(null);
        notifySuccess("Status geändert.");
        refresh();
      },
    },
  );

  if (!Number.isInteger(id) || id <= 0) return <LoadError error={{ type: "NOT_FOUND", status: 404 }} />;
  if (search.isPending) return <Loading />;
  if (search.isError) return <LoadError error={search.error} retry={() => search.refetch()} />;
  if (!s) return null;
  const placedWith = s.vermittelter_therapeut_id ? therapists.get(s.vermittelter_therapeut_id) : undefined;
  const options = NEXT[s.status]
    .filter((v) => v !== "erfolgreich" || s.vermittelter_therapeut_id)
    .map((v) => ({ value: v, label: SUCHSTATUS_LABELS[v] }));
  const prefix = s.patient?.plz?.slice(0, 2) ?? "";

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/platzsuchen" size="sm">
            ← Platzsuchen
          </Anchor>
          <Title order={2}>Platzsuche für {patientName}</Title>
          <Badge variant="light" mt={4}>
            {SUCHSTATUS_LABELS[s.status]}
          </Badge>
        </div>
        {s.status === "aktiv" && !s.vermittelter_therapeut_id && (
          <Button component={Link} to={`/auswahl?plz=${prefix}&suche=${s.id}`}>
            Therapeuten auswählen
          </Button>
        )}
      </Group>

      <Paper withBorder p="md">
        <InfoGrid
          items={[
            [
              "Patient",
              s.patient ? (
                <Anchor component={Link} to={`/patienten/${s.patient_id}`}>
                  {patientName}
                </Anchor>
              ) : (
                "gelöscht"
              ),
            ],
            ["PLZ / Ort", [s.patient?.plz, s.patient?.ort].filter(Boolean).join(" ") || "–"],
            ["Gestartet am", formatDate(s.created_at)],
            ["Kontakte übrig", `${s.verbleibende_kontakte} von ${s.gesamt_angeforderte_kontakte}`],
            ["Aktive Anfragen", String(s.aktive_anfragen)],
            ["Anfragen gesamt", String(s.gesamt_anfragen)],
            [
              "Vermittelt an",
              s.vermittelter_therapeut_id ? (placedWith ? personName(placedWith) : "…") : "noch nicht",
            ],
            ["Erfolgreich am", formatDate(s.erfolgreiche_vermittlung_datum)],
          ]}
        />
        {options.length > 0 && (
          <Group mt="md" align="flex-end">
            <Select
              label="Status ändern"
              placeholder="Neuen Status wählen"
              data={options}
              value={status}
              onChange={setStatus}
              w={240}
            />
            <Button
              variant="default"
              disabled={!status || changeStatus.isPending}
              loading={changeStatus.isPending}
              onClick={() => status && changeStatus.run(status)}
            >
              Status speichern
            </Button>
          </Group>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Ausgeschlossene Therapeuten
        </Title>
        {s.ausgeschlossene_therapeuten.length === 0 ? (
          <Text c="dimmed">Keine.</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} pl="md">
            {s.ausgeschlossene_therapeuten.map((tid) => {
              const t = therapists.get(tid);
              return (
                <li key={tid}>
                  <Anchor component={Link} to={`/therapeuten/${tid}`}>
                    {t ? personName(t) : "Therapeut wird geladen …"}
                  </Anchor>
                </li>
              );
            })}
          </Stack>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Anfragen
        </Title>
        {s.anfrage_verlauf.length === 0 ? (
          <Text c="dimmed">Noch keine Anfrage.</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2}>
            {s.anfrage_verlauf.map((h) => (
              <Timeline.Item
                key={h.anfrage_id}
                title={
                  <Anchor component={Link} to={`/anfragen/${h.anfrage_id}`}>
                    Anfrage an {h.therapeuten_name ?? "unbekannten Therapeuten"}
                  </Anchor>
                }
              >
                <Text size="sm">
                  {h.sent_date ? `gesendet am ${formatDate(h.sent_date)}` : "noch nicht gesendet"}
                  {h.response_date ? ` · beantwortet am ${formatDate(h.response_date)}` : ""}
                </Text>
                <Text size="sm" c="dimmed">
                  {h.outcome ? PATIENTENERGEBNIS_LABELS[h.outcome] : ANFRAGE_PATIENT_STATUS_LABELS[h.status]}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Notizen
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} mb="sm">
          {s.notizen || "Keine Notizen."}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) return setNoteError("Bitte einen Text eingeben.");
            saveNote.run(note.trim());
          }}
        >
          <Textarea
            label="Notiz hinzufügen"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            autosize
            minRows={2}
          />
          <Button
            type="submit"
            mt="sm"
            variant="default"
            disabled={saveNote.isPending}
            loading={saveNote.isPending}
          >
            Notiz speichern
          </Button>
        </form>
      </Paper>
    </Stack>
  );
}
