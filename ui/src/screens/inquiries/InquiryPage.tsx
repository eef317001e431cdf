import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import { personName, type InquiryDetail } from "../../api/matching";
import { InfoGrid } from "../../components/InfoGrid";
import { LoadError, Loading } from "../../components/Status";
import { ANFRAGE_PATIENT_STATUS_LABELS, PATIENTENERGEBNIS_LABELS, errorText } from "../../i18n/de";
import { formatDate, yesNo } from "../../util/format";
import { notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { useWrite } from "../../util/useWrite";
import { PhoneHours } from "../calls/PhoneHours";
import { days } from "../searches/InquiryPreview";
import { AnswerForm } from "./AnswerForm";
import { answerText } from "./InquiryList";

const patientName = (p: InquiryDetail["patients"][number]) =>
  p.patient ? `${p.patient.vorname} ${p.patient.nachname}` : "Patient gelöscht";

export default function InquiryPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const inquiry = useQuery({
    queryKey: ["inquiry", id],
    queryFn: () => api.get<InquiryDetail>(`/therapeutenanfragen/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  const a = inquiry.data;
  const tName = a?.therapist ? personName(a.therapist) : "Therapeut";
  useTitle(a ? `Anfrage an ${tName}` : "Anfrage");
  const [confirming, setConfirming] = useState(false);
  const [answerError, setAnswerError] = useState<string | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ["inquiry", id] });
    qc.invalidateQueries({ queryKey: ["inquiries"] });
    qc.invalidateQueries({ queryKey: ["search"] });
  };
  const send = useWrite(
    (_: void, key) =>
      api.post<{ communication_type?: string }>(
        `/therapeutenanfragen/${id}/senden`,
        {},
        { idempotencyKey: key },
      ),
    {
      onSuccess: (r) => {
        setConfirming(false);
        notifySuccess(
          r.communication_type === "email"
            ? "Anfrage per E-Mail gesendet."
            : "Anfrage gesendet: ein Anruf beim Therapeuten ist geplant.",
        );
        refresh();
      },
      onError: () => setConfirming(false),
    },
  );
  const answer = useWrite(
    (body: object, key) => api.put(`/therapeutenanfragen/${id}/antwort`, body, { idempotencyKey: key }),
    {
      quietErrors: true,
      onSuccess: () => {
        setAnswerError(null);
        notifySuccess("Antwort gespeichert.");
        refresh();
        qc.invalidateQueries({ queryKey: ["therapist", a?.therapist_id] });
      },
      onError: (e) => setAnswerError(errorText(e)),
    },
  );

  if (!Number.isInteger(id) || id <= 0) return <LoadError error={{ type: "NOT_FOUND", status: 404 }} />;
  if (inquiry.isPending) return <Loading />;
  if (inquiry.isError) return <LoadError error={inquiry.error} retry={() => inquiry.refetch()} />;
  if (!a) return null;
  const t = a.therapist;
  const names = a.patients.map(patientName);
  const cancelled = !!a.abgebrochen_am;
  const canSend = !a.gesendet_datum && !cancelled && a.patients.length > 0;
  const canAnswer = !!a.gesendet_datum && !a.antwort_datum && !cancelled;
  const cooling = t?.naechster_kontakt_moeglich;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/anfragen" size="sm">
            ← Anfragen
          </Anchor>
          <Title order={2}>Anfrage an {tName}</Title>
          <Badge
            variant={a.nachverfolgung_erforderlich ? "filled" : "light"}
            mt={4}
            color={a.nachverfolgung_erforderlich ? "orange.9" : undefined}
          >
            {cancelled ? "Abgebrochen" : answerText(a)}
          </Badge>
        </div>
        {canSend && (
          <Button onClick={() => setConfirming(true)} disabled={send.isPending}>
            Anfrage senden …
          </Button>
        )}
      </Group>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Therapeut
        </Title>
        <InfoGrid
          items={[
            [
              "Name",
              t ? (
                <Anchor component={Link} to={`/therapeuten/${t.id}`}>
                  {tName}
                </Anchor>
              ) : (
                "gelöscht"
              ),
            ],
            ["Telefon", t?.telefon ?? "–"],
            ["Telefonzeiten", <PhoneHours hours={t?.telefonische_erreichbarkeit} />],
            ["E-Mail", t?.email ?? "keine"],
            [
              "Abkühlung",
              cooling && cooling > new Date().toISOString().slice(0, 10)
                ? `bis ${formatDate(cooling)} nicht kontaktieren`
                : "keine – ansprechbar",
            ],
          ]}
        />
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Verlauf
        </Title>
        <InfoGrid
          items={[
            ["Erstellt am", formatDate(a.erstellt_datum)],
            ["Gesendet am", formatDate(a.gesendet_datum)],
            ["Tage seit Versand", a.tage_seit_versand === null ? "–" : String(a.tage_seit_versand)],
            ["Nachverfolgung fällig", yesNo(a.nachverfolgung_erforderlich)],
            ["Beantwortet am", formatDate(a.antwort_datum)],
            ["Angenommen", a.antwort_datum ? String(a.angenommen_anzahl) : "–"],
            ["Abgelehnt", a.antwort_datum ? String(a.abgelehnt_anzahl) : "–"],
            ["Abgebrochen am", formatDate(a.abgebrochen_am)],
          ]}
        />
        {a.hinweise.length > 0 && (
          <Alert color="yellow" mt="md" title="Hinweise">
            <List size="sm">
              {a.hinweise.map((h, i) => (
                <List.Item key={i}>
                  {formatDate(h.created_at)}: {h.text}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {a.notizen && (
          <Text size="sm" mt="md" style={{ whiteSpace: "pre-wrap" }}>
            {a.notizen}
          </Text>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Patienten
        </Title>
        <Table withTableBorder aria-label="Patienten der Anfrage">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Wartezeit</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Antwort</Table.Th>
              <Table.Th>Platzsuche</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.patients.map((p) => (
              <Table.Tr key={p.patient_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/patienten/${p.patient_id}`}>
                    {patientName(p)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{days(p.wartezeit_tage)}</Table.Td>
                <Table.Td>{ANFRAGE_PATIENT_STATUS_LABELS[p.status]}</Table.Td>
                <Table.Td>
                  {p.antwortergebnis ? PATIENTENERGEBNIS_LABELS[p.antwortergebnis] : "–"}
                  {(p.antwortergebnis === "angenommen" || p.antwortergebnis === "in_Sitzungen") && (
                    <Badge color="teal.9" ml="xs">
                      vermittelt
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/platzsuchen/${p.platzsuche_id}`}>
                    öffnen
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {canAnswer && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="sm">
            Antwort erfassen
          </Title>
          <AnswerForm
            patients={a.patients.map((p) => ({ patient_id: p.patient_id, name: patientName(p) }))}
            busy={answer.isPending}
            error={answerError}
            onSubmit={(body) => answer.run(body)}
          />
        </Paper>
      )}

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Anfrage senden?"
        centered
        closeButtonProps={{ "aria-label": "Dialog schließen" }}
      >
        <Stack>
          <Text size="sm">
            {t?.email
              ? `${tName} erhält eine E-Mail an ${t.email} mit diesen ${names.length} Patienten:`
              : `${tName} hat keine E-Mail-Adresse: es wird ein Anruf geplant, um diese ${names.length} Patienten vorzustellen:`}
          </Text>
          <List size="sm">
            {names.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Abbrechen
            </Button>
            <Button onClick={() => send.run()} disabled={send.isPending} loading={send.isPending}>
              Jetzt senden
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
