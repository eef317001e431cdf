import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, newIdempotencyKey } from "../../api/client";
import { WEEKDAYS, type Paginated, type Patient } from "../../api/types";
import { InfoGrid } from "../../components/InfoGrid";
import { LoadError, Loading } from "../../components/Status";
import {
  ANREDE_LABELS,
  GESCHLECHT_LABELS,
  GESCHLECHTSPRAEFERENZ_LABELS,
  PATIENTENSTATUS_LABELS,
  SUCHSTATUS_LABELS,
  THERAPIEVERFAHREN_LABELS,
  VERKEHRSMITTEL_LABELS,
  WEEKDAY_LABELS,
  fieldLabel as L,
} from "../../i18n/de";
import { formatDate, text, yesNo } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { PatientForm } from "./PatientForm";
import { toFormValues } from "./patientForm";
import type { Suchstatus } from "../../../../services/shared/enums";

interface SearchRow {
  id: number;
  status: Suchstatus;
  created_at: string;
  aktive_anfragen: number;
  gesamt_anfragen: number;
}

export default function PatientPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const patient = useQuery({
    queryKey: ["patient", id],
    queryFn: () => api.get<Patient>(`/patients/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  const searches = useQuery({
    queryKey: ["searches", { patient_id: id }],
    queryFn: () => api.get<Paginated<SearchRow>>("/platzsuchen", { patient_id: id, limit: 100 }),
    enabled: patient.isSuccess,
  });
  const startKey = useRef(newIdempotencyKey());
  const startSearch = useMutation({
    mutationFn: () =>
      api.post<{ id: number }>("/platzsuchen", { patient_id: id }, { idempotencyKey: startKey.current }),
    onSuccess: () => {
      startKey.current = newIdempotencyKey();
      notifySuccess("Platzsuche gestartet.");
      qc.invalidateQueries({ queryKey: ["searches"] });
      qc.invalidateQueries({ queryKey: ["patient", id] });
    },
    onError: (e) => {
      startKey.current = newIdempotencyKey();
      notifyError(e);
    },
  });
  const p = patient.data;
  useTitle(p ? `${p.vorname} ${p.nachname}` : "Patient");

  if (!Number.isInteger(id) || id <= 0) return <LoadError error={{ type: "NOT_FOUND", status: 404 }} />;
  if (patient.isPending) return <Loading />;
  if (patient.isError) return <LoadError error={patient.error} retry={() => patient.refetch()} />;
  if (!p) return null;
  const vq = p.vorqualifikation;
  const hasActive = searches.data?.data.some((s) => s.status === "aktiv");

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to="/patienten" size="sm">
            ← Patienten
          </Anchor>
          <Title order={2}>
            {ANREDE_LABELS[p.anrede]} {p.vorname} {p.nachname}
          </Title>
          <Badge variant="light" mt={4}>
            {PATIENTENSTATUS_LABELS[p.status]}
          </Badge>
        </div>
        {!editing && (
          <Group>
            <Button variant="default" onClick={() => setEditing(true)}>
              Bearbeiten
            </Button>
            <Button
              onClick={() => startSearch.mutate()}
              loading={startSearch.isPending}
              disabled={startSearch.isPending || hasActive}
            >
              Platzsuche starten
            </Button>
          </Group>
        )}
      </Group>

      {editing ? (
        <PatientForm
          isNew={false}
          initial={toFormValues(p)}
          onCancel={() => setEditing(false)}
          onSubmit={async (body, idempotencyKey) => {
            if (Object.keys(body).length) {
              const updated = await api.put<Patient>(`/patients/${p.id}`, body, { idempotencyKey });
              qc.setQueryData(["patient", id], updated);
              qc.invalidateQueries({ queryKey: ["patients"] });
            }
            notifySuccess("Gespeichert.");
            return () => setEditing(false);
          }}
        />
      ) : (
        <>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Stammdaten
            </Title>
            <InfoGrid
              items={[
                [L("geschlecht"), GESCHLECHT_LABELS[p.geschlecht]],
                [L("geburtsdatum"), formatDate(p.geburtsdatum)],
                [
                  "Adresse",
                  [p.strasse, [p.plz, p.ort].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "–",
                ],
                [L("email"), text(p.email)],
                [L("telefon"), text(p.telefon)],
                [L("krankenkasse"), text(p.krankenkasse)],
                [L("krankenversicherungsnummer"), text(p.krankenversicherungsnummer)],
                [L("hausarzt"), text(p.hausarzt)],
                [L("empfehler_der_unterstuetzung"), text(p.empfehler_der_unterstuetzung)],
                [L("zahlungsreferenz"), text(p.zahlungsreferenz)],
                [L("vertraege_unterschrieben"), yesNo(p.vertraege_unterschrieben)],
                [L("zahlung_eingegangen"), yesNo(p.zahlung_eingegangen)],
                [L("startdatum"), formatDate(p.startdatum)],
                [L("letzter_kontakt"), formatDate(p.letzter_kontakt)],
                [L("created_at"), formatDate(p.created_at)],
              ]}
            />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Vorqualifikation
            </Title>
            <InfoGrid
              items={[
                [L("symptome"), p.symptome.length ? p.symptome.join(", ") : "–"],
                [L("erfahrung_mit_psychotherapie"), yesNo(p.erfahrung_mit_psychotherapie)],
                [
                  L("letzte_sitzung_vorherige_psychotherapie"),
                  formatDate(p.letzte_sitzung_vorherige_psychotherapie),
                ],
                [L("erster_therapieplatz_am"), formatDate(p.erster_therapieplatz_am)],
                [L("funktionierender_therapieplatz_am"), formatDate(p.funktionierender_therapieplatz_am)],
                [
                  "Verfügbarkeit pro Woche",
                  vq ? `${vq.woechentliche_stunden} Std. (mindestens ${vq.mindeststunden} Std.)` : "–",
                ],
              ]}
            />
            {vq && vq.hinweise.length > 0 && (
              <Alert color="yellow" mt="sm" title="Hinweise">
                <List size="sm">
                  {vq.hinweise.map((h) => (
                    <List.Item key={h}>{h}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Präferenzen
            </Title>
            <InfoGrid
              items={[
                [
                  L("bevorzugtes_therapeutengeschlecht"),
                  GESCHLECHTSPRAEFERENZ_LABELS[p.bevorzugtes_therapeutengeschlecht],
                ],
                [
                  L("bevorzugtes_therapieverfahren"),
                  THERAPIEVERFAHREN_LABELS[p.bevorzugtes_therapieverfahren],
                ],
                [
                  L("verkehrsmittel"),
                  p.verkehrsmittel
                    ? ((VERKEHRSMITTEL_LABELS as Record<string, string>)[p.verkehrsmittel] ??
                      p.verkehrsmittel)
                    : "–",
                ],
                [
                  L("raeumliche_verfuegbarkeit"),
                  p.raeumliche_verfuegbarkeit?.max_km
                    ? `${p.raeumliche_verfuegbarkeit.max_km} km`
                    : "Standard (25 km)",
                ],
                [L("offen_fuer_gruppentherapie"), yesNo(p.offen_fuer_gruppentherapie)],
                [L("offen_fuer_diga"), yesNo(p.offen_fuer_diga)],
              ]}
            />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Verfügbarkeit
            </Title>
            <Table withRowBorders={false} aria-label={L("zeitliche_verfuegbarkeit")}>
              <Table.Tbody>
                {WEEKDAYS.map((d) => (
                  <Table.Tr key={d}>
                    <Table.Th w={120}>{WEEKDAY_LABELS[d]}</Table.Th>
                    <Table.Td>
                      {p.zeitliche_verfuegbarkeit[d]?.length
                        ? p.zeitliche_verfuegbarkeit[d]!.map((r) => r.replace("-", "–")).join(", ")
                        : "–"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Platzsuchen
            </Title>
            {searches.isPending ? (
              <Loading />
            ) : searches.isError ? (
              <LoadError error={searches.error} retry={() => searches.refetch()} />
            ) : searches.data.data.length === 0 ? (
              <Text c="dimmed">Noch keine Platzsuche.</Text>
            ) : (
              <Table aria-label="Platzsuchen des Patienten">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Gestartet am</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Aktive Anfragen</Table.Th>
                    <Table.Th>Anfragen gesamt</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {searches.data.data.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/platzsuchen/${s.id}`}>
                          {formatDate(s.created_at)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{SUCHSTATUS_LABELS[s.status]}</Table.Td>
                      <Table.Td>{s.aktive_anfragen}</Table.Td>
                      <Table.Td>{s.gesamt_anfragen}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
