import { Anchor, Badge, Group, Select, Table, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { SearchRow } from "../../api/matching";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { SortableTh } from "../../components/SortableTh";
import { LoadError, Loading } from "../../components/Status";
import { OPTIONS, SUCHSTATUS_LABELS } from "../../i18n/de";
import { formatDate } from "../../util/format";
import { useDebouncedParam, useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";

export default function SearchList() {
  useTitle("Platzsuchen");
  const lp = useListParams({ sort: "-created_at", page: "1", limit: "20" });
  const [search, setSearch] = useDebouncedParam(lp, "search");
  const q = {
    page: lp.page,
    limit: lp.limit,
    sort: lp.get("sort"),
    status: lp.get("status"),
    search: lp.get("search"),
  };
  const list = useQuery({
    queryKey: ["searches", q],
    queryFn: () => api.get<Paginated<SearchRow>>("/platzsuchen", q),
    placeholderData: keepPreviousData,
  });
  const sortProps = { sort: q.sort, onSort: (s: string) => lp.set({ sort: s }) };

  return (
    <>
      <Title order={2} mb="md">
        Platzsuchen
      </Title>
      <Group mb="sm" align="flex-end">
        <TextInput
          label="Suche nach Patientenname"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Select
          label="Status"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Statusfilter leeren" }}
          data={OPTIONS.suchstatus}
          value={q.status || null}
          onChange={(v) => lp.set({ status: v })}
          w={200}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped highlightOnHover withTableBorder aria-label="Platzsuchen">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <SortableTh field="status" label="Status" {...sortProps} />
                <SortableTh field="created_at" label="Gestartet am" {...sortProps} />
                <Table.Th>Aktive Anfragen</Table.Th>
                <SortableTh field="gesamt_anfragen" label="Anfragen gesamt" {...sortProps} />
                <Table.Th>Vermittelt</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/platzsuchen/${s.id}`}>
                      {s.patienten_name ?? "Patient gelöscht"}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{SUCHSTATUS_LABELS[s.status]}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(s.created_at)}</Table.Td>
                  <Table.Td>{s.aktive_anfragen}</Table.Td>
                  <Table.Td>{s.gesamt_anfragen}</Table.Td>
                  <Table.Td>{s.vermittelter_therapeut_id ? "Ja" : "Nein"}</Table.Td>
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
