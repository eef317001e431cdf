import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError, api } from "../../api/client";
import type { BundleRunResult, ProposalView } from "../../api/matching";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { errorText } from "../../i18n/de";
import { formatDateTime } from "../../util/format";
import { notifySuccess } from "../../util/notify";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { useWrite } from "../../util/useWrite";
import { SkippedList, days, km } from "../searches/InquiryPreview";

/** Bundle run: dry run → review per therapist → commit exactly the reviewed proposal (docs/bundles.md). */
export default function BundleRun() {
  useTitle("Bündel-Lauf");
  const lp = useListParams({ page: "1", limit: "20" });
  const qc = useQueryClient();
  const proposalId = lp.get("vorschlag");
  const [prefix, setPrefix] = useState(lp.get("plz"));
  const [prefixError, setPrefixError] = useState<string | null>(null);
  const [commitError, setCommitError] = useState<unknown>(null);
  const view = useQuery({
    queryKey: ["proposal", proposalId, lp.page, lp.limit],
    queryFn: () =>
      api.get<ProposalView>(`/buendel/vorschlaege/${proposalId}`, { page: lp.page, limit: lp.limit }),
    enabled: !!proposalId,
    placeholderData: keepPreviousData,
  });
  const dryRun = useWrite(
    (_: void, key) =>
      api.post<BundleRunResult>(
        "/buendel/erstellen",
        { dry_run: true, ...(prefix ? { plz_prefix: prefix } : {}) },
        { idempotencyKey: key },
      ),
    {
      onSuccess: (r) => {
        setCommitError(null);
        lp.set({ vorschlag: r.vorschlag_id ?? null, plz: prefix || null });
      },
    },
  );
  const commit = useWrite(
    (_: void, key) =>
      api.post<BundleRunResult>(
        `/buendel/vorschlaege/${proposalId}/uebernehmen`,
        {},
        { idempotencyKey: key },
      ),
    {
      quietErrors: true,
      onSuccess: (r) => {
        notifySuccess(`${r.anzahl_buendel} Anfragen angelegt.`);
        qc.invalidateQueries({ queryKey: ["proposal", proposalId] });
        qc.invalidateQueries({ queryKey: ["inquiries"] });
      },
      onError: (e) => setCommitError(e),
    },
  );
  const p = view.data;
  const stale = commitError instanceof ApiError && commitError.status === 409;

  return (
    <Stack>
      <Title order={2}>Bündel-Lauf</Title>
      <Text size="sm">
        Der Probelauf schlägt jedem ansprechbaren Therapeuten 3 bis 6 passende Patienten vor und legt nichts
        an. Nach der Prüfung wird genau dieser Vorschlag übernommen – hat sich seitdem etwas geändert, wird
        nichts angelegt.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (prefix && !/^\d{1,5}$/.test(prefix))
            return setPrefixError("1 bis 5 Ziffern oder leer für alle");
          setPrefixError(null);
          dryRun.run();
        }}
      >
        <Group align="flex-start">
          <TextInput
            label="PLZ-Bereich (leer = bundesweit)"
            value={prefix}
            onChange={(e) => setPrefix(e.currentTarget.value.trim())}
            error={prefixError}
            w={240}
            inputMode="numeric"
          />
          <Button type="submit" mt={25} disabled={dryRun.isPending} loading={dryRun.isPending}>
            Probelauf starten
          </Button>
        </Group>
      </form>

      {proposalId &&
        (view.isPending ? (
          <Loading label="Vorschlag wird geladen …" />
        ) : view.isError ? (
          <LoadError error={view.error} />
        ) : p ? (
          <>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Vorschlag vom {formatDateTime(p.created_at)}
                {p.plz_prefix ? ` für PLZ ${p.plz_prefix}…` : " (bundesweit)"}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <div>
                  <Text>
                    {p.anzahl_buendel} Anfragen mit zusammen {p.anzahl_patienten_zuordnungen}{" "}
                    Patientenplätzen; {p.therapeuten_geprueft} Therapeuten geprüft.
                  </Text>
                  {p.uebernommen_am ? (
                    <Alert color="teal" mt="sm" title="Übernommen">
                      Am {formatDateTime(p.uebernommen_am)} angelegt. Die Anfragen sind unten verlinkt.
                    </Alert>
                  ) : (
                    <Group mt="sm">
                      <Button
                        onClick={() => {
                          setCommitError(null);
                          commit.run();
                        }}
                        disabled={commit.isPending || p.anzahl_buendel === 0}
                        loading={commit.isPending}
                      >
                        Vorschlag übernehmen ({p.anzahl_buendel} Anfragen anlegen)
                      </Button>
                    </Group>
                  )}
                  {commitError != null && (
                    <Alert color="red" mt="sm" role="alert" title="Nicht übernommen">
                      <Stack gap="xs" align="flex-start">
                        <Text size="sm">{errorText(commitError)}</Text>
                        {stale && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => dryRun.run()}
                            disabled={dryRun.isPending}
                          >
                            Neuen Probelauf starten
                          </Button>
                        )}
                      </Stack>
                    </Alert>
                  )}
                </div>
                <div>
                  <Text fw={700} size="sm">
                    Nicht berücksichtigt (Anzahl und Grund)
                  </Text>
                  <SkippedList skipped={p.ausgelassen} />
                </div>
              </SimpleGrid>
            </Paper>
            {p.data.map((b) => (
              <Paper
                withBorder
                p="md"
                key={b.therapist_id}
                component="section"
                aria-label={`Bündel für ${b.therapeuten_name ?? "Therapeut"}`}
              >
                <Group justify="space-between" mb="xs">
                  <Title order={4}>
                    <Anchor component={Link} to={`/therapeuten/${b.therapist_id}`}>
                      {b.therapeuten_name ?? "Therapeut gelöscht"}
                    </Anchor>
                  </Title>
                  {b.anfrage_id && (
                    <Anchor component={Link} to={`/anfragen/${b.anfrage_id}`}>
                      Anfrage öffnen
                    </Anchor>
                  )}
                </Group>
                <Text size="sm" c="dimmed" mb="xs">
                  {[b.plz, b.ort].filter(Boolean).join(" ")} · Telefon {b.telefon ?? "–"} ·{" "}
                  {b.email ?? "keine E-Mail"}
                </Text>
                <Table withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Patient</Table.Th>
                      <Table.Th>PLZ</Table.Th>
                      <Table.Th>Entfernung</Table.Th>
                      <Table.Th>Wartezeit</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.patienten.map((pt) => (
                      <Table.Tr key={pt.patient_id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/patienten/${pt.patient_id}`}>
                            {pt.name ?? "Patient gelöscht"}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{pt.plz ?? "–"}</Table.Td>
                        <Table.Td>{km(pt.entfernung_km)}</Table.Td>
                        <Table.Td>{days(pt.wartezeit_tage)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            ))}
            <Pager
              page={p.page}
              limit={p.limit}
              total={p.total}
              onPage={(n) => lp.set({ page: n }, false)}
              onLimit={(l) => lp.set({ limit: l })}
            />
          </>
        ) : null)}
    </Stack>
  );
}
