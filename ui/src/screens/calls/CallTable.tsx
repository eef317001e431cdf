import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { personName, type PhoneCall } from "../../api/matching";
import { TELEFONANRUFSTATUS_LABELS } from "../../i18n/de";
import { formatDate } from "../../util/format";
import { PhoneHours } from "./PhoneHours";
import { usePatients, useTherapists } from "./useNames";

/** Who to call when: name, number, phone hours, due date; the outcome button when `onOutcome` is given. */
export function CallTable({
  calls,
  onOutcome,
  compact = false,
}: {
  calls: PhoneCall[];
  onOutcome?(c: PhoneCall): void;
  /** Dashboard: without the inquiry and status columns. */
  compact?: boolean;
}) {
  const therapists = useTherapists(calls.map((c) => c.therapist_id));
  const patients = usePatients(calls.map((c) => c.patient_id));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Table striped withTableBorder aria-label="Anrufe">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Fällig</Table.Th>
          <Table.Th>Wen anrufen</Table.Th>
          <Table.Th>Telefon</Table.Th>
          <Table.Th>Telefonzeiten</Table.Th>
          {!compact && <Table.Th>Anlass</Table.Th>}
          {!compact && <Table.Th>Status</Table.Th>}
          {onOutcome && <Table.Th>Ergebnis</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {calls.map((c) => {
          const t = c.therapist_id ? therapists.get(c.therapist_id) : undefined;
          const p = c.patient_id ? patients.get(c.patient_id) : undefined;
          const name = c.therapist_id
            ? t
              ? personName(t)
              : "Therapeut …"
            : p
              ? `${p.vorname} ${p.nachname}`
              : "Patient …";
          const overdue = c.status === "geplant" && c.geplantes_datum < today;
          return (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" c={overdue ? "red.8" : undefined}>
                  {formatDate(c.geplantes_datum)} {c.geplante_zeit?.slice(0, 5)}
                  {overdue ? " (überfällig)" : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={c.therapist_id ? `/therapeuten/${c.therapist_id}` : `/patienten/${c.patient_id}`}
                >
                  {name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {c.therapist_id ? "Therapeut" : "Patient"}
                </Text>
              </Table.Td>
              <Table.Td>{(c.therapist_id ? t?.telefon : p?.telefon) ?? "–"}</Table.Td>
              <Table.Td>
                {c.therapist_id ? <PhoneHours hours={t?.telefonische_erreichbarkeit} /> : "–"}
              </Table.Td>
              {!compact && (
                <Table.Td>
                  {c.therapeutenanfrage_id ? (
                    <Anchor component={Link} to={`/anfragen/${c.therapeutenanfrage_id}`}>
                      Anfrage
                    </Anchor>
                  ) : (
                    "–"
                  )}
                </Table.Td>
              )}
              {!compact && (
                <Table.Td>
                  <Badge variant="light">{TELEFONANRUFSTATUS_LABELS[c.status]}</Badge>
                </Table.Td>
              )}
              {onOutcome && (
                <Table.Td>
                  {c.status === "geplant" ? (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => onOutcome(c)}
                      aria-label={`Ergebnis erfassen: ${name}`}
                    >
                      Ergebnis erfassen
                    </Button>
                  ) : (
                    <Text size="sm">{c.ergebnis ?? "–"}</Text>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
