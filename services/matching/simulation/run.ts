import { figures, type StrategyFigures } from "./metrics";
import { Operations } from "./operations";
import { DEFAULT_PARAMETERS, type ScenarioParameters } from "./parameters";
import { defaultPlatformRules, type PlatformRules } from "./platform-rules";
import { buildPatients, type SimPatient } from "./population";
import { buildRegion, type Centroid, type Region } from "./region";
import {
  bundleStrategy,
  manualStrategy,
  oneToOneStrategy,
  type Strategy,
  type StrategyName,
} from "./strategies";
import { World } from "./world";

export interface SimulationOptions {
  weeks: number;
  seed: number;
  /** A Monday: the day the first bundle run happens. */
  startDate: string;
  parameters?: Partial<ScenarioParameters>;
  strategies?: StrategyName[];
}

export interface SimulationResult {
  scenario: {
    region: string;
    plz_count: number;
    therapists: number;
    patients_generated: number;
    weeks: number;
    seed: number;
    start_date: string;
  };
  parameters: ScenarioParameters;
  platform_rules: PlatformRules;
  strategies: StrategyFigures[];
  comparison: {
    target_median_days: number;
    target_speedup: number;
    bundle_learning_median: number | null;
    manual_median: number | null;
    speedup_vs_manual: number | null;
    manual_staff_hours_per_week: number | null;
    meets_median_target: boolean;
    meets_speedup_target: boolean;
  };
  runtime_ms: number;
}

export const ALL_STRATEGIES: StrategyName[] = ["one_to_one", "manual", "bundle", "bundle_learning"];
const TARGET_MEDIAN_DAYS = 21;
const TARGET_SPEEDUP = 1.5;

/** One strategy over the whole horizon on a fresh world; the day's steps in the platform's order. */
export function runStrategy(
  strategy: Strategy,
  region: Region,
  patients: readonly SimPatient[],
  params: ScenarioParameters,
  rules: PlatformRules,
  o: SimulationOptions,
): World {
  const w = new World(region, patients, params, rules, o.startDate, o.seed);
  const ops = new Operations(w);
  for (let day = 0; day < o.weeks * 7; day++) {
    if (day % 7 === 0) ops.newWeek(day);
    ops.arrivals(day);
    ops.dropouts(day);
    ops.topUps(day);
    strategy.daily(w, ops, day); // the bundle job runs Mondays 06:00, before the follow-up at 07:00
    ops.sendWaiting(day);
    ops.followUp(day);
    ops.calls(day);
    ops.answers(day);
    ops.stale(day);
  }
  return w;
}

/**
 * The comparison: every strategy on the same region, the same patients and the same behaviour draws. The
 * manual strategy gets, unless set, the staff hours per week the learning bundle run used (equal effort).
 */
export function simulate(regionName: string, centroids: Centroid[], o: SimulationOptions): SimulationResult {
  const started = Date.now();
  if (new Date(`${o.startDate}T12:00:00Z`).getUTCDay() !== 1)
    throw new Error(`${o.startDate} is not a Monday`);
  const params: ScenarioParameters = { ...DEFAULT_PARAMETERS, ...o.parameters };
  const rules = defaultPlatformRules();
  const region = buildRegion(regionName, centroids, params, o.seed);
  const patients = buildPatients(
    region.centroids,
    region.therapists.length,
    params,
    o.weeks,
    o.startDate,
    rules.defaultMaxDistanceKm,
    o.seed,
  );
  const wanted = o.strategies ?? ALL_STRATEGIES;
  const days = o.weeks * 7;
  const results = new Map<StrategyName, StrategyFigures>();
  const run = (s: Strategy) => {
    const w = runStrategy(s, region, patients, params, rules, o);
    results.set(s.name, figures(s.name, s.label, w.events, days, o.startDate, rules));
  };
  for (const name of ["bundle_learning", "bundle", "one_to_one"] as const)
    if (
      wanted.includes(name) ||
      (name === "bundle_learning" && wanted.includes("manual") && params.manualStaffHoursPerWeek === null)
    )
      run(name === "one_to_one" ? oneToOneStrategy() : bundleStrategy(name === "bundle_learning"));
  let manualHours: number | null = null;
  if (wanted.includes("manual")) {
    manualHours = params.manualStaffHoursPerWeek ?? results.get("bundle_learning")!.staff_hours_per_week;
    run(manualStrategy(manualHours));
  }
  const learning = results.get("bundle_learning")?.days_to_placement.median ?? null;
  const manual = results.get("manual")?.days_to_placement.median ?? null;
  const speedup = learning !== null && manual !== null && learning > 0 ? manual / learning : null;
  return {
    scenario: {
      region: regionName,
      plz_count: region.centroids.length,
      therapists: region.therapists.length,
      patients_generated: patients.length,
      weeks: o.weeks,
      seed: o.seed,
      start_date: o.startDate,
    },
    parameters: params,
    platform_rules: rules,
    strategies: ALL_STRATEGIES.filter((n) => wanted.includes(n) && results.has(n)).map((n) =>
      results.get(n)!,
    ),
    comparison: {
      target_median_days: TARGET_MEDIAN_DAYS,
      target_speedup: TARGET_SPEEDUP,
      bundle_learning_median: learning,
      manual_median: manual,
      speedup_vs_manual: speedup === null ? null : Math.round(speedup * 100) / 100,
      manual_staff_hours_per_week: manualHours,
      meets_median_target: learning !== null && learning < TARGET_MEDIAN_DAYS,
      meets_speedup_target: speedup !== null && speedup >= TARGET_SPEEDUP,
    },
    runtime_ms: Date.now() - started,
  };
}
