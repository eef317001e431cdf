import { hasCoordinates, haversineKm } from "../../../shared/geo";
import { hardConstraintFailure } from "../eligibility";
import { selectTherapists } from "../selection";
import { parseHours, sharedMinutes, sharedMinutesPacked } from "./hours";
import { searchItems, type SearchItems } from "./items";
import { ageInterval, ConstraintTable, distanceAtLeast, unitVector } from "./prefilter";
import { scoreOf } from "./scoring";
import { buildRadiusGrids, type RadiusGrid } from "./search-index";
import { TopK } from "./top-k";
import type {
  Bundle,
  BundleProposal,
  BundleRules,
  BundleSearch,
  BundleTherapist,
  PreferenceModel,
} from "./types";

/** Searches in waiting order (longest first; ties by id): the order every tie is broken in. */
export const byWaiting = (a: BundleSearch, b: BundleSearch) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.platzsuche_id - b.platzsuche_id;

// The loops call imported functions through local bindings: the CommonJS output of tsx reads an imported
// name through a getter on every use, which made the run ~1.6 times slower.
const distanceKm = haversineKm;
const constraintFailure = hardConstraintFailure;
const scoreOfPair = scoreOf;
const packedShared = sharedMinutesPacked;
const sharedOf = sharedMinutes;
const atLeast = distanceAtLeast;

// Scores are sums of four products; a bound this far below the k-th score is below it despite rounding.
const EPSILON = 1e-9;

/**
 * The automatic bundle run (decisions.md 4): for every contactable therapist (not cooling, no pending inquiry,
 * one per practice e-mail) the best 3..6 searches that pass every hard constraint, scored softly; a search
 * joins several bundles of one run only within its remaining contact budget. Deterministic for the same data
 * and date, and the same bundles as the every-pair reference (scripts/bench/reference.ts).
 *
 * Faster than that reference because candidates come from one grid per travel radius, cheap prefilters
 * (prefilter.ts) drop pairs the hard constraints would drop, and candidates are scored best upper bound
 * first, stopping once no remaining bound can beat the k-th score found.
 */
export function proposeBundles(
  therapists: BundleTherapist[],
  searches: BundleSearch[],
  pending: ReadonlySet<number>,
  rules: BundleRules,
  preference: PreferenceModel,
): BundleProposal {
  const ordered = [...searches].sort(byWaiting);
  const n = ordered.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const maxKm = new Float64Array(n);
  const budget = new Int32Array(n);
  const members: number[] = [];
  let withoutLocation = 0;
  let withoutBudget = 0;
  for (let i = 0; i < n; i++) {
    const s = ordered[i];
    budget[i] = Math.max(0, s.remaining_budget);
    if (!hasCoordinates(s)) {
      withoutLocation++;
      continue;
    }
    if (budget[i] === 0) {
      withoutBudget++;
      continue;
    }
    lat[i] = s.latitude;
    lon[i] = s.longitude;
    maxKm[i] = s.max_km;
    members.push(i);
  }
  const { grids, order, gridOf } = buildRadiusGrids(members, lat, lon, maxKm);
  const table = new ConstraintTable();
  const items = searchItems(ordered, order, budget, table, rules.today);
  const eligible = selectTherapists(therapists, pending, rules.today);
  const run = new TherapistPass(ordered, items, grids, table, rules, preference);
  const k = Math.max(rules.minSize, rules.maxSize, 0);
  const bundles: Bundle[] = [];
  let therapistsWithoutLocation = 0;
  let tooFew = 0;

  for (const t of eligible) {
    if (!hasCoordinates(t)) {
      therapistsWithoutLocation++;
      continue;
    }
    const top = run.collect(t, k);
    if (top.size < rules.minSize) {
      tooFew++;
      continue;
    }
    const chosen = top.best(rules.maxSize); // positions in waiting order
    for (const i of chosen) {
      const p = items.itemOf[i];
      if (--items.budget[p] === 0) grids[gridOf[p]].remove(p);
    }
    bundles.push({
      therapist_id: t.id,
      platzsuche_ids: chosen.map((i) => ordered[i].platzsuche_id),
      patient_ids: chosen.map((i) => ordered[i].patient_id),
    });
  }
  return {
    bundles,
    ausgelassen: {
      ohne_koordinaten: withoutLocation + therapistsWithoutLocation,
      kein_kontingent: withoutBudget,
      zu_wenige_patienten: tooFew,
      keine_zeitliche_ueberschneidung: run.noOverlap,
    },
    therapists_considered: eligible.length,
  };
}

/** One therapist's candidates, with the scratch space reused from therapist to therapist. */
class TherapistPass {
  noOverlap = 0;
  private readonly spans: Int32Array;
  private readonly txyz = new Float64Array(3);
  private top = new TopK(0);
  /** Upper bounds prune only when every weight is ≥ 0 (a larger term then never lowers the score). */
  private readonly prune: boolean;

