import { prequalification } from "../../../services/patient/domain/prequalification";

const RULES = { minWeeklyHours: 20 };
const TODAY = "2026-11-22";
const patient = (o: Partial<Parameters<typeof prequalification>[0]> = {}) => ({
  zeitliche_verfuegbarkeit: { montag: ["08:00-18:00"], dienstag: ["08:00-18:00"] },
  erfahrung_mit_psychotherapie: false,
  letzte_sitzung_vorherige_psychotherapie: null,
  ...o,
});

describe("pre-qualification (decisions.md 12)", () => {
  it("counts weekly hours, overlapping windows once, and flags below the minimum", () => {
    const enough = prequalification(patient(), TODAY, RULES);
    expect(enough).toMatchObject({
      woechentliche_stunden: 20,
      mindeststunden: 20,
      mindeststunden_erfuellt: true,
    });
    expect(enough.hinweise).toEqual([]);

    const few = prequalification(
      patient({
        zeitliche_verfuegbarkeit: { montag: ["09:00-12:00", "10:00-12:30"], freitag: ["14:00-15:15"] },
      }),
      TODAY,
      RULES,
    );
    expect(few).toMatchObject({ woechentliche_stunden: 4.75, mindeststunden_erfuellt: false });
    expect(few.hinweise[0]).toContain("4.75");
  });

  it("takes the minimum as a rule, not a constant", () => {
    expect(prequalification(patient(), TODAY, { minWeeklyHours: 25 }).mindeststunden_erfuellt).toBe(false);
  });

  it.each([
    ["2025-11-23", true],
    ["2024-11-23", true],
    ["2024-11-22", false],
    ["2020-01-01", false],
  ])("flags the two-year rule for a last session on %s: %s", (last, violated) => {
    const r = prequalification(
      patient({ erfahrung_mit_psychotherapie: true, letzte_sitzung_vorherige_psychotherapie: last }),
      TODAY,
      RULES,
    );
    expect(r.zwei_jahres_regel_verletzt).toBe(violated);
  });

  it("ignores a session date when the patient has no prior therapy", () => {
    const r = prequalification(
      patient({ letzte_sitzung_vorherige_psychotherapie: "2026-01-01" }),
      TODAY,
      RULES,
    );
    expect(r).toMatchObject({
      zwei_jahres_regel_verletzt: false,
      letzte_sitzung_vorherige_psychotherapie: null,
    });
  });

  it("says when the rule cannot be checked", () => {
    const r = prequalification(patient({ erfahrung_mit_psychotherapie: true }), TODAY, RULES);
    expect(r.zwei_jahres_regel_verletzt).toBe(false);
    expect(r.hinweise.join(" ")).toContain("nicht prüfbar");
  });

  it("handles a leap day as today", () => {
    const r = prequalification(
      patient({ erfahrung_mit_psychotherapie: true, letzte_sitzung_vorherige_psychotherapie: "2026-03-01" }),
      "2028-02-29",
      RULES,
    );
    expect(r.zwei_jahres_regel_verletzt).toBe(true);
  });
});
