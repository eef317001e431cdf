import { hasCoordinates, haversineKm } from "../../../shared/geo";
import { hardConstraintFailure } from "../eligibility";
import { selectTherapists } from "../selection";
import { CandidateHeap } from "./candidate-heap";
import { parseHours, sharedMinutes, sharedMinutesPacked, type ParsedHours } from "./hours";
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
      if (--items.budget[p] === 0) grids[gridOf[p]].remove(items.budget);
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
  private readonly heap: CandidateHeap;
  private readonly spans: Int32Array;
  private readonly txyz = new Float64Array(3);
  /** Exact availability share per item, valid for the items the current therapist put on the heap. */
  private readonly overlap: Float64Array;
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
    this.heap = new CandidateHeap(1024);
    this.spans = new Int32Array(Math.max(2, ...grids.map((g) => g.spanCapacity)));
    this.overlap = new Float64Array(items.order.length);
    this.prune = Object.values(rules.weights).every((w) => w >= 0 && Number.isFinite(w));
  }

  /** The best `k` eligible searches for `t` (fewer when there are fewer), best first. */
  collect(t: Located<BundleTherapist>, k: number): TopK {
    if (this.top.k !== k) this.top = new TopK(k);
    const top = this.top;
    top.reset();
    const tHours = parseHours(t.arbeitszeiten);
    this.gather(t, tHours);
    const { heap, items, ordered, rules, preference, overlap } = this;
    const { order, latitude, longitude, waiting, maxKm } = items;
    heap.build();
    const w = rules.weights;
    // Without a known upper bound for the preference, no candidate can be ruled out.
    const preferenceAtMost =
      this.prune && preference.upperBound ? w.preference * preference.upperBound(t.id) : Infinity;
    while (heap.size > 0) {
      if (heap.topKey + preferenceAtMost + EPSILON < top.threshold) break;
      const p = heap.take();
      const i = order[p];
      // Same argument order as the reference (search first), so the distance is the same double.
      const d = distanceKm(latitude[p], longitude[p], t.latitude, t.longitude);
      if (d > maxKm[p]) continue;
      const s = ordered[i];
      const score = scoreOfPair(
        waiting[p],
        tHours ? overlap[p] : null,
        preference(t.id, s.attributes),
        d,
        maxKm[p],
        w,
      );
      // A pair that cannot enter the list needs no verdict; one that can gets the full check.
      if (!top.wouldTake(score, i) || constraintFailure(s, t, d) !== null) continue;
      top.offer(score, i);
    }
    return top;
  }

  /**
   * Fills the heap with every search near `t` that passes the prefilters, keyed by an upper bound of its score
   * without the preference term. Pairs with no shared minute are settled here: they are never candidates, but
   * the run counts the eligible ones (keine_zeitliche_ueberschneidung), so they get the exact check.
   */
  private gather(t: Located<BundleTherapist>, tHours: ParsedHours | null) {
    const { heap, items, spans, txyz, ordered, overlap } = this;
    const { budget, xyz, chord2, constraintClass, age, waiting, maxKm, packedHours, packed, denominator } =
      items;
    const w = this.rules.weights;
    heap.clear();
    unitVector(t.latitude, t.longitude, txyz, 0);
    const tx = txyz[0];
    const ty = txyz[1];
    const tz = txyz[2];
    const allowed = this.table.rowFor(t);
    const ages = ageInterval(t);
    const ageMin = ages ? ages[0] : 0;
    const ageMax = ages ? ages[1] : 0;
    const tPacked = tHours?.packed ?? null;
    const unknownHours = w.availability * 0.5;
    const bounded = this.prune;
    for (const g of this.grids) {
      const count = g.near(t.latitude, t.longitude, spans);
      const slots = g.slots;
      for (let sp = 0; sp < count; sp += 2) {
        for (let k = spans[sp], end = spans[sp + 1]; k < end; k++) {
          const p = slots[k];
          if (budget[p] === 0) continue;
          const dx = xyz[3 * p] - tx;
          const dy = xyz[3 * p + 1] - ty;
          const dz = xyz[3 * p + 2] - tz;
          const c2 = dx * dx + dy * dy + dz * dz;
          if (c2 > chord2[p] || allowed[constraintClass[p]] === 0) continue;
          if (ages && !(age[p] >= ageMin && age[p] <= ageMax)) continue;
          let availability = unknownHours;
          if (tHours) {
            const shared =
              denominator[p] === 0
                ? 0
                : tPacked && packed[p] === 1
                  ? packedShared(tPacked, 0, packedHours, 14 * p)
                  : sharedOf(tHours, items.hours[p]!);
            if (shared === 0) {
              const s = ordered[items.order[p]];
              const d = distanceKm(s.latitude!, s.longitude!, t.latitude, t.longitude);
              if (constraintFailure(s, t, d) === null) this.noOverlap++;
              continue;
            }
            overlap[p] = shared / denominator[p];
            availability = w.availability * overlap[p];
          }
          const near = 1 - Math.min(1, atLeast(c2) / Math.max(1, maxKm[p]));
          heap.add(bounded ? w.waiting * waiting[p] + availability + w.distance * near : 0, p);
        }
      }
    }
  }
}

type Located<T> = T & { latitude: number; longitude: number };
