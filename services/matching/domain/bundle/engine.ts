import { haversineKm } from "../../../shared/geo";
import { hardConstraintFailure } from "../eligibility";
import { selectTherapists } from "../selection";
import { GeoGrid } from "./grid";
import { parseHours, parsedOverlap, scoreOf, waitingFraction } from "./scoring";
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

const KM_PER_DEG_LAT = 111.2;

/**
 * The automatic bundle run (decisions.md 4): for every contactable therapist (not cooling, no pending inquiry,
 * one per practice e-mail) the best 3..6 searches that pass every hard constraint, scored softly; a search
 * joins several bundles of one run only within its remaining contact budget. Deterministic for the same data
 * and date. Candidates come from one grid per travel radius over the stored coordinates; everything a pair
 * needs except the distance is computed once per search or therapist.
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
  const budget = new Int32Array(n);
  const waiting = new Float64Array(n);
  const hours = ordered.map((s) => parseHours(s.zeitliche_verfuegbarkeit));
  const byRadius = new Map<number, number[]>();
  let withoutLocation = 0;
  let withoutBudget = 0;
  for (let i = 0; i < n; i++) {
    const s = ordered[i];
    budget[i] = Math.max(0, s.remaining_budget);
    waiting[i] = waitingFraction(s, rules.today);
    if (typeof s.latitude !== "number" || typeof s.longitude !== "number") {
      withoutLocation++;
      continue;
    }
    lat[i] = s.latitude;
    lon[i] = s.longitude;
    if (budget[i] === 0) {
      withoutBudget++;
      continue;
    }
    const list = byRadius.get(s.max_km) ?? [];
    list.push(i);
    byRadius.set(s.max_km, list);
  }
  const grids = [...byRadius].map(([radius, members]) => ({
    radius,
    grid: new GeoGrid(lat, lon, members, Math.max(5, radius / 3)),
  }));
  const eligible = selectTherapists(therapists, pending, rules.today);
  const bundles: Bundle[] = [];
  let therapistsWithoutLocation = 0;
  let tooFew = 0;
  let noOverlap = 0;
  const candI: number[] = [];
  const candScore: number[] = [];

  for (const t of eligible) {
    if (typeof t.latitude !== "number" || typeof t.longitude !== "number") {
      therapistsWithoutLocation++;
      continue;
    }
    const tLat = t.latitude;
    const tLon = t.longitude;
    const tHours = parseHours(t.arbeitszeiten);
    candI.length = 0;
    candScore.length = 0;
    for (const { radius, grid } of grids) {
      const maxDLat = radius / KM_PER_DEG_LAT + 1e-6;
      grid.near(tLat, tLon, radius, (i) => {
        if (budget[i] === 0 || Math.abs(lat[i] - tLat) > maxDLat) return;
        const s = ordered[i];
        const d = haversineKm(tLat, tLon, lat[i], lon[i]);
        if (d > radius || hardConstraintFailure(s, t, d) !== null) return;
        const overlap = parsedOverlap(tHours, hours[i]);
        // Progressive filtering: where working hours are known, only patients who can come then.
        if (overlap === 0) {
          noOverlap++;
          return;
        }
        candI.push(i);
        candScore.push(
          scoreOf(waiting[i], overlap, preference(t.id, s.attributes), d, s.max_km, rules.weights),
        );
      });
    }
    if (candI.length < rules.minSize) {
      tooFew++;
      continue;
    }
    const order = candI.map((_, k) => k).sort((a, b) => candScore[b] - candScore[a] || candI[a] - candI[b]);
    const chosen = order.slice(0, rules.maxSize).map((k) => candI[k]);
    for (const i of chosen) budget[i]--;
    chosen.sort((a, b) => a - b); // positions in waiting order
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
      keine_zeitliche_ueberschneidung: noOverlap,
    },
    therapists_considered: eligible.length,
  };
}
