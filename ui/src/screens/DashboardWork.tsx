import { Anchor, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../api/client";
import type { InquiryRow, PhoneCall } from "../api/matching";
import type { Paginated } from "../api/types";
import { LoadError, Loading } from "../components/Status";
import { formatDate, formatDateTime } from "../util/format";
import { CallTable } from "./calls/CallTable";
import PlacementFunnel from "./PlacementFunnel";
import { todayIso } from "./calls/CallList";

function Section({ title, to, children }: { title: string; to?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {to ? (
          <Anchor component={Link} to={to} inherit>
            {title}
          </Anchor>
        ) : (
          title
        )}
      </Title>
      {children}
    </Paper>
  );
}

function CallsToday() {
  const q = useQuery({
    queryKey: ["calls", "dashboard", todayIso()],
    queryFn: () =>
      api.get<Paginated<PhoneCall>>("/phone-calls", {
        status: "geplant",
        faellig_bis: todayIso(),
        sort: "termin",
        limit: 10,
      }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  if (!q.data.total) return <Text c="dimmed">Heute ist kein Anruf fällig.</Text>;
  return (
    <>
      <CallTable calls={q.data.data} compact />
      {q.data.total > q.data.data.length && (
        <Text size="sm" mt="xs">
          und {q.data.total - q.data.data.length} weitere
        </Text>
      )}
    </>
  );
}

function Unanswered() {
  const q = useQuery({
    queryKey: ["inquiries", "dashboard"],
    queryFn: () =>
      api.get<Paginated<InquiryRow>>("/therapeutenanfragen", {
        nachverfolgung_erforderlich: true,
        limit: 10,
      }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  if (!q.data.total) return <Text c="dimmed">Keine.</Text>;
  return (
    <Table aria-label="Unbeantwortete Anfragen">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Therapeut</Table.Th>
          <Table.Th>Gesendet am</Table.Th>
          <Table.Th>Tage</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.data.data.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor component={Link} to={`/anfragen/${a.id}`}>
                {a.therapeuten_name ?? "Therapeut gelöscht"}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(a.gesendet_datum)}</Table.Td>
            <Table.Td>{a.tage_seit_versand}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface EmailRow {
  id: number;
  betreff: string;
  empfaenger_name: string;
  created_at: string;
}
function FailedEmails() {
  const q = useQuery({
    queryKey: ["emails", "failed"],
    queryFn: () => api.get<Paginated<EmailRow>>("/emails", { status: "Fehlgeschlagen", limit: 5 }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  if (!q.data.total) return <Text c="dimmed">Keine.</Text>;
  return (
    <>
      <Text fw={700}>{q.data.total} nicht zugestellt</Text>
      {q.data.data.map((e) => (
        <Text size="sm" key={e.id}>
          {formatDateTime(e.created_at)} · {e.empfaenger_name}: {e.betreff}
        </Text>
      ))}
    </>
  );
}

interface ImportStatus {
  last_error_time: string | null;
  recent_imports: {
    id: number;
    file: string | null;
    plz: string | null;
    failed_count: number;
    time: string | null;
  }[];
}
function ImportProblems() {
  const q = useQuery({
    queryKey: ["therapist-import-status"],
    queryFn: () => api.get<ImportStatus>("/therapists/import-status"),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} retry={() => q.refetch()} />;
  const failed = q.data.recent_imports.filter((r) => r.failed_count > 0);
  if (!failed.length && !q.data.last_error_time) return <Text c="dimmed">Keine.</Text>;
  return (
    <>
      {q.data.last_error_time && (
        <Text size="sm">Letzter Fehler am {formatDateTime(q.data.last_error_time)}</Text>
      )}
      {failed.slice(0, 5).map((r) => (
        <Text size="sm" key={r.id}>
          {formatDateTime(r.time)} · {r.file ?? (r.plz ? `PLZ ${r.plz}` : "Import")}: {r.failed_count}{" "}
          Therapeuten nicht übernommen
        </Text>
      ))}
    </>
  );
}

/** The day's work on the dashboard: calls, unanswered inquiries, failures, and the placement funnel. */
export function DashboardWork() {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} mt="md">
      <Section title="Heute anzurufen" to="/telefonate">
        <CallsToday />
      </Section>
      <Section
        title="Anfragen ohne Antwort seit 7 Tagen oder länger"
        to="/anfragen?nachverfolgung_erforderlich=true"
      >
        <Unanswered />
      </Section>
      <Section title="Fehlgeschlagene E-Mails">
        <FailedEmails />
      </Section>
      <Section title="Importprobleme">
        <ImportProblems />
      </Section>
      <Section title="Vermittlungstrichter">
        <PlacementFunnel />
      </Section>
    </SimpleGrid>
  );
}
