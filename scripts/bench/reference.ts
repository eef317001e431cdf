import { hardConstraintFailure } from "../../services/matching/domain/eligibility";
import { byWaiting } from "../../services/matching/domain/bundle/engine";
import { availabilityOverlap, scoreOf, waitingFraction } from "../../services/matching/domain/bundle/scoring";
import type {
  Bundle,
  BundleProposal,
  BundleRules,
  BundleSearch,
  BundleTherapist,
  PreferenceModel,
} from "../../services/matching/domain/bundle/types";
import { selectTherapists } from "../../services/matching/domain/selection";
import { distanceKmBetween, hasCoordinates } from "../../services/shared/geo";

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
  return referenceProposal(therapists, searches, pending, rules, preference).bundles;
}

/** The same, with the counts of what was left out (api.md 2: `ausgelassen`). */
export function referenceProposal(
  therapists: BundleTherapist[],
  searches: BundleSearch[],
  pending: ReadonlySet<number>,
  rules: BundleRules,
  preference: PreferenceModel,
): BundleProposal {
  const ordered = [...searches].sort(byWaiting);
  const budget = ordered.map((s) => Math.max(0, s.remaining_budget));
  const out: Bundle[] = [];
  const eligible = selectTherapists(therapists, pending, rules.today);
  let therapistsWithoutLocation = 0;
  let tooFew = 0;
  let noOverlap = 0;
  for (const t of eligible) {
    if (!hasCoordinates(t)) {
      therapistsWithoutLocation++;
      continue;
    }
    const scored: { i: number; score: number }[] = [];
    ordered.forEach((s, i) => {
      if (budget[i] === 0) return;
      const d = distanceKmBetween(s, t);
      if (hardConstraintFailure(s, t, d) !== null) return;
      const overlap = availabilityOverlap(t.arbeitszeiten, s.zeitliche_verfuegbarkeit);
      if (overlap === 0) {
        noOverlap++;
        return;
      }
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
    if (scored.length < rules.minSize) {
      tooFew++;
      continue;
    }
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
  const located = ordered.filter(hasCoordinates);
  return {
    bundles: out,
    ausgelassen: {
      ohne_koordinaten: ordered.length - located.length + therapistsWithoutLocation,
      kein_kontingent: located.filter((s) => Math.max(0, s.remaining_budget) === 0).length,
      zu_wenige_patienten: tooFew,
      keine_zeitliche_ueberschneidung: noOverlap,
    },
    therapists_considered: eligible.length,
  };
}
