import { Box, Group, Stack, Text } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { api } from "../api/client";
import type { Paginated } from "../api/types";
import { Loading } from "../components/Status";

const STAGES: [string, string, Record<string, string | number>][] = [
  ["Patienten", "/patients", {}],
  ["Platzsuche gestartet", "/platzsuchen", {}],
  ["Mindestens eine Anfrage", "/platzsuchen", { min_anfragen: 1 }],
  ["Vermittlung erfolgreich", "/platzsuchen", { status: "erfolgreich" }],
  ["In Therapie", "/patients", { status: "in_Therapie" }],
];

/**
 * Placement funnel from list totals (each asks for one row only). Drawn as centred bars instead of
 * @mantine/charts' FunnelChart: that one brings recharts (~110 KB gzipped), which alone would push the
 * dashboard past the 300 KB budget for the first screen. The numbers are a list, so screen readers read them.
 */
export default function PlacementFunnel() {
  const results = useQueries({
    queries: STAGES.map(([, path, query]) => ({
      queryKey: ["count", path, query],
      queryFn: () => api.get<Paginated<unknown>>(path, { ...query, limit: 1 }),
    })),
  });
  if (results.some((r) => r.isPending)) return <Loading />;
  const data = STAGES.map(([name], i) => ({ name, value: results[i].data?.total ?? 0 }));
  const max = Math.max(1, data[0].value, ...data.map((d) => d.value));
  return (
    <Stack gap={6} component="ol" m={0} p={0} aria-label="Vermittlungstrichter" style={{ listStyle: "none" }}>
      {data.map((d) => (
        <Group key={d.name} component="li" wrap="nowrap" gap="sm">
          <Box w={200} style={{ flexShrink: 0 }}>
            <Text size="sm">{d.name}</Text>
          </Box>
          <Box style={{ flex: 1, display: "flex", justifyContent: "center" }} aria-hidden>
            <Box
              h={22}
              bg="blue.8"
              style={{ width: `${Math.max(2, (d.value / max) * 100)}%`, borderRadius: 3 }}
            />
          </Box>
          <Text size="sm" fw={700} w={60} ta="right">
            {d.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
