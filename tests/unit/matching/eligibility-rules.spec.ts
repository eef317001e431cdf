import {
  hardConstraintFailure,
  type SearchForMatching,
  type TherapistForMatching,
} from "../../../services/matching/domain/eligibility";
import { matchingSearch } from "../../helpers/matching-search";

// A search and a therapist that match on every rule; each test changes one thing.
const search = matchingSearch;
const therapist = (o: Partial<TherapistForMatching> = {}): TherapistForMatching => ({
  id: 9,
  geschlecht: "weiblich",
  psychotherapieverfahren: "Verhaltenstherapie",
  alter_min: null,
  alter_max: null,
  geschlechtspraeferenz: "Egal",
  bevorzugt_gruppentherapie: false,
  latitude: 50.78,
  longitude: 6.09,
  ...o,
});
const check = (s: Partial<SearchForMatching>, t: Partial<TherapistForMatching>, km = 1) =>
  hardConstraintFailure(search(s), therapist(t), km);

describe("a therapist's age range (domain.md 3.5)", () => {
  it("refuses a patient younger than alter_min and accepts one exactly at it", () => {
    expect(check({ age: 17 }, { alter_min: 18 })).toBe("therapist_age_preference");
    expect(check({ age: 18 }, { alter_min: 18 })).toBeNull();
    expect(check({ age: 60 }, { alter_min: 18 })).toBeNull();
  });

  it("accepts a patient exactly at alter_max and refuses one a year older", () => {
    expect(check({ age: 40 }, { alter_max: 40 })).toBeNull();
    expect(check({ age: 41 }, { alter_max: 40 })).toBe("therapist_age_preference");
    expect(check({ age: 20 }, { alter_max: 40 })).toBeNull();
  });

  it("applies both bounds together", () => {
    expect(check({ age: 25 }, { alter_min: 30, alter_max: 40 })).toBe("therapist_age_preference");
    expect(check({ age: 35 }, { alter_min: 30, alter_max: 40 })).toBeNull();
    expect(check({ age: 45 }, { alter_min: 30, alter_max: 40 })).toBe("therapist_age_preference");
  });

  it("excludes a patient of unknown age only when the therapist has a bound", () => {
    expect(check({ age: null }, { alter_max: 40 })).toBe("therapist_age_preference");
    expect(check({ age: null }, { alter_min: 18 })).toBe("therapist_age_preference");
    expect(check({ age: null }, { alter_min: null, alter_max: null })).toBeNull();
    expect(check({ age: null }, { alter_min: 0, alter_max: 0 })).toBeNull();
  });
});

describe("the patient's wishes", () => {
  it("accepts a therapist offering exactly the wanted method", () => {
    for (const m of ["Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie"] as const)
      expect(check({ bevorzugtes_therapieverfahren: m }, { psychotherapieverfahren: m })).toBeNull();
  });

  it("refuses a therapist offering only the other method, in either direction", () => {
    expect(
      check(
        { bevorzugtes_therapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie" },
        { psychotherapieverfahren: "Verhaltenstherapie" },
      ),
    ).toBe("therapy_method");
  });

  it("accepts any method when the patient has no wish", () => {
    expect(
      check({ bevorzugtes_therapieverfahren: null }, { psychotherapieverfahren: "Verhaltenstherapie" }),
    ).toBeNull();
    expect(check({ bevorzugtes_therapieverfahren: "egal" }, {})).toBeNull();
  });

  it("accepts a therapist of exactly the wanted gender, either way round", () => {
    expect(check({ bevorzugtes_therapeutengeschlecht: "Weiblich" }, { geschlecht: "weiblich" })).toBeNull();
    expect(check({ bevorzugtes_therapeutengeschlecht: "Männlich" }, { geschlecht: "männlich" })).toBeNull();
    expect(check({ bevorzugtes_therapeutengeschlecht: "Männlich" }, { geschlecht: "weiblich" })).toBe(
      "patient_gender_preference",
    );
  });

  it("accepts any therapist gender when the patient has no wish", () => {
    for (const wish of [null, "Egal"] as const)
      for (const g of ["männlich", "weiblich", "divers", "keine_Angabe"] as const)
        expect(check({ bevorzugtes_therapeutengeschlecht: wish }, { geschlecht: g })).toBeNull();
  });
});

describe("the therapist's wishes", () => {
  it("accepts a patient of exactly the preferred gender and refuses the other", () => {
    expect(check({ geschlecht: "männlich" }, { geschlechtspraeferenz: "Männlich" })).toBeNull();
    expect(check({ geschlecht: "weiblich" }, { geschlechtspraeferenz: "Weiblich" })).toBeNull();
    expect(check({ geschlecht: "weiblich" }, { geschlechtspraeferenz: "Männlich" })).toBe(
      "therapist_gender_preference",
    );
  });

  it("has no gender preference when it is unset or Egal", () => {
    for (const pref of [null, "Egal"] as const)
      expect(check({ geschlecht: "divers" }, { geschlechtspraeferenz: pref })).toBeNull();
  });

  it("offers group therapy to patients open to it", () => {
    expect(check({ offen_fuer_gruppentherapie: true }, { bevorzugt_gruppentherapie: true })).toBeNull();
    expect(check({ offen_fuer_gruppentherapie: false }, { bevorzugt_gruppentherapie: true })).toBe(
      "group_therapy",
    );
  });
});

describe("which failure is reported", () => {
  it("names the first failing rule in the order location, distance, exclusion, wishes", () => {
    const everythingWrong = {
      s: {
        max_km: 5,
        excluded_therapist_ids: new Set([9]),
        bevorzugtes_therapeutengeschlecht: "Männlich" as const,
        age: 10,
      },
      t: { geschlecht: "weiblich" as const, alter_min: 18 },
    };
    expect(check(everythingWrong.s, everythingWrong.t, 50)).toBe("distance");
    expect(check(everythingWrong.s, everythingWrong.t, 1)).toBe("excluded");
    expect(check({ ...everythingWrong.s, excluded_therapist_ids: new Set([8]) }, everythingWrong.t, 1)).toBe(
      "patient_gender_preference",
    );
  });

  it("excludes only the therapist on the patient's list", () => {
    expect(check({ excluded_therapist_ids: new Set([8, 10]) }, { id: 9 })).toBeNull();
    expect(check({ excluded_therapist_ids: new Set([8, 9]) }, { id: 9 })).toBe("excluded");
  });
});
