import { Badge, Button, Group, Modal, Table, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, newIdempotencyKey } from "../../api/client";
import type { AdminUser } from "../../api/adminTypes";
import type { Paginated } from "../../api/types";
import { useAuth } from "../../auth/auth";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { ROLLE_LABELS } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { UserForm } from "./UserForm";

export default function UserList() {
  useTitle("Benutzer");
  const { user: me } = useAuth();
  const qc = useQueryClient();
  const lp = useListParams({ page: "1", limit: "20" });
  const [editing, setEditing] = useState<AdminUser | "new" | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);
  const q = { page: lp.page, limit: lp.limit };
  const list = useQuery({
    queryKey: ["users", q],
    queryFn: () => api.get<Paginated<AdminUser>>("/users", q),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["users"] });

  const toggle = async (u: AdminUser) => {
    if (toggling !== null) return;
    if (u.aktiv && !window.confirm(`${u.email} deaktivieren? Alle Sitzungen werden beendet.`)) return;
    setToggling(u.id);
    try {
      await api.put(`/users/${u.id}`, { aktiv: !u.aktiv }, { idempotencyKey: newIdempotencyKey() });
      notifySuccess(u.aktiv ? "Benutzer deaktiviert." : "Benutzer aktiviert.");
      refresh();
    } catch (err) {
      notifyError(err);
    } finally {
      setToggling(null);
    }
  };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Benutzer</Title>
        <Button onClick={() => setEditing("new")}>Neuer Benutzer</Button>
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : (
        <>
          <Table striped withTableBorder aria-label="Benutzerliste">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>E-Mail</Table.Th>
                <Table.Th>Rolle</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Letzte Anmeldung</Table.Th>
                <Table.Th>Angelegt am</Table.Th>
                <Table.Th>Aktionen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.email}
                    {u.id === me?.id && (
                      <Text span size="xs" c="gray.7">
                        {" "}
                        (Sie)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{ROLLE_LABELS[u.rolle]}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={u.aktiv ? "teal.9" : "gray.8"}>
                      {u.aktiv ? "Aktiv" : "Deaktiviert"}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(u.last_login_at)}</Table.Td>
                  <Table.Td>{formatDateTime(u.created_at)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        variant="light"
                        onClick={() => setEditing(u)}
                        aria-label={`${u.email} bearbeiten`}
                      >
                        Bearbeiten
                      </Button>
                      {u.id !== me?.id && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => toggle(u)}
                          loading={toggling === u.id}
                          disabled={toggling !== null}
                          aria-label={`${u.email} ${u.aktiv ? "deaktivieren" : "aktivieren"}`}
                        >
                          {u.aktiv ? "Deaktivieren" : "Aktivieren"}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
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
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Neuer Benutzer" : "Benutzer bearbeiten"}
        closeButtonProps={{ "aria-label": "Schließen" }}
        closeOnClickOutside={false}
        closeOnEscape={false}
        withCloseButton={false}
      >
        {editing !== null && (
          <UserForm
            user={editing === "new" ? null : editing}
            onCancel={() => setEditing(null)}
            onSubmit={async (body, idempotencyKey) => {
              if (editing === "new") {
                await api.post("/users", body, { idempotencyKey });
                notifySuccess("Benutzer angelegt.");
              } else {
                await api.put(`/users/${editing.id}`, body, { idempotencyKey });
                notifySuccess(
                  body.password ? "Gespeichert. Das neue Passwort gilt ab sofort." : "Gespeichert.",
                );
              }
              refresh();
              setEditing(null);
            }}
          />
        )}
      </Modal>
    </>
  );
}
