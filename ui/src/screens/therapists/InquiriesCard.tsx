import { Anchor, Badge, Paper, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { InquiryRow } from "../../api/adminTypes";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { ANTWORTTYP_LABELS } from "../../i18n/de";
import { formatDate } from "../../util/format";
import type { Antworttyp } from "../../../../services/shared/enums";

/** The therapist's inquiries, newest first, paged on the server; each links to its inquiry page. */
export function InquiriesCard({ therapistId }: { therapistId: number }) {
  const [page, setPage] = useState(1);
  const [limit, setLimit] = useState(20);
  const list = useQuery({
    queryKey: ["inquiries", { therapist_id: therapistId, page, limit }],
    queryFn: () =>
      api.get<Paginated<InquiryRow>>("/therapeutenanfragen", { therapist_id: therapistId, page, limit }),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Anfragen
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : list.data.total === 0 ? (
        <Text c="gray.7">Noch keine Anfragen an diesen Therapeuten.</Text>
      ) : (
        <>
          <Table striped withTableBorder aria-label="Anfragen an den Therapeuten">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Anfrage</Table.Th>
                <Table.Th>Erstellt</Table.Th>
                <Table.Th>Gesendet</Table.Th>
                <Table.Th>Patienten</Table.Th>
                <Table.Th>Antwort</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/anfragen/${a.id}`}>
                      A{a.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(a.erstellt_datum)}</Table.Td>
                  <Table.Td>
                    {a.gesendet_datum ? formatDate(a.gesendet_datum) : "noch nicht gesendet"}
                  </Table.Td>
                  <Table.Td>{a.anfragegroesse}</Table.Td>
                  <Table.Td>
                    {a.antwort_datum ? (
                      <>
                        <Badge variant="light">
                          {ANTWORTTYP_LABELS[a.antworttyp as Antworttyp] ?? "Beantwortet"}
                        </Badge>{" "}
                        {formatDate(a.antwort_datum)}, {a.angenommen_anzahl ?? 0} angenommen
                      </>
                    ) : a.gesendet_datum ? (
                      "ausstehend"
                    ) : (
                      "–"
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager
            page={list.data.page}
            limit={list.data.limit}
            total={list.data.total}
            onPage={setPage}
            onLimit={(l) => {
              setLimit(l);
              setPage(1);
            }}
          />
        </>
      )}
    </Paper>
  );
}
