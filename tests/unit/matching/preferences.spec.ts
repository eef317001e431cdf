import {
  learnPreferences,
  patientAttributes,
  preferenceModel,
  type Outcome,
} from "../../../services/matching/domain/preferences";

describe("the attributes preferences are learned by (decisions.md 11)", () => {
  it("puts a patient into an age band, with each band's lower edge inside it", () => {
    const band = (age: number | null) => patientAttributes({}, age)[0];
    expect([18, 24, 25, 34, 35, 49, 50, 64, 65, 90].map(band)).toEqual([
      "alter:18-24",
      "alter:18-24",
      "alter:25-34",
      "alter:25-34",
      "alter:35-49",
      "alter:35-49",
      "alter:50-64",
      "alter:50-64",
      "alter:65+",
      "alter:65+",
    ]);
    expect(band(null)).toBe("alter:unbekannt");
  });

  it("adds gender, openness to groups and each symptom group once", () => {
    expect(
      patientAttributes(
        {
          geschlecht: "divers",
          offen_fuer_gruppentherapie: true,
          symptome: ["Schlafstörungen", "Burnout / Erschöpfung", "Mobbing", "kein Symptom der Liste"],
        },
        40,
      ),
    ).toEqual([
      "alter:35-49",
      "geschlecht:divers",
      "gruppe:ja",
      "symptomgruppe:HÄUFIGSTE ANLIEGEN",
      "symptomgruppe:BEZIEHUNGEN & SOZIALES",
    ]);
    expect(patientAttributes({ offen_fuer_gruppentherapie: null }, 30)).toEqual([
      "alter:25-34",
      "geschlecht:keine_Angabe",
      "gruppe:nein",
    ]);
  });
});

describe("learned acceptance rates", () => {
  const o = (therapist_id: number, accepted: boolean, attributes: string[]): Outcome => ({
    therapist_id,
    accepted,
    attributes,
  });

  it("starts at one half without any history", () => {
    const l = learnPreferences([]);
    expect(l.population_rate).toBe(0.5);
    expect(preferenceModel(l)(1, ["alter:25-34"])).toBe(0.5);
  });

  it("pulls a therapist's rate towards the population rate by the prior strength", () => {
    // Population: 1 of 4 accepted. Therapist 1 accepted its only patient aged 25-34.
    const l = learnPreferences(
      [
        o(1, true, ["alter:25-34"]),
        o(2, false, ["alter:25-34"]),
        o(2, false, ["alter:50-64"]),
        o(3, false, []),
      ],
      5,
    );
    expect(l.population_rate).toBe(0.25);
    expect(l.byTherapist.get(1)!.get("alter:25-34")).toEqual({ rate: (1 + 5 * 0.25) / (1 + 5), n: 1 });
    expect(l.byTherapist.get(2)!.get("alter:50-64")).toEqual({ rate: (0 + 5 * 0.25) / (1 + 5), n: 1 });
    expect(l.byTherapist.get(2)!.get("alter:25-34")!.n).toBe(1);
  });

  it("counts every outcome of an attribute, accepted or not", () => {
    const l = learnPreferences([o(1, true, ["a"]), o(1, false, ["a"]), o(1, true, ["a"])], 0);
    expect(l.byTherapist.get(1)!.get("a")).toEqual({ rate: 2 / 3, n: 3 });
  });

  it("uses a prior of 5 pseudo-observations by default", () => {
    const l = learnPreferences([o(1, true, ["a"]), o(2, false, ["a"])]);
    expect(l.byTherapist.get(1)!.get("a")!.rate).toBeCloseTo((1 + 5 * 0.5) / 6, 12);
  });

  it("scores a patient by the mean rate over its attributes, unknown ones at the population rate", () => {
    const l = learnPreferences([o(1, true, ["a"]), o(1, false, ["b"])], 0);
    const score = preferenceModel(l);
    expect(score(1, ["a"])).toBe(1);
    expect(score(1, ["a", "b"])).toBe(0.5);
    expect(score(1, ["a", "unseen"])).toBe((1 + 0.5) / 2);
    expect(score(1, [])).toBe(0.5);
    expect(score(99, ["a"])).toBe(0.5);
  });

  it("bounds every score of a therapist from above by its best rate, at least the population rate", () => {
    const l = learnPreferences(
      [o(1, true, ["a"]), o(1, false, ["b"]), o(2, false, ["a"]), o(2, false, ["b"])],
      0,
    );
    const model = preferenceModel(l);
    expect(model.upperBound(1)).toBe(1);
    expect(model.upperBound(2)).toBe(l.population_rate);
    expect(model.upperBound(42)).toBe(l.population_rate);
    for (const attrs of [["a"], ["b"], ["a", "b"], ["c"]])
      expect(model(1, attrs)).toBeLessThanOrEqual(model.upperBound(1));
  });
});
