import { searchPrerequisiteError } from "../../../services/matching/domain/search-validation";

// A patient complete enough for a search; each test breaks one thing.
const complete = (o: Record<string, unknown> = {}) => ({
  geschlecht: "weiblich",
  symptome: ["Depressive Verstimmung"],
  krankenkasse: "AOK",
  geburtsdatum: "1990-04-01",
  erfahrung_mit_psychotherapie: false,
  offen_fuer_gruppentherapie: false,
  zeitliche_verfuegbarkeit: { montag: ["09:00-12:00"] },
  ...o,
});
const P = "Cannot create platzsuche: ";

describe("a patient must be complete before a search starts (domain.md 3.3)", () => {
  it("accepts a complete patient, with or without diagnosis", () => {
    expect(searchPrerequisiteError(complete())).toBeNull();
    expect(searchPrerequisiteError(complete({ diagnose: null }))).toBeNull();
  });

  it.each(["geschlecht", "symptome", "krankenkasse", "geburtsdatum"])("requires %s to be filled", (field) => {
    const message = `${P}Patient field '${field}' is required and cannot be empty`;
    for (const empty of [null, undefined, "", "   ", []])
      expect(searchPrerequisiteError(complete({ [field]: empty }))).toBe(message);
  });

  it.each(["erfahrung_mit_psychotherapie", "offen_fuer_gruppentherapie"])(
    "requires %s to be answered, where false is an answer",
    (field) => {
      const message = `${P}Patient field '${field}' must be explicitly set (true/false)`;
      expect(searchPrerequisiteError(complete({ [field]: null }))).toBe(message);
      expect(searchPrerequisiteError(complete({ [field]: undefined }))).toBe(message);
      expect(searchPrerequisiteError(complete({ [field]: false }))).toBeNull();
    },
  );

  it("requires a weekly availability with at least one time slot", () => {
    const none = `${P}Patient must have 'zeitliche_verfuegbarkeit' with at least one day/time`;
    for (const zv of [null, undefined, {}, "montag"])
      expect(searchPrerequisiteError(complete({ zeitliche_verfuegbarkeit: zv }))).toBe(none);
    expect(
      searchPrerequisiteError(complete({ zeitliche_verfuegbarkeit: { montag: [], dienstag: [] } })),
    ).toBe(`${P}Patient must have at least one valid time slot in 'zeitliche_verfuegbarkeit'`);
    expect(
      searchPrerequisiteError(
        complete({ zeitliche_verfuegbarkeit: { montag: [], freitag: ["16:00-18:00"] } }),
      ),
    ).toBeNull();
  });

  it("requires the date of the last session when the patient had therapy before", () => {
    const message = `${P}Field 'letzte_sitzung_vorherige_psychotherapie' is required when 'erfahrung_mit_psychotherapie' is true`;
    expect(searchPrerequisiteError(complete({ erfahrung_mit_psychotherapie: true }))).toBe(message);
    expect(
      searchPrerequisiteError(
        complete({ erfahrung_mit_psychotherapie: true, letzte_sitzung_vorherige_psychotherapie: "" }),
      ),
    ).toBe(message);
    expect(
      searchPrerequisiteError(
        complete({
          erfahrung_mit_psychotherapie: true,
          letzte_sitzung_vorherige_psychotherapie: "2024-05-01",
        }),
      ),
    ).toBeNull();
  });

  it("names the first failure in the documented order", () => {
    expect(
      searchPrerequisiteError(
        complete({ krankenkasse: "", offen_fuer_gruppentherapie: null, zeitliche_verfuegbarkeit: null }),
      ),
    ).toBe(`${P}Patient field 'krankenkasse' is required and cannot be empty`);
    expect(
      searchPrerequisiteError(complete({ offen_fuer_gruppentherapie: null, zeitliche_verfuegbarkeit: null })),
    ).toBe(`${P}Patient field 'offen_fuer_gruppentherapie' must be explicitly set (true/false)`);
    expect(
      searchPrerequisiteError(
        complete({ zeitliche_verfuegbarkeit: null, erfahrung_mit_psychotherapie: true }),
      ),
    ).toBe(`${P}Patient must have 'zeitliche_verfuegbarkeit' with at least one day/time`);
  });
});
