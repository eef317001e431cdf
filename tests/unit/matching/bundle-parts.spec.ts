import * as fc from "fast-check";
import { CandidateHeap } from "../../../services/matching/domain/bundle/candidate-heap";
import { searchItems } from "../../../services/matching/domain/bundle/items";
import { chordLimit2, ConstraintTable, unitVector } from "../../../services/matching/domain/bundle/prefilter";
import {
  availabilityOverlap,
  scoreOf,
  waitingFraction,
} from "../../../services/matching/domain/bundle/scoring";
import { TopK } from "../../../services/matching/domain/bundle/top-k";
import type { BundleSearch } from "../../../services/matching/domain/bundle/types";

// The bundle engine's parts on their own, so they are checked without the slow reference comparison.

describe("candidate heap: the therapist's candidates, largest upper bound first", () => {
  it("hands out every item exactly once, in non-increasing key order, whatever the insertion order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 70 }), (keys) => {
        const heap = new CandidateHeap(4); // smaller than most inputs: it must grow
        keys.forEach((k, i) => heap.add(k, i));
        heap.build();
        const taken: number[] = [];
        let last = Infinity;
        while (heap.size > 0) {
          const top = heap.topKey;
          expect(top).toBeLessThanOrEqual(last);
          const item = heap.take();
          expect(keys[item]).toBe(top);
          taken.push(item);
          last = top;
        }
        expect(taken.sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
        expect(heap.topKey).toBe(-Infinity);
      }),
      { numRuns: 500 },
    );
  });

  it("is empty after clear and can be filled again", () => {
    const heap = new CandidateHeap(0);
    heap.add(1, 10);
    heap.add(3, 30);
    heap.build();
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.topKey).toBe(-Infinity);
    heap.add(2, 20);
    heap.add(5, 50);
    heap.add(4, 40);
    heap.build();
    expect([heap.take(), heap.take(), heap.take()]).toEqual([50, 40, 20]);
  });
});

describe("top k: the best candidates, higher score first, the longer-waiting one on a tie", () => {
  const reference = (offers: [number, number][], k: number) =>
    [...offers].sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k);

  it("keeps exactly what sorting all offers would keep", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 200 })), {
          selector: (o) => o[1],
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 8 }),
        (offers, k) => {
          const top = new TopK(k);
          offers.forEach(([score, index], i) => {
            const kept = reference([...offers.slice(0, i), [score, index]], k).some((o) => o[1] === index);
            expect(top.wouldTake(score, index)).toBe(kept);
            top.offer(score, index);
          });
          const best = reference(offers, k);
          expect(top.size).toBe(best.length);
          expect([...top.index.slice(0, top.size)]).toEqual(best.map((o) => o[1]));
          expect(top.threshold).toBe(best.length === k && k > 0 ? best[k - 1][0] : -Infinity);
          expect(top.best(3)).toEqual(
            best
              .slice(0, 3)
              .map((o) => o[1])
              .sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("takes nothing with k = 0 and starts over after reset", () => {
    const none = new TopK(0);
    expect(none.wouldTake(1, 1)).toBe(false);
    none.offer(1, 1);
    expect(none.size).toBe(0);
    expect(none.threshold).toBe(-Infinity);

    const two = new TopK(2);
    two.offer(0.9, 4);
    two.offer(0.8, 2);
    expect(two.threshold).toBe(0.8);
    two.reset();
    expect(two.size).toBe(0);
    expect(two.threshold).toBe(-Infinity);
    expect(two.best(5)).toEqual([]);
  });

  it("prefers the lower index on equal scores and refuses a higher one when full", () => {
    const top = new TopK(2);
    top.offer(0.5, 7);
    top.offer(0.5, 3);
    expect(top.wouldTake(0.5, 9)).toBe(false);
    expect(top.wouldTake(0.5, 5)).toBe(true);
    top.offer(0.5, 9);
    top.offer(0.5, 5);
    expect([...top.index]).toEqual([3, 5]);
    expect(top.best(2)).toEqual([3, 5]);
  });
});

