import { Paper, Progress, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { TherapistPreferences } from "../../api/adminTypes";
import { LoadError, Loading } from "../../components/Status";
import { merkmalLabel } from "../../i18n/de";
import { percent } from "../../util/download";

/** What the bundle run learned from this therapist's answers (decisions.md 11), next to the average. */
export function PreferencesCard({ therapistId }: { therapistId: number }) {
  const prefs = useQuery({
    queryKey: ["therapist-preferences", therapistId],
    queryFn: () =>
      api.get<TherapistPreferences>("/analytics/therapist-preferences", { therapist_id: therapistId }),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        Gelernte Präferenzen
      </Title>
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <LoadError error={prefs.error} retry={() => prefs.refetch()} />
      ) : Object.keys(prefs.data.merkmale).length === 0 ? (
        <Text c="gray.7">
          Noch keine Antworten ausgewertet. Durchschnittliche Annahmerate aller Therapeuten:{" "}
          {percent(prefs.data.population_annahmerate)}.
        </Text>
      ) : (
        <>
          <Text size="sm" c="gray.7" mb="xs">
            Geschätzte Wahrscheinlichkeit, dass der Therapeut einen Patienten mit diesem Merkmal annimmt
            (Durchschnitt aller Therapeuten: {percent(prefs.data.population_annahmerate)}).
          </Text>
          <Table withTableBorder aria-label="Gelernte Präferenzen">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Merkmal</Table.Th>
                <Table.Th>Annahme­wahrscheinlichkeit</Table.Th>
                <Table.Th>Beobachtungen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(prefs.data.merkmale).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td>{merkmalLabel(k)}</Table.Td>
                  <Table.Td>
                    <Progress
                      value={v.annahmewahrscheinlichkeit * 100}
                      aria-label={`${merkmalLabel(k)}: ${percent(v.annahmewahrscheinlichkeit)}`}
                      w={160}
                    />
                    <Text size="xs">{percent(v.annahmewahrscheinlichkeit)}</Text>
                  </Table.Td>
                  <Table.Td>{v.beobachtungen}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
