import * as echarts from "echarts";
import type { SimulationResult } from "./run";

// ECharts renders SVG on the server without a DOM (ssr: true): the report is one self-contained file that
// opens offline, with no script and no CDN.
function svg(option: echarts.EChartsOption, width = 820, height = 360): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const escape = (s: unknown) =>
  String(s ?? "–").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 1000) / 10} %`);

/** The HTML report: figures per strategy and three plots (curves, weekly placements, contacts per placement). */
export function renderReport(r: SimulationResult): string {
  const legend = { top: 0, type: "scroll" as const };
  const days = Math.min(r.scenario.weeks * 7, 182);
  const curves = svg({
    title: {
      text: "Anteil vermittelt nach Tagen seit Anmeldung (Kaplan–Meier)",
      left: "center",
      top: 24,
      textStyle: { fontSize: 13 },
    },
    legend,
    grid: { top: 70, left: 60, right: 20, bottom: 40 },
    xAxis: { type: "value", name: "Tage", max: days },
    yAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
    series: r.strategies.map((s) => ({
      name: s.label,
      type: "line",
      showSymbol: false,
      data: s.placement_curve.slice(0, days + 1).map((v, d) => [d, v]),
    })),
  });
  const weekly = svg({
    title: { text: "Vermittlungen pro Woche", left: "center", top: 24, textStyle: { fontSize: 13 } },
    legend,
    grid: { top: 70, left: 60, right: 20, bottom: 40 },
    xAxis: {
      type: "category",
      name: "Woche",
      data: r.strategies[0]?.weekly.placements.map((_, i) => i + 1) ?? [],
    },
    yAxis: { type: "value" },
    series: r.strategies.map((s) => ({ name: s.label, type: "line", data: s.weekly.placements })),
  });
  const perPlacement = svg({
    title: { text: "Aufwand pro Vermittlung", left: "center", top: 24, textStyle: { fontSize: 13 } },
    legend,
    grid: { top: 70, left: 60, right: 20, bottom: 40 },
    xAxis: { type: "category", data: r.strategies.map((s) => s.label) },
    yAxis: { type: "value" },
    series: [
      {
        name: "Therapeutenkontakte",
        type: "bar",
        data: r.strategies.map((s) =>
          s.placements ? Math.round((100 * s.therapist_contacts) / s.placements) / 100 : 0,
        ),
      },
      { name: "E-Mails", type: "bar", data: r.strategies.map((s) => s.emails_per_placement ?? 0) },
      { name: "Anrufe", type: "bar", data: r.strategies.map((s) => s.calls_per_placement ?? 0) },
    ],
  });
  const rows: [string, (s: SimulationResult["strategies"][number]) => unknown][] = [
    ["Tage bis Vermittlung: Median", (s) => s.days_to_placement.median ?? `> ${days}`],
    ["Tage bis Vermittlung: p90", (s) => s.days_to_placement.p90 ?? `> ${days}`],
    ["Anteil innerhalb 30 Tagen", (s) => pct(s.days_to_placement.share_within_30_days)],
    ["Vermittlungen je 100 Therapeutenkontakte", (s) => s.placements_per_100_contacts],
    ["E-Mails je Vermittlung", (s) => s.emails_per_placement],
    ["Anrufe je Vermittlung", (s) => s.calls_per_placement],
    ["Antwortquote der Therapeuten", (s) => pct(s.answer_rate)],
    ["Konflikte (zweite Annahme)", (s) => s.conflicts],
    ["Verstöße Abkühlung", (s) => s.cooling_violations],
    ["Verstöße 1 E-Mail/Woche", (s) => s.one_per_week_violations],
    ["Doppelte Vermittlungen", (s) => s.double_placements],
    ["Angemeldet / vermittelt", (s) => `${s.patients.arrived} / ${s.patients.placed}`],
    ["Nie vermittelt (davon abgesprungen)", (s) => `${s.patients.never_placed} (${s.patients.dropped_out})`],
    ["Personalstunden pro Woche", (s) => s.staff_hours_per_week],
  ];
  const c = r.comparison;
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Simulation der Vermittlung</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:900px}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}</style>
</head><body>
<h1>Simulation der Vermittlung</h1>
<p>Region ${escape(r.scenario.region)} (${r.scenario.plz_count} PLZ), ${r.scenario.therapists} Therapeut:innen,
${r.scenario.patients_generated} Patient:innen, ${r.scenario.weeks} Wochen ab ${escape(r.scenario.start_date)},
Seed ${r.scenario.seed}. Modell und Annahmen: docs/simulation.md.</p>
<p>Ziel: Bündel + Lernen Median &lt; ${c.target_median_days} Tage (Ergebnis: ${escape(c.bundle_learning_median ?? `> ${days}`)});
mindestens ${c.target_speedup}× schneller als manuell bei gleichem Personalaufwand
(${escape(c.manual_staff_hours_per_week)} h/Woche; Ergebnis: ${escape(c.speedup_vs_manual)}).</p>
<table><thead><tr><th></th>${r.strategies.map((s) => `<th>${escape(s.label)}</th>`).join("")}</tr></thead><tbody>
${rows.map(([label, f]) => `<tr><td>${escape(label)}</td>${r.strategies.map((s) => `<td>${escape(f(s))}</td>`).join("")}</tr>`).join("\n")}
</tbody></table>
${curves}
${weekly}
${perPlacement}
</body></html>
`;
}
