import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { Anchor } from "@mantine/core";
import { api, newIdempotencyKey } from "../../api/client";
import type { PatientImportStatus, ScraperJob, TherapistImportStatus } from "../../api/adminTypes";
import { useIsAdmin } from "../../components/RequireAdmin";
import { LoadError, Loading } from "../../components/Status";
import { importProblemText, SCRAPER_STATUS_LABELS } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { TherapistUploadForm } from "./TherapistUploadForm";

/** A small figure with its label. */
const Figure = ({ label, value }: { label: string; value: string | number }) => (
  <Stack gap={0}>
    <Text size="xs" c="gray.7">
      {label}
    </Text>
    <Text fw={600}>{value}</Text>
  </Stack>
);

const SOURCE_LABELS: Record<string, string> = {
  folder: "Ordner",
  upload: "Hochgeladen",
  api: "Schnittstelle",
  scraper: "Abruf 116117",
};

function TherapistImportCard() {
  const admin = useIsAdmin();
  const qc = useQueryClient();
  const [running, setRunning] = useState(false);
  const key = useRef(newIdempotencyKey());
  const status = useQuery({
    queryKey: ["therapist-import-status"],
    queryFn: () => api.get<TherapistImportStatus>("/therapists/import-status"),
    // While an import runs the figures move: look again every 5 s.
    refetchInterval: (q) => (q.state.data?.running ? 5000 : false),
  });
  const runFolder = async () => {
    if (running) return;
    setRunning(true);
    try {
      await api.post("/therapists/import/folder", {}, { idempotencyKey: key.current });
      notifySuccess("Der Ordner wurde eingelesen.");
      qc.invalidateQueries({ queryKey: ["therapist-import-status"] });
    } catch (err) {
      notifyError(err);
    } finally {
      key.current = newIdempotencyKey();
      setRunning(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Therapeuten-Import (116117)
        </Title>
        {status.data && (
          <Badge variant="outline" color={status.data.running ? "blue.8" : "gray.8"}>
            {status.data.running ? "Import läuft" : "Bereit"}
          </Badge>
        )}
      </Group>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} retry={() => status.refetch()} />
      ) : (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label="Letzte Prüfung" value={formatDateTime(status.data.last_check)} />
            <Figure label="Nächster Ordner-Import" value={formatDateTime(status.data.next_import_run)} />
            <Figure label="Dateien heute" value={status.data.files_processed_today} />
            <Figure label="Therapeuten heute" value={status.data.therapists_processed_today} />
            <Figure label="Fehlerhafte Einträge heute" value={status.data.therapists_failed_today ?? 0} />
            <Figure
              label="Importe insgesamt"
              value={status.data.totals?.imports ?? status.data.total_files_processed}
            />
            <Figure label="Neu angelegt insgesamt" value={status.data.totals?.therapists_created ?? 0} />
            <Figure label="Geändert insgesamt" value={status.data.totals?.therapists_updated ?? 0} />
          </SimpleGrid>
          {status.data.last_error && (
            <Alert color="red.9" title="Letztes Problem">
              {importProblemText(status.data.last_error)} ({formatDateTime(status.data.last_error_time)})
            </Alert>
          )}
          <Title order={4} size="h5">
            Letzte Importe
          </Title>
          {status.data.recent_imports.length === 0 ? (
            <Text c="gray.7">Noch keine Importe.</Text>
          ) : (
            <Table withTableBorder striped aria-label="Letzte Therapeuten-Importe">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Zeit</Table.Th>
                  <Table.Th>Datei</Table.Th>
                  <Table.Th>Quelle</Table.Th>
                  <Table.Th>Übernommen</Table.Th>
                  <Table.Th>Probleme</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.data.recent_imports.map((r, i) => {
                  const share = r.therapist_count ? (r.success_count / r.therapist_count) * 100 : 100;
                  return (
                    <Table.Tr key={`${r.time}-${i}`}>
                      <Table.Td>{formatDateTime(r.time)}</Table.Td>
                      <Table.Td>{r.file ?? "–"}</Table.Td>
                      <Table.Td>{SOURCE_LABELS[r.source ?? ""] ?? "–"}</Table.Td>
                      <Table.Td>
                        <Progress
                          value={share}
                          color={r.failed_count ? "yellow" : "teal.9"}
                          w={140}
                          aria-label={`${r.success_count} von ${r.therapist_count} übernommen`}
                        />
                        <Text size="xs">
                          {r.success_count} von {r.therapist_count}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.failed_count === 0
                          ? "keine"
                          : (r.report?.errors ?? [])
                              .map((e) => `${importProblemText(e.type)} (${e.count}×)`)
                              .join("; ") || `${r.failed_count} fehlerhaft`}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {admin && (
            <>
              <Title order={4} size="h5">
                Datei importieren
              </Title>
              <TherapistUploadForm
                onDone={() => qc.invalidateQueries({ queryKey: ["therapist-import-status"] })}
              />
              <Group>
                <Button
                  variant="default"
                  onClick={runFolder}
                  loading={running}
                  disabled={running || status.data.running}
                >
                  Import-Ordner jetzt einlesen
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function PatientImportCard() {
  const status = useQuery({
    queryKey: ["patient-import-status"],
    queryFn: () => api.get<PatientImportStatus>("/patients/import-status"),
    refetchInterval: (q) => ((q.state.data?.files_waiting ?? 0) > 0 ? 5000 : false),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Patienten-Import (Anmeldungen)
      </Title>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} retry={() => status.refetch()} />
      ) : (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label="Letzte Prüfung" value={formatDateTime(status.data.last_check)} />
            <Figure label="Wartende Dateien" value={status.data.files_waiting ?? 0} />
            <Figure label="Heute importiert" value={status.data.files_processed_today} />
            <Figure label="Heute fehlgeschlagen" value={status.data.files_failed_today} />
            <Figure label="Insgesamt importiert" value={status.data.total_processed} />
            <Figure label="Insgesamt fehlgeschlagen" value={status.data.total_failed} />
          </SimpleGrid>
          {status.data.last_error && (
            <Alert color="red.9" title="Letztes Problem">
              {importProblemText(status.data.last_error)} ({formatDateTime(status.data.last_error_time)})
            </Alert>
          )}
          {status.data.recent_imports.length === 0 ? (
            <Text c="gray.7">Noch keine Anmeldungen importiert.</Text>
          ) : (
            <Table withTableBorder striped aria-label="Letzte Patienten-Importe">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Zeit</Table.Th>
                  <Table.Th>Ergebnis</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {status.data.recent_imports.map((r, i) => (
                  <Table.Tr key={`${r.time}-${i}`}>
                    <Table.Td>{formatDateTime(r.time)}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={r.status === "success" ? "teal.9" : "red.9"}>
                        {r.status === "success"
                          ? r.duplicate
                            ? "Bereits importiert"
                            : "Importiert"
                          : "Fehlgeschlagen"}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.patient_id ? (
                        <Anchor component={Link} to={`/patienten/${r.patient_id}`}>
                          Patient öffnen
                        </Anchor>
                      ) : (
                        "–"
                      )}
                    </Table.Td>
                    <Table.Td>{r.status === "failed" ? importProblemText(r.error) : "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function ScraperCard() {
  const jobs = useQuery({
    queryKey: ["scraper-jobs"],
    queryFn: () => api.get<{ enabled: boolean; data: ScraperJob[] }>("/scraper/jobs"),
    refetchInterval: (q) => (q.state.data?.data.some((j) => j.status === "running") ? 5000 : false),
  });
  if (jobs.isPending || jobs.isError || (!jobs.data.enabled && jobs.data.data.length === 0)) return null;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Abrufe von 116117
      </Title>
      {jobs.data.data.length === 0 ? (
        <Text c="gray.7">Noch keine Abrufe.</Text>
      ) : (
        <Table withTableBorder aria-label="Abrufe von 116117">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Abruf</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Fortschritt</Table.Th>
              <Table.Th>Gefunden</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data.data.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td>
                  {j.label || `Abruf ${j.id}`} ({formatDateTime(j.created_at)})
                </Table.Td>
                <Table.Td>{SCRAPER_STATUS_LABELS[j.status] ?? j.status}</Table.Td>
                <Table.Td>
                  <Progress
                    value={j.progress_percent}
                    w={140}
                    aria-label={`Fortschritt ${j.progress_percent} %`}
                  />
                  <Text size="xs">
                    {j.cells_done} von {j.cells_total} Suchpunkten
                  </Text>
                </Table.Td>
                <Table.Td>{j.records} Einträge</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export default function ImportsPage() {
  useTitle("Importe");
  return (
    <Stack>
      <Title order={2}>Importe</Title>
      <TherapistImportCard />
      <ScraperCard />
      <PatientImportCard />
    </Stack>
  );
}
