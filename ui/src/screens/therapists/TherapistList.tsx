import { Anchor, Badge, Button, Group, Select, Table, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { Therapist } from "../../api/adminTypes";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { SortableTh } from "../../components/SortableTh";
import { LoadError, Loading } from "../../components/Status";
import { OPTIONS, THERAPEUTSTATUS_LABELS, THERAPIEVERFAHREN_LABELS } from "../../i18n/de";
import { formatDate } from "../../util/format";
import { useDebouncedParam, useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { coolingUntil, localToday, therapistName } from "./therapistText";

const YES_NO = [
  { value: "true", label: "Ja" },
  { value: "false", label: "Nein" },
];

export default function TherapistList() {
  useTitle("Therapeuten");
  const lp = useListParams({ sort: "nachname", page: "1", limit: "20" });
  const [search, setSearch] = useDebouncedParam(lp, "search");
  const [plz, setPlz] = useState(lp.get("plz_prefix"));
  const [debouncedPlz] = useDebouncedValue(plz, 300);
  useEffect(() => {
    // Only digits reach the API: a letter would match nothing and look like an empty list.
    const clean = debouncedPlz.replace(/\D/g, "").slice(0, 5);
    if (clean !== lp.get("plz_prefix")) lp.set({ plz_prefix: clean });
  }, [debouncedPlz]);

  const q = {
    page: lp.page,
    limit: lp.limit,
    sort: lp.get("sort"),
    status: lp.get("status"),
    potenziell_verfuegbar: lp.get("potenziell_verfuegbar"),
    plz_prefix: lp.get("plz_prefix"),
    search: lp.get("search"),
  };
  const list = useQuery({
    queryKey: ["therapists", q],
    queryFn: () => api.get<Paginated<Therapist>>("/therapists", q),
    placeholderData: keepPreviousData,
  });
  const sortProps = { sort: q.sort, onSort: (s: string) => lp.set({ sort: s }) };
  const today = localToday();

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Therapeuten</Title>
        <Button component={Link} to="/therapeuten/neu">
          Neuer Therapeut
        </Button>
      </Group>
      <Group mb="sm" align="flex-end">
        <TextInput
          label="Suche nach Name oder Verfahren"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        <TextInput
          label="PLZ beginnt mit"
          value={plz}
          inputMode="numeric"
          maxLength={5}
          onChange={(e) => setPlz(e.currentTarget.value)}
          error={/\D/.test(plz) ? "Nur Ziffern" : undefined}
          w={150}
        />
        <Select
          label="Status"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Statusfilter leeren" }}
          data={OPTIONS.therapeutstatus}
          value={q.status || null}
          onChange={(v) => lp.set({ status: v })}
          w={160}
        />
        <Select
          label="Potenziell verfügbar"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Verfügbarkeitsfilter leeren" }}
          data={YES_NO}
          value={q.potenziell_verfuegbar || null}
          onChange={(v) => lp.set({ potenziell_verfuegbar: v })}
          w={190}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped highlightOnHover withTableBorder aria-label="Therapeutenliste">
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="nachname" label="Name" {...sortProps} />
                <SortableTh field="plz" label="PLZ / Ort" {...sortProps} />
                <Table.Th>Verfahren</Table.Th>
                <Table.Th>Telefon</Table.Th>
                <SortableTh field="status" label="Status" {...sortProps} />
                <SortableTh field="naechster_kontakt_moeglich" label="Kontakt möglich ab" {...sortProps} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((t) => {
                const cooling = coolingUntil(t, today);
                return (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/therapeuten/${t.id}`}>
                        {therapistName(t, true)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{[t.plz, t.ort].filter(Boolean).join(" ") || "–"}</Table.Td>
                    <Table.Td>
                      {t.psychotherapieverfahren
                        ? THERAPIEVERFAHREN_LABELS[t.psychotherapieverfahren]
                        : "Nicht bekannt"}
                    </Table.Td>
                    <Table.Td>{t.telefon || "–"}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="outline"
                        color={t.status === "aktiv" ? "teal.9" : t.status === "gesperrt" ? "red.9" : "gray.8"}
                      >
                        {THERAPEUTSTATUS_LABELS[t.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{cooling ? `gesperrt bis ${formatDate(cooling)}` : "sofort"}</Table.Td>
                  </Table.Tr>
                );
              })}
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
