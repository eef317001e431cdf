import { generate, rng } from "../../../scripts/bench/dataset";
import { syntheticRegion } from "../../helpers/region";
import { referenceBundles, referenceProposal } from "../../../scripts/bench/reference";
import { proposeBundles } from "../../../services/matching/domain/bundle/engine";
import type { BundleRules } from "../../../services/matching/domain/bundle/types";
import { learnPreferences, preferenceModel } from "../../../services/matching/domain/preferences";

const rules: BundleRules = {
  today: "2026-11-22",
  minSize: 3,
  maxSize: 6,
  weights: { waiting: 0.4, availability: 0.2, preference: 0.25, distance: 0.15 },
};
const prefs = (tid: number, attrs: string[]) => ((tid * 31 + attrs.length * 7) % 100) / 100;
const centroids = syntheticRegion(600, 1);

/** A learned model (with its upper bound, so the engine prunes) from invented outcomes. */
function learned(seed: number, therapists: number, attributes: string[][]) {
  const r = rng(seed);
  const outcomes = Array.from({ length: 4000 }, () => ({
    therapist_id: 1 + Math.floor(r() * therapists),
    accepted: r() < 0.4,
    attributes: attributes[Math.floor(r() * attributes.length)],
  }));
  return preferenceModel(learnPreferences(outcomes));
}

describe("bundle engine = straightforward reference (quality.md P1r)", () => {
  it.each([1, 2, 3, 4])(
    "gives identical bundles on a regional set of 3,000 therapists x 2,000 searches (seed %i)",
    (seed) => {
      const { therapists, searches } = generate(centroids, 3000, 2000, seed);
      const pending = new Set([5, 17, 99]);
      const engine = proposeBundles(therapists, searches, pending, rules, prefs).bundles;
      const reference = referenceBundles(therapists, searches, pending, rules, prefs);
      expect(engine.length).toBeGreaterThan(100);
      expect(engine).toEqual(reference);
    },
    120_000,
  );

  it.each([5, 6, 7])(
    "gives the identical proposal, counts included, with learned preferences that let it prune (seed %i)",
    (seed) => {
      const { therapists, searches } = generate(centroids, 3000, 2000, seed);
      const model = learned(
        seed,
        3000,
        searches.map((s) => s.attributes),
      );
      const pending = new Set([3, 40, 41]);
      const engine = proposeBundles(therapists, searches, pending, rules, model);
      expect(engine.bundles.length).toBeGreaterThan(100);
      expect(engine).toEqual(referenceProposal(therapists, searches, pending, rules, model));
    },
    120_000,
  );

  it("gives the identical proposal with other sizes and weights (one weight zero)", () => {
    const { therapists, searches } = generate(centroids, 1500, 1500, 11);
    const other = {
      ...rules,
      minSize: 2,
      maxSize: 4,
      weights: { ...rules.weights, distance: 0, waiting: 0.7 },
    };
    const model = learned(
      11,
      1500,
      searches.map((s) => s.attributes),
    );
    expect(proposeBundles(therapists, searches, new Set(), other, model)).toEqual(
      referenceProposal(therapists, searches, new Set(), other, model),
    );
  });

  it("keeps every bundle within 3..6, never over a search's budget, and is deterministic", () => {
    const { therapists, searches } = generate(centroids, 1500, 1000, 9);
    const a = proposeBundles(therapists, searches, new Set(), rules, prefs);
    const b = proposeBundles(therapists, searches, new Set(), rules, prefs);
    expect(a).toEqual(b);
    const used = new Map<number, number>();
    for (const bundle of a.bundles) {
      expect(bundle.patient_ids.length).toBeGreaterThanOrEqual(3);
      expect(bundle.patient_ids.length).toBeLessThanOrEqual(6);
      for (const s of bundle.platzsuche_ids) used.set(s, (used.get(s) ?? 0) + 1);
    }
    for (const s of searches)
      expect(used.get(s.platzsuche_id) ?? 0).toBeLessThanOrEqual(Math.max(0, s.remaining_budget));
    const therapistIds = a.bundles.map((x) => x.therapist_id);
    expect(new Set(therapistIds).size).toBe(therapistIds.length);
  });
});
