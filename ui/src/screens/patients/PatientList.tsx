import { Anchor, Badge, Button, Group, Select, Table, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { Paginated, Patient } from "../../api/types";
import { Pager } from "../../components/Pager";
import { SortableTh } from "../../components/SortableTh";
import { LoadError, Loading } from "../../components/Status";
import { OPTIONS, PATIENTENSTATUS_LABELS } from "../../i18n/de";
import { formatDate, text } from "../../util/format";
import { useDebouncedParam, useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";

export default function PatientList() {
  useTitle("Patienten");
  const lp = useListParams({ sort: "-id", page: "1", limit: "20" });
  const [search, setSearch] = useDebouncedParam(lp, "search");

  const q = {
    page: lp.page,
    limit: lp.limit,
    sort: lp.get("sort"),
    status: lp.get("status"),
    search: lp.get("search"),
  };
  const list = useQuery({
    queryKey: ["patients", q],
    queryFn: () => api.get<Paginated<Patient>>("/patients", q),
    placeholderData: keepPreviousData,
  });
  const sortProps = { sort: q.sort, onSort: (s: string) => lp.set({ sort: s }) };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Patienten</Title>
        <Button component={Link} to="/patienten/neu">
          Neuer Patient
        </Button>
      </Group>
      <Group mb="sm" align="flex-end">
        <TextInput
          label="Suche nach Name oder E-Mail"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Select
          label="Status"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Statusfilter leeren" }}
          data={OPTIONS.patientenstatus}
          value={q.status || null}
          onChange={(v) => lp.set({ status: v })}
          w={220}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped highlightOnHover withTableBorder aria-label="Patientenliste">
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="nachname" label="Name" {...sortProps} />
                <SortableTh field="plz" label="PLZ / Ort" {...sortProps} />
                <SortableTh field="status" label="Status" {...sortProps} />
                <Table.Th>Krankenkasse</Table.Th>
                <SortableTh field="startdatum" label="Startdatum" {...sortProps} />
                <SortableTh field="created_at" label="Angelegt am" {...sortProps} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/patienten/${p.id}`}>
                      {p.nachname}, {p.vorname}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{[p.plz, p.ort].filter(Boolean).join(" ") || "–"}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{PATIENTENSTATUS_LABELS[p.status]}</Badge>
                  </Table.Td>
                  <Table.Td>{text(p.krankenkasse)}</Table.Td>
                  <Table.Td>{formatDate(p.startdatum)}</Table.Td>
                  <Table.Td>{formatDate(p.created_at)}</Table.Td>
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
