import { Anchor, Button, Group, Modal, Select, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { AuditEntry } from "../../api/adminTypes";
import type { Paginated } from "../../api/types";
import { DateField } from "../../components/DateField";
import { InfoGrid } from "../../components/InfoGrid";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { auditDetailRows } from "./auditDetails";

const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
const RECORD_PATHS: Record<string, string> = {
  patient: "/patienten",
  therapist: "/therapeuten",
  therapeutenanfrage: "/anfragen",
};

function RecordRef({ e }: { e: AuditEntry }) {
  if (!e.entity_id) return <>–</>;
  const base = RECORD_PATHS[e.entity];
  return base ? (
    <Anchor component={Link} to={`${base}/${e.entity_id}`}>
      Nr. {e.entity_id}
    </Anchor>
  ) : (
    <>Nr. {e.entity_id}</>
  );
}

export default function AuditPage() {
  useTitle("Audit-Log");
  const lp = useListParams({ page: "1", limit: "50" });
  const [user, setUser] = useState(lp.get("user"));
  const [entityId, setEntityId] = useState(lp.get("entity_id"));
  const [debUser] = useDebouncedValue(user, 300);
  const [debId] = useDebouncedValue(entityId, 300);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  useEffect(() => {
    if (debUser !== lp.get("user")) lp.set({ user: debUser });
  }, [debUser]);
  useEffect(() => {
    if (/^\d*$/.test(debId) && debId !== lp.get("entity_id")) lp.set({ entity_id: debId });
  }, [debId]);
  const q = {
    page: lp.page,
    limit: lp.limit,
    entity: lp.get("entity"),
    action: lp.get("action"),
    entity_id: lp.get("entity_id"),
    user: lp.get("user"),
    von: lp.get("von"),
    bis: lp.get("bis"),
  };
  const badRange = q.von && q.bis && q.bis < q.von ? "Das Ende liegt vor dem Beginn" : undefined;
  const list = useQuery({
    queryKey: ["audit", q],
    queryFn: () => api.get<Paginated<AuditEntry>>("/audit", q),
    placeholderData: keepPreviousData,
    enabled: !badRange,
  });

  return (
    <>
      <Title order={2} mb="md">
        Audit-Log
      </Title>
      <Group mb="sm" align="flex-start">
        <Select
          label="Bereich"
          placeholder="Alle"
          clearable
          clearButtonProps={{ "aria-label": "Bereich: Filter leeren" }}
          data={opts(AUDIT_ENTITY_LABELS)}
          value={q.entity || null}
          onChange={(v) => lp.set({ entity: v })}
          w={170}
        />
        <TextInput
          label="Datensatz-Nr."
          value={entityId}
          inputMode="numeric"
          onChange={(e) => setEntityId(e.currentTarget.value)}
          error={/^\d*$/.test(entityId) ? undefined : "Nur Ziffern"}
          w={130}
        />
        <Select
          label="Aktion"
          placeholder="Alle"
          clearable
          searchable
          clearButtonProps={{ "aria-label": "Aktion: Filter leeren" }}
          data={opts(AUDIT_ACTION_LABELS)}
          value={q.action || null}
          onChange={(v) => lp.set({ action: v })}
          w={220}
        />
        <TextInput
          label="Benutzer (E-Mail)"
          value={user}
          onChange={(e) => setUser(e.currentTarget.value)}
          w={200}
        />
        <DateField label="Von" value={q.von} onChange={(v) => lp.set({ von: v })} w={150} />
        <DateField label="Bis" value={q.bis} onChange={(v) => lp.set({ bis: v })} error={badRange} w={150} />
      </Group>
      {badRange ? null : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped withTableBorder aria-label="Audit-Log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Zeit</Table.Th>
                <Table.Th>Benutzer</Table.Th>
                <Table.Th>Aktion</Table.Th>
                <Table.Th>Bereich</Table.Th>
                <Table.Th>Datensatz</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{e.user_email ?? "System"}</Table.Td>
                  <Table.Td>{auditActionLabel(e.action)}</Table.Td>
                  <Table.Td>{auditEntityLabel(e.entity)}</Table.Td>
                  <Table.Td>
                    <RecordRef e={e} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setOpen(e)}
                      aria-label={`Details zu Eintrag ${e.id}`}
                    >
                      Details
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data.total === 0 && (
            <Text c="gray.7" mt="sm">
              Keine Einträge für diese Filter.
            </Text>
          )}
          <Pager
            page={list.data.page}
            limit={list.data.limit}
            total={list.data.total}
            onPage={(p) => lp.set({ page: p }, false)}
            onLimit={(l) => lp.set({ limit: l })}
          />
        </>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `Eintrag ${open.id}: ${auditActionLabel(open.action)}` : ""}
        size="lg"
        closeButtonProps={{ "aria-label": "Schließen" }}
      >
        {open && (
          <InfoGrid
            cols={2}
            items={[
              ["Zeit", formatDateTime(open.at)],
              ["Benutzer", open.user_email ?? "System"],
              ["Bereich", auditEntityLabel(open.entity)],
              ["Datensatz", open.entity_id ? `Nr. ${open.entity_id}` : "–"],
              ...auditDetailRows(open.details),
              ["Anfrage-Kennung", open.request_id ?? "–"],
            ]}
          />
        )}
      </Modal>
    </>
  );
}
