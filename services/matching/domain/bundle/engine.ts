import { haversineKm } from "../../../shared/geo";
import { hardConstraintFailure } from "../eligibility";
import { selectTherapists } from "../selection";
import { GeoGrid } from "./grid";
import { availabilityOverlap, bundleScore } from "./scoring";
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

/**
 * The automatic bundle run (decisions.md 4): for every contactable therapist (not cooling, no pending inquiry,
 * one per practice e-mail) the best 3..6 searches that pass every hard constraint, scored softly; a search
 * joins several bundles of one run only within its remaining contact budget. Deterministic for the same data
 * and date. Candidates come from a spatial grid over the stored coordinates.
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
  let maxRadius = 0;
  let withoutLocation = 0;
  let withoutBudget = 0;
  for (let i = 0; i < n; i++) {
    const s = ordered[i];
    const located = typeof s.latitude === "number" && typeof s.longitude === "number";
    lat[i] = located ? s.latitude! : NaN;
    lon[i] = located ? s.longitude! : NaN;
    budget[i] = Math.max(0, s.remaining_budget);
    if (!located) withoutLocation++;
    else if (budget[i] === 0) withoutBudget++;
    if (located && s.max_km > maxRadius) maxRadius = s.max_km;
  }
  const grid = new GeoGrid(lat, lon);
  const eligible = selectTherapists(therapists, pending, rules.today);
  const bundles: Bundle[] = [];
  let therapistsWithoutLocation = 0;
  let tooFew = 0;
  let noOverlap = 0;

  for (const t of eligible) {
    if (typeof t.latitude !== "number" || typeof t.longitude !== "number") {
      therapistsWithoutLocation++;
      continue;
    }
    const candidates: { i: number; score: number }[] = [];
    for (const i of grid.near(t.latitude, t.longitude, maxRadius)) {
      if (budget[i] === 0) continue;
      const s = ordered[i];
      const d = haversineKm(t.latitude, t.longitude, lat[i], lon[i]);
      if (hardConstraintFailure(s, t, d) !== null) continue;
      const overlap = availabilityOverlap(t.arbeitszeiten, s.zeitliche_verfuegbarkeit);
      // Progressive filtering: where working hours are known, only patients who can come then.
      if (overlap === 0) {
        noOverlap++;
        continue;
      }
      candidates.push({ i, score: bundleScore(s, t, d, overlap, rules, preference) });
    }
    if (candidates.length < rules.minSize) {
      tooFew++;
      continue;
    }
    candidates.sort((a, b) => b.score - a.score || a.i - b.i);
    const chosen = candidates.slice(0, rules.maxSize).map((c) => c.i);
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
