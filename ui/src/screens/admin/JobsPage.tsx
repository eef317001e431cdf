import { Alert, Badge, Button, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, newIdempotencyKey } from "../../api/client";
import type { Job } from "../../api/adminTypes";
import { useIsAdmin } from "../../components/RequireAdmin";
import { LoadError, Loading } from "../../components/Status";
import { JOB_STATUS_LABELS, jobLabel } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";

/** "0 5 * * *" → "täglich 05:00"; intervals and other cron forms in words where simple, else as written. */
export function scheduleText(s: string): string {
  const every = /^every (\d+)s$/.exec(s) ?? /^(\d+)$/.exec(s);
  if (every) {
    const sec = Number(every[1]);
    return sec % 60 === 0 ? `alle ${sec / 60} Minuten` : `alle ${sec} Sekunden`;
  }
  const expr = s.replace(/^cron /, "").trim();
  const cron = /^(\d{1,2}) (\d{1,2}) \* \* (\*|1-5)$/.exec(expr);
  if (cron) {
    const time = `${cron[2].padStart(2, "0")}:${cron[1].padStart(2, "0")}`;
    return cron[3] === "1-5" ? `montags bis freitags ${time}` : `täglich ${time}`;
  }
  return `nach Zeitplan ${expr}`;
}

export default function JobsPage() {
  useTitle("Jobs");
  const admin = useIsAdmin();
  const qc = useQueryClient();
  const [running, setRunning] = useState<string | null>(null);
  const jobs = useQuery({ queryKey: ["jobs"], queryFn: () => api.get<{ data: Job[] }>("/jobs") });

  const run = async (name: string) => {
    if (running) return;
    setRunning(name);
    try {
      const r = await api.post<{ status?: string }>(
        `/jobs/${encodeURIComponent(name)}/run`,
        {},
        {
          idempotencyKey: newIdempotencyKey(),
        },
      );
      if (r?.status === "failed") notifyError({ type: "JOB_FAILED", status: 500 });
      else notifySuccess(`„${jobLabel(name)}“ wurde ausgeführt.`);
      qc.invalidateQueries({ queryKey: ["jobs"] });
    } catch (err) {
      notifyError(err);
    } finally {
      setRunning(null);
    }
  };

  return (
    <>
      <Title order={2} mb="md">
        Jobs
      </Title>
      {jobs.isPending ? (
        <Loading />
      ) : jobs.isError ? (
        <LoadError error={jobs.error} retry={() => jobs.refetch()} />
      ) : jobs.data.data.length === 0 ? (
        <Alert color="gray.8">Es sind keine geplanten Jobs eingetragen.</Alert>
      ) : (
        <Table striped withTableBorder aria-label="Geplante Jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Zeitplan</Table.Th>
              <Table.Th>Letzter Lauf</Table.Th>
              <Table.Th>Ergebnis</Table.Th>
              <Table.Th>Nächster Lauf</Table.Th>
              {admin && <Table.Th>Aktion</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data.data.map((j) => (
              <Table.Tr key={j.name}>
                <Table.Td>
                  <Text size="sm">{jobLabel(j.name)}</Text>
                  {!j.enabled && (
                    <Text size="xs" c="gray.7">
                      ausgeschaltet
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{scheduleText(j.schedule)}</Table.Td>
                <Table.Td>
                  {formatDateTime(j.last_run_at)}
                  {j.last_duration_ms !== null && j.last_run_at && (
                    <Text size="xs" c="gray.7">
                      Dauer{" "}
                      {(j.last_duration_ms / 1000).toLocaleString("de-DE", { maximumFractionDigits: 1 })} s
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {j.last_status ? (
                    <Badge variant="outline" color={j.last_status === "ok" ? "teal.9" : "red.9"}>
                      {JOB_STATUS_LABELS[j.last_status] ?? j.last_status}
                    </Badge>
                  ) : (
                    "–"
                  )}
                  {j.last_error && (
                    <Text size="xs" c="red.8">
                      Fehler beim letzten Lauf{j.attempts ? `, Versuch ${j.attempts}` : ""}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(j.next_run_at)}</Table.Td>
                {admin && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => run(j.name)}
                      loading={running === j.name}
                      disabled={running !== null}
                      aria-label={`${jobLabel(j.name)} jetzt ausführen`}
                    >
                      Jetzt ausführen
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
