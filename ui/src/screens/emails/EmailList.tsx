import { Anchor, Group, Select, Table, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { Email } from "../../api/adminTypes";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { EMAIL_TYP_LABELS, OPTIONS } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { useDebouncedParam, useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { EmailStatusBadge } from "./emailStatus";

const RECIPIENTS = [
  { value: "therapist", label: "Therapeuten" },
  { value: "patient", label: "Patienten" },
];
const ANSWER = [
  { value: "true", label: "Ja" },
  { value: "false", label: "Nein" },
];

export default function EmailList() {
  useTitle("E-Mails");
  const lp = useListParams({ page: "1", limit: "20" });
  const [search, setSearch] = useDebouncedParam(lp, "search");
  const q = {
    page: lp.page,
    limit: lp.limit,
    status: lp.get("status"),
    recipient_type: lp.get("recipient_type"),
    antwort_erhalten: lp.get("antwort_erhalten"),
    search: lp.get("search"),
  };
  const list = useQuery({
    queryKey: ["emails", q],
    queryFn: () => api.get<Paginated<Email>>("/emails", q),
    placeholderData: keepPreviousData,
  });
  const filter = (label: string, key: string, data: { value: string; label: string }[], w = 200) => (
    <Select
      label={label}
      placeholder="Alle"
      clearable
      clearButtonProps={{ "aria-label": `${label}: Filter leeren` }}
      data={data}
      value={lp.get(key) || null}
      onChange={(v) => lp.set({ [key]: v })}
      w={w}
    />
  );

  return (
    <>
      <Title order={2} mb="md">
        E-Mails
      </Title>
      <Group mb="sm" align="flex-end">
        <TextInput
          label="Suche nach Empfänger oder Betreff"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        {filter("Status", "status", OPTIONS.emailstatus)}
        {filter("Empfänger", "recipient_type", RECIPIENTS, 160)}
        {filter("Antwort erhalten", "antwort_erhalten", ANSWER, 160)}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped highlightOnHover withTableBorder aria-label="E-Mail-Liste">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Betreff</Table.Th>
                <Table.Th>Empfänger</Table.Th>
                <Table.Th>Art</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Angelegt</Table.Th>
                <Table.Th>Gesendet</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/emails/${e.id}`}>
                      {e.betreff || "(ohne Betreff)"}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.empfaenger_name}</Text>
                    <Text size="xs" c="gray.7">
                      {e.empfaenger_email} · {e.therapist_id ? "Therapeut" : "Patient"}
                    </Text>
                  </Table.Td>
                  <Table.Td>{EMAIL_TYP_LABELS[e.typ] ?? e.typ}</Table.Td>
                  <Table.Td>
                    <EmailStatusBadge status={e.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(e.created_at)}</Table.Td>
                  <Table.Td>{formatDateTime(e.gesendet_am)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager
            page={list.data.page}
            limit={list.data.limit}
            total={list.data.total}
            onPage={(p) => lp.set({ page: p }, false)}
            onLimit={(l) => lp.set({ limit: l })}
          />
        </>
      )}
    </>
  );
}
