import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { BundleEfficiency } from "../../api/adminTypes";
import { DateField } from "../../components/DateField";
import { LoadError, Loading } from "../../components/Status";
import { percent } from "../../util/download";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? "–" : v.toLocaleString("de-DE", { maximumFractionDigits: digits });

/** Problems of the filter by field (checked before asking the server). */
export function analyticsFilterProblems(f: { von: string; bis: string; plz_prefix: string }) {
  const out: Record<string, string> = {};
  if (f.von && f.bis && f.bis < f.von) out.bis = "Das Ende liegt vor dem Beginn";
  if (f.plz_prefix && !/^\d{1,5}$/.test(f.plz_prefix)) out.plz_prefix = "1 bis 5 Ziffern";
  return out;
}

const Kpi = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <Paper withBorder p="md">
    <Text size="xs" c="gray.7">
      {label}
    </Text>
    <Text fw={700} size="xl">
      {value}
    </Text>
    {hint && (
      <Text size="xs" c="gray.7">
        {hint}
      </Text>
    )}
  </Paper>
);

export default function AnalyticsPage() {
  useTitle("Auswertung");
  const lp = useListParams({});
  const filter = { von: lp.get("von"), bis: lp.get("bis"), plz_prefix: lp.get("plz_prefix") };
  const problems = analyticsFilterProblems(filter);
  const ok = Object.keys(problems).length === 0;
  const data = useQuery({
    queryKey: ["bundle-efficiency", filter],
    queryFn: () => api.get<BundleEfficiency>("/analytics/bundle-efficiency", filter),
    enabled: ok,
    placeholderData: keepPreviousData,
  });
  const d = data.data;
  const rates = d
    ? [
        { kennzahl: "Annahmerate", Prozent: (d.annahmerate ?? 0) * 100 },
        { kennzahl: "Antwort in 7 Tagen", Prozent: (d.antwortrate_7_tage ?? 0) * 100 },
        { kennzahl: "Abkühlung eingehalten", Prozent: (d.abkuehlung_eingehalten ?? 0) * 100 },
        { kennzahl: "Konflikte", Prozent: (d.konfliktrate ?? 0) * 100 },
      ]
    : [];
  const days = d
    ? [
        { kennzahl: "Median", Tage: d.tage_bis_vermittlung.median ?? 0 },
        { kennzahl: "90 % der Fälle", Tage: d.tage_bis_vermittlung.p90 ?? 0 },
      ]
    : [];

  return (
    <Stack>
      <Title order={2}>Auswertung</Title>
      <Group align="flex-start">
        <DateField label="Anfragen ab" value={filter.von} onChange={(v) => lp.set({ von: v })} w={180} />
        <DateField
          label="Anfragen bis"
          value={filter.bis}
          onChange={(v) => lp.set({ bis: v })}
          error={problems.bis}
          w={180}
        />
        <TextInput
          label="PLZ beginnt mit"
          defaultValue={filter.plz_prefix}
          inputMode="numeric"
          maxLength={5}
          onChange={(e) => lp.set({ plz_prefix: e.currentTarget.value.trim() })}
          error={problems.plz_prefix}
          w={160}
        />
      </Group>
      {!ok ? null : data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <LoadError error={data.error} retry={() => data.refetch()} />
      ) : d ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Kpi label="Anfragen im Zeitraum" value={num(d.anzahl_anfragen, 0)} />
            <Kpi label="Annahmen pro beantworteter Anfrage" value={num(d.annahmen_pro_anfrage, 2)} />
            <Kpi label="Patienten pro Anfrage (Mittel)" value={num(d.mittlere_anfragegroesse, 2)} />
            <Kpi
              label="Parallele Anfragen pro suchendem Patienten"
              value={num(d.parallele_anfragen_pro_patient, 2)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Quoten
              </Title>
              <BarChart
                h={260}
                data={rates}
                dataKey="kennzahl"
                series={[{ name: "Prozent", color: "blue.7", label: "Anteil in %" }]}
                yAxisProps={{ domain: [0, 100] }}
                valueFormatter={(v) => `${num(v)} %`}
                withBarValueLabel
              />
              <Text size="xs" c="gray.7" mt="xs">
                Annahmerate {percent(d.annahmerate)}, Antwort in 7 Tagen {percent(d.antwortrate_7_tage)},
                Abkühlung eingehalten {percent(d.abkuehlung_eingehalten)}, Konflikte {percent(d.konfliktrate)}
                .
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h4" mb="sm">
                Tage bis zur Vermittlung
              </Title>
              <BarChart
                h={260}
                data={days}
                dataKey="kennzahl"
                series={[{ name: "Tage", color: "teal.8", label: "Tage" }]}
                valueFormatter={(v) => `${num(v)} Tage`}
                withBarValueLabel
              />
              <Text size="xs" c="gray.7" mt="xs">
                Aus {d.tage_bis_vermittlung.anzahl} erfolgreichen Platzsuchen: Median{" "}
                {num(d.tage_bis_vermittlung.median)} Tage, 90 % innerhalb von{" "}
                {num(d.tage_bis_vermittlung.p90)} Tagen.
              </Text>
            </Paper>
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
