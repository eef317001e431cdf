import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { regionCentroids } from "../services/matching/simulation/region-select";
import { renderReport } from "../services/matching/simulation/report";
import { simulate } from "../services/matching/simulation/run";

/**
 * npm run simulate -- --weeks 26 --seed 7 [--region <PLZ prefix or Bundesland>] [--out dir]
 *   [--therapists N --patients-per-month N]   (a fixed-size region, e.g. for the benchmark)
 * Writes simulation.json and simulation.html into --out (default simulation-output/).
 */
function main() {
  const { values } = parseArgs({
    options: {
      weeks: { type: "string", default: "26" },
      seed: { type: "string", default: "7" },
      region: { type: "string", default: "5" },
      out: { type: "string", default: "simulation-output" },
      start: { type: "string", default: "2027-01-04" },
      therapists: { type: "string" },
      "patients-per-month": { type: "string" },
    },
  });
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const weeks = int("weeks", values.weeks, 1);
  const seed = int("seed", values.seed, 0);
  const centroids = regionCentroids(values.region!);
  const result = simulate(values.region!, centroids, {
    weeks,
    seed,
    startDate: values.start!,
    parameters: {
      ...(values.therapists ? { therapistCount: int("therapists", values.therapists, 1) } : {}),
      ...(values["patients-per-month"]
        ? { patientsPerMonth: int("patients-per-month", values["patients-per-month"], 0) }
        : {}),
    },
  });
  const out = path.resolve(values.out!);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "simulation.json"), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(out, "simulation.html"), renderReport(result));
  const rows = result.strategies.map((s) => ({
    strategie: s.label,
    median_tage: s.days_to_placement.median,
    p90_tage: s.days_to_placement.p90,
    anteil_30_tage: s.days_to_placement.share_within_30_days,
    vermittlungen_je_100_kontakte: s.placements_per_100_contacts,
    nie_vermittelt: s.patients.never_placed,
    konflikte: s.conflicts,
    verstoesse: s.cooling_violations + s.one_per_week_violations + s.double_placements,
  }));
  console.table(rows);
  console.log(
    `${result.scenario.therapists} therapists, ${result.scenario.patients_generated} patients, ${weeks} weeks: ${result.runtime_ms} ms simulated; written to ${out}`,
  );
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