  constructor(
    private readonly ordered: readonly BundleSearch[],
    private readonly items: SearchItems,
    private readonly grids: readonly RadiusGrid[],
    private readonly table: ConstraintTable,
    private readonly rules: BundleRules,
    private readonly preference: PreferenceModel,
  ) {
    this.spans = new Int32Array(Math.max(2, ...grids.map((g) => g.spanCapacity)));
    this.prune = Object.values(rules.weights).every((w) => w >= 0 && Number.isFinite(w));
  }

  /**
   * The best `k` eligible searches for `t` (fewer when there are fewer), best first. Every search near `t`
   * passes the prefilters first; one whose upper bound (exact overlap and distance bound, the preference
   * model's maximum) cannot beat the k-th score found so far is skipped before its exact distance, preference
   * and hard constraints are computed. Cells list their searches longest waiting first, so the k-th score rises
   * early and few searches get the exact treatment. Pairs with no shared minute are never candidates, but the
   * run counts the eligible ones (keine_zeitliche_ueberschneidung), so they get the exact check.
   */
  collect(t: Located<BundleTherapist>, k: number): TopK {
    if (this.top.k !== k) this.top = new TopK(k);
    const { top, items, spans, txyz, ordered, preference } = this;
    const { xyz, chord2, constraintClass, age, waiting, maxKm, packedHours, packed, denominator } = items;
    const { order, latitude, longitude } = items;
    const w = this.rules.weights;
    top.reset();
    const tHours = parseHours(t.arbeitszeiten);
    // Without a known upper bound for the preference, no candidate can be ruled out.
    const preferenceAtMost =
      this.prune && preference.upperBound ? w.preference * preference.upperBound(t.id) : Infinity;
    unitVector(t.latitude, t.longitude, txyz, 0);
    const tx = txyz[0];
    const ty = txyz[1];
    const tz = txyz[2];
    const allowed = this.table.rowFor(t);
    const ages = ageInterval(t);
    const ageMin = ages ? ages[0] : 0;
    const ageMax = ages ? ages[1] : 0;
    const tPacked = tHours?.packed ?? null;
    // Largest possible sum of the other terms for a therapist without hours (availability counts 0.5).
    const restAtMost = w.availability * 0.5 + w.distance + preferenceAtMost;
    for (const g of this.grids) {
      const count = g.near(t.latitude, t.longitude, spans);
      const { start, live, slots } = g;
      for (let sp = 0; sp < count; sp += 2) {
        for (let c = spans[sp], cEnd = spans[sp + 1]; c < cEnd; c++) {
          for (let k = start[c], end = start[c] + live[c]; k < end; k++) {
            const p = slots[k];
            const dx = xyz[3 * p] - tx;
            const dy = xyz[3 * p + 1] - ty;
            const dz = xyz[3 * p + 2] - tz;
            const c2 = dx * dx + dy * dy + dz * dz;
            // A cell lists its searches longest waiting first: once waiting alone cannot reach the k-th score,
            // neither can any later search of the cell. (Not for a therapist with hours: the zero-overlap
            // count needs every pair.)
            if (!tHours && w.waiting * waiting[p] + restAtMost + EPSILON < top.threshold) break;
            if (c2 > chord2[p] || allowed[constraintClass[p]] === 0) continue;
            if (ages && !(age[p] >= ageMin && age[p] <= ageMax)) continue;
            let overlap: number | null = null;
            if (tHours) {
              const minutes =
                denominator[p] === 0
                  ? 0
                  : tPacked && packed[p] === 1
                    ? packedShared(tPacked, 0, packedHours, 14 * p)
                    : sharedOf(tHours, items.hours[p]!);
              if (minutes === 0) {
                const s = ordered[order[p]];
                const d = distanceKm(latitude[p], longitude[p], t.latitude, t.longitude);
                if (constraintFailure(s, t, d) === null) this.noOverlap++;
                continue;
              }
              overlap = minutes / denominator[p];
            }
            const near = 1 - Math.min(1, atLeast(c2) / Math.max(1, maxKm[p]));
            const bound = w.waiting * waiting[p] + w.availability * (overlap ?? 0.5) + w.distance * near;
            if (bound + preferenceAtMost + EPSILON < top.threshold) continue;
            // Same argument order as the reference (search first), so the distance is the same double.
            const d = distanceKm(latitude[p], longitude[p], t.latitude, t.longitude);
            if (d > maxKm[p]) continue;
            const i = order[p];
            const s = ordered[i];
            const score = scoreOfPair(waiting[p], overlap, preference(t.id, s.attributes), d, maxKm[p], w);
            // A pair that cannot enter the list needs no verdict; one that can gets the full check.
            if (!top.wouldTake(score, i) || constraintFailure(s, t, d) !== null) continue;
            top.offer(score, i);
          }
        }
      }
    }
    return top;
  }
}

type Located<T> = T & { latitude: number; longitude: number };
