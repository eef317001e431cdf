import { inputFingerprint } from "../../../services/matching/domain/bundle/fingerprint";

describe("bundle input fingerprint (a reviewed proposal is committed only while it is unchanged)", () => {
  const search = (id: number, excluded: number[]) => ({
    platzsuche_id: id,
    patient_id: id * 10,
    excluded_therapist_ids: new Set(excluded),
    remaining_budget: 5,
  });
  const input = () => ({
    searches: [search(1, [3, 4]), search(2, [])],
    therapists: [{ id: 7, plz: "04107" }],
    pending: new Set([9, 8]),
    prefs: {
      population_rate: 0.5,
      byTherapist: new Map([[7, new Map([["alter:30-39", { rate: 1, n: 1 }]])]]),
    },
    rules: { today: "2026-12-04", minSize: 3 },
  });

  it("does not depend on the order rows came in", () => {
    const a = input();
    const b = input();
    b.searches.reverse();
    b.pending = new Set([8, 9]);
    b.searches[1].excluded_therapist_ids = new Set([4, 3]);
    expect(inputFingerprint(b)).toBe(inputFingerprint(a));
  });

  it("changes with anything the run decides on", () => {
    const base = inputFingerprint(input());
    const changes: ((i: ReturnType<typeof input>) => void)[] = [
      (i) => i.searches[0].excluded_therapist_ids.add(7),
      (i) => (i.searches[1].remaining_budget = 4),
      (i) => i.searches.pop(),
      (i) => (i.therapists[0].plz = "04109"),
      (i) => i.pending.add(7),
      (i) => i.prefs.byTherapist.get(7)!.set("geschlecht:weiblich", { rate: 0, n: 1 }),
      (i) => (i.rules.today = "2026-12-05"),
    ];
    for (const change of changes) {
      const i = input();
      change(i);
      expect(inputFingerprint(i)).not.toBe(base);
    }
  });
});
