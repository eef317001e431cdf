import { Anchor, Badge, Checkbox, Group, Select, Table, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { InquiryRow } from "../../api/matching";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { ANTWORT_LABELS, ANTWORTTYP_LABELS, VERSAND_LABELS } from "../../i18n/de";
import { formatDate } from "../../util/format";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export function answerText(a: InquiryRow) {
  if (a.antwort_datum) return a.antworttyp ? ANTWORTTYP_LABELS[a.antworttyp] : "Beantwortet";
  if (!a.gesendet_datum) return "Noch nicht gesendet";
  return a.nachverfolgung_erforderlich ? "Ausstehend – nachfassen" : "Ausstehend";
}

export default function InquiryList() {
  useTitle("Anfragen");
  const lp = useListParams({ page: "1", limit: "20" });
  const q = {
    page: lp.page,
    limit: lp.limit,
    versand_status: lp.get("versand_status"),
    antwort_status: lp.get("antwort_status"),
    nachverfolgung_erforderlich: lp.get("nachverfolgung_erforderlich"),
  };
  const list = useQuery({
    queryKey: ["inquiries", q],
    queryFn: () => api.get<Paginated<InquiryRow>>("/therapeutenanfragen", q),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Title order={2} mb="md">
        Anfragen
      </Title>
      <Group mb="sm" align="flex-end">
        <Select
          label="Versand"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Versandfilter leeren" }}
          data={options(VERSAND_LABELS)}
          value={q.versand_status || null}
          onChange={(v) => lp.set({ versand_status: v })}
          w={220}
        />
        <Select
          label="Antwort"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Antwortfilter leeren" }}
          data={options(ANTWORT_LABELS)}
          value={q.antwort_status || null}
          onChange={(v) => lp.set({ antwort_status: v })}
          w={220}
        />
        <Checkbox
          label="Nur mit fälliger Nachverfolgung"
          checked={q.nachverfolgung_erforderlich === "true"}
          onChange={(e) => lp.set({ nachverfolgung_erforderlich: e.currentTarget.checked ? "true" : null })}
          mb={8}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped highlightOnHover withTableBorder aria-label="Anfragen">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Therapeut</Table.Th>
                <Table.Th>Erstellt am</Table.Th>
                <Table.Th>Gesendet am</Table.Th>
                <Table.Th>Patienten</Table.Th>
                <Table.Th>Antwort</Table.Th>
                <Table.Th>Angenommen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/anfragen/${a.id}`}>
                      {a.therapeuten_name ?? "Therapeut gelöscht"}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(a.erstellt_datum)}</Table.Td>
                  <Table.Td>
                    {formatDate(a.gesendet_datum)}
                    {a.tage_seit_versand !== null && !a.antwort_datum
                      ? ` (vor ${a.tage_seit_versand} Tagen)`
                      : ""}
                  </Table.Td>
                  <Table.Td>{a.anfragegroesse}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant={a.nachverfolgung_erforderlich ? "filled" : "light"}
                      color={a.nachverfolgung_erforderlich ? "orange.9" : undefined}
                    >
                      {answerText(a)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.antwort_datum ? a.angenommen_anzahl : "–"}</Table.Td>
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
