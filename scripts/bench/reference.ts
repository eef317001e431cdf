import { hardConstraintFailure } from "../../services/matching/domain/eligibility";
import { byWaiting } from "../../services/matching/domain/bundle/engine";
import { availabilityOverlap, scoreOf, waitingFraction } from "../../services/matching/domain/bundle/scoring";
import type {
  Bundle,
  BundleRules,
  BundleSearch,
  BundleTherapist,
  PreferenceModel,
} from "../../services/matching/domain/bundle/types";
import { selectTherapists } from "../../services/matching/domain/selection";
import { distanceKmBetween } from "../../services/shared/geo";

/**
 * The straightforward version of the same rules (quality.md P1r): every eligible therapist against every
 * search, no index, plain arrays. The bench and the property test require identical bundles from the engine.
 */
export function referenceBundles(
  therapists: BundleTherapist[],
  searches: BundleSearch[],
  pending: ReadonlySet<number>,
  rules: BundleRules,
  preference: PreferenceModel,
): Bundle[] {
  const ordered = [...searches].sort(byWaiting);
  const budget = ordered.map((s) => Math.max(0, s.remaining_budget));
  const out: Bundle[] = [];
  for (const t of selectTherapists(therapists, pending, rules.today)) {
    if (t.latitude === null || t.longitude === null) continue;
    const scored: { i: number; score: number }[] = [];
    ordered.forEach((s, i) => {
      if (budget[i] === 0) return;
      const d = distanceKmBetween(s, t);
      if (hardConstraintFailure(s, t, d) !== null) return;
      const overlap = availabilityOverlap(t.arbeitszeiten, s.zeitliche_verfuegbarkeit);
      if (overlap === 0) return;
      scored.push({
        i,
        score: scoreOf(
          waitingFraction(s, rules.today),
          overlap,
          preference(t.id, s.attributes),
          d!,
          s.max_km,
          rules.weights,
        ),
      });
    });
    if (scored.length < rules.minSize) continue;
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    const chosen = scored.slice(0, rules.maxSize).map((x) => x.i);
    chosen.forEach((i) => budget[i]--);
    chosen.sort((a, b) => a - b);
    out.push({
      therapist_id: t.id,
      platzsuche_ids: chosen.map((i) => ordered[i].platzsuche_id),
      patient_ids: chosen.map((i) => ordered[i].patient_id),
    });
  }
  return out;
}