describe("the soft score (decisions.md 4)", () => {
  const w = { waiting: 0.4, availability: 0.3, preference: 0.2, distance: 0.1 };
  const search = (created_at: string) => ({ created_at }) as BundleSearch;

  it("counts waiting from the search's start day, fully after a year, never negative", () => {
    expect(waitingFraction(search("2026-12-04T23:59:00.000Z"), "2026-12-04")).toBe(0);
    expect(waitingFraction(search("2026-06-07T08:00:00.000Z"), "2026-12-04")).toBe(180 / 365);
    expect(waitingFraction(search("2025-12-04T00:00:00.000Z"), "2026-12-04")).toBe(1);
    expect(waitingFraction(search("2020-01-01T00:00:00.000Z"), "2026-12-04")).toBe(1);
    expect(waitingFraction(search("2026-12-10T00:00:00.000Z"), "2026-12-04")).toBe(0);
  });

  it("weighs waiting, availability, preference and nearness", () => {
    expect(scoreOf(1, 1, 1, 0, 25, w)).toBeCloseTo(1, 12);
    expect(scoreOf(0, 0, 0, 25, 25, w)).toBe(0);
    expect(scoreOf(0.5, 0, 0, 25, 25, w)).toBeCloseTo(0.2, 12);
    expect(scoreOf(0, 0.5, 0, 25, 25, w)).toBeCloseTo(0.15, 12);
    expect(scoreOf(0, 0, 0.5, 25, 25, w)).toBeCloseTo(0.1, 12);
    expect(scoreOf(0, 0, 0, 10, 40, w)).toBeCloseTo(0.1 * 0.75, 12);
  });

  it("treats unknown availability as one half, and distance beyond the limit as no nearness", () => {
    expect(scoreOf(0, null, 0, 50, 25, w)).toBeCloseTo(0.3 * 0.5, 12);
    expect(scoreOf(0, 0, 0, 50, 25, w)).toBe(0);
  });

  it("measures nearness against at least 1 km", () => {
    expect(scoreOf(0, 0, 0, 0.5, 0.2, w)).toBeCloseTo(0.1 * 0.5, 12);
  });

  it("shares the patient's hours inside the therapist's hours, unknown when the therapist has none", () => {
    expect(availabilityOverlap({}, { montag: ["09:00-11:00"] })).toBeNull();
    expect(availabilityOverlap({ montag: ["10:00-12:00"] }, {})).toBe(0);
    expect(availabilityOverlap({ montag: ["10:00-12:00"] }, { montag: ["09:00-11:00"] })).toBe(0.5);
    expect(
      availabilityOverlap(
        { montag: ["08:00-18:00"] },
        { montag: ["09:00-11:00"], dienstag: ["09:00-11:00"] },
      ),
    ).toBe(0.5);
  });
});

describe("search items: what the engine's inner loop reads about a search", () => {
  const s = (o: Partial<BundleSearch>): BundleSearch => ({
    platzsuche_id: 1,
    patient_id: 1,
    created_at: "2026-06-07T00:00:00.000Z",
    excluded_therapist_ids: new Set(),
    geschlecht: "weiblich",
    age: 30,
    bevorzugtes_therapeutengeschlecht: null,
    bevorzugtes_therapieverfahren: null,
    offen_fuer_gruppentherapie: false,
    latitude: 50.9,
    longitude: 6.9,
    max_km: 25,
    remaining_budget: 3,
    zeitliche_verfuegbarkeit: { montag: ["09:00-12:00"] },
    attributes: [],
    ...o,
  });

  it("lays the searches out in item order and maps waiting order back to items", () => {
    const ordered = [
      s({ platzsuche_id: 1, max_km: 10, age: null, zeitliche_verfuegbarkeit: {} }),
      s({ platzsuche_id: 2, latitude: 52.5, longitude: 13.4, remaining_budget: 1 }),
      s({ platzsuche_id: 3, zeitliche_verfuegbarkeit: { montag: ["08:00-09:00", "10:00-11:00"] } }),
    ];
    const table = new ConstraintTable();
    const order = Int32Array.from([2, 0]); // search 1 (index 1) is in no grid
    const items = searchItems(ordered, order, Int32Array.from([5, 1, 2]), table, "2026-12-04");

    expect([...items.itemOf]).toEqual([1, -1, 0]);
    expect([...items.budget]).toEqual([2, 5]);
    expect([...items.maxKm]).toEqual([25, 10]);
    expect([...items.chord2]).toEqual([chordLimit2(25), chordLimit2(10)]);
    expect([...items.latitude]).toEqual([50.9, 50.9]);
    expect(items.waiting[0]).toBe(180 / 365);
    expect(items.age[0]).toBe(30);
    expect(items.age[1]).toBeNaN();
    expect(items.constraintClass[1]).toBe(table.searchClass(ordered[0]));

    const xyz = new Float64Array(3);
    unitVector(50.9, 6.9, xyz, 0);
    expect([...items.xyz.slice(3, 6)]).toEqual([...xyz]);

    // Two ranges on one day cannot be packed; a search without hours has none and denominator 0.
    expect(items.packed[0]).toBe(0);
    expect(items.hours[0]!.denominator).toBe(120);
    expect(items.denominator[0]).toBe(120);
    expect(items.hours[1]).toBeNull();
    expect(items.denominator[1]).toBe(0);
  });

  it("packs a single range per day as minutes", () => {
    const items = searchItems(
      [s({})],
      Int32Array.from([0]),
      Int32Array.from([3]),
      new ConstraintTable(),
      "2026-12-04",
    );
    expect(items.packed[0]).toBe(1);
    expect([...items.packedHours.slice(0, 2)]).toEqual([540, 720]);
    expect([...items.packedHours.slice(2, 14)]).toEqual(Array(12).fill(0));
    expect(items.denominator[0]).toBe(180);
  });
});
