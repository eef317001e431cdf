import {
  hardConstraintFailure,
  type TherapistForMatching,
} from "../../../services/matching/domain/eligibility";
import { matchingSearch } from "../../helpers/matching-search";
import { ageOn } from "../../../services/shared/dates";

const search = matchingSearch;
const therapist = (o: Partial<TherapistForMatching> = {}): TherapistForMatching => ({
  id: 9,
  geschlecht: "männlich",
  psychotherapieverfahren: "egal",
  alter_min: null,
  alter_max: null,
  geschlechtspraeferenz: "Egal",
  bevorzugt_gruppentherapie: false,
  latitude: 50.78,
  longitude: 6.09,
  ...o,
});

describe("hard constraints (domain.md 3.5, decisions.md 5-6)", () => {
  it("accepts a plain match and fails closed on unknown location", () => {
    expect(hardConstraintFailure(search(), therapist(), 3)).toBeNull();
    expect(hardConstraintFailure(search(), therapist(), null)).toBe("no_location");
  });
  it("checks the patient's travel distance inclusively", () => {
    expect(hardConstraintFailure(search({ max_km: 10 }), therapist(), 10)).toBeNull();
    expect(hardConstraintFailure(search({ max_km: 10 }), therapist(), 10.01)).toBe("distance");
  });
  it("honours both exclusion list shapes (folded into ids)", () => {
    expect(hardConstraintFailure(search({ excluded_therapist_ids: new Set([9]) }), therapist(), 1)).toBe(
      "excluded",
    );
  });
  it("never lets divers/keine_Angabe therapists satisfy a specific gender wish", () => {
    expect(
      hardConstraintFailure(search({ bevorzugtes_therapeutengeschlecht: "Weiblich" }), therapist(), 1),
    ).toBe("patient_gender_preference");
    expect(
      hardConstraintFailure(
        search({ bevorzugtes_therapeutengeschlecht: "Weiblich" }),
        therapist({ geschlecht: "divers" }),
        1,
      ),
    ).toBe("patient_gender_preference");
    expect(
      hardConstraintFailure(search({ bevorzugtes_therapeutengeschlecht: "Männlich" }), therapist(), 1),
    ).toBeNull();
  });
  it("lets a therapist with 'egal' match any method and a patient with 'egal' any therapist", () => {
    expect(
      hardConstraintFailure(search({ bevorzugtes_therapieverfahren: "Verhaltenstherapie" }), therapist(), 1),
    ).toBeNull();
    expect(
      hardConstraintFailure(
        search({ bevorzugtes_therapieverfahren: "Verhaltenstherapie" }),
        therapist({ psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie" }),
        1,
      ),
    ).toBe("therapy_method");
    expect(
      hardConstraintFailure(search(), therapist({ psychotherapieverfahren: "Verhaltenstherapie" }), 1),
    ).toBeNull();
  });
  it("lets a therapist without a method (null) match only patients whose preference is 'egal' (decisions.md 28)", () => {
    const noMethod = therapist({ psychotherapieverfahren: null });
    expect(hardConstraintFailure(search({ bevorzugtes_therapieverfahren: "egal" }), noMethod, 1)).toBeNull();
    expect(hardConstraintFailure(search({ bevorzugtes_therapieverfahren: null }), noMethod, 1)).toBeNull();
    for (const method of ["Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie"] as const)
      expect(hardConstraintFailure(search({ bevorzugtes_therapieverfahren: method }), noMethod, 1)).toBe(
        "therapy_method",
      );
  });
  it("checks the therapist's age range inclusively, treats 0 as no bound and excludes unknown ages", () => {
    expect(
      hardConstraintFailure(search({ age: 30 }), therapist({ alter_min: 30, alter_max: 40 }), 1),
    ).toBeNull();
    expect(hardConstraintFailure(search({ age: 41 }), therapist({ alter_min: 30, alter_max: 40 }), 1)).toBe(
      "therapist_age_preference",
    );
    expect(
      hardConstraintFailure(search({ age: 70 }), therapist({ alter_min: 0, alter_max: 0 }), 1),
    ).toBeNull();
    expect(
      hardConstraintFailure(search({ age: 70 }), therapist({ alter_min: 30, alter_max: 0 }), 1),
    ).toBeNull();
    expect(hardConstraintFailure(search({ age: null }), therapist({ alter_min: 30 }), 1)).toBe(
      "therapist_age_preference",
    );
  });
  it("uses the therapist's gender preference and the one-way group rule", () => {
    expect(
      hardConstraintFailure(
        search({ geschlecht: "keine_Angabe" }),
        therapist({ geschlechtspraeferenz: "Weiblich" }),
        1,
      ),
    ).toBe("therapist_gender_preference");
    expect(hardConstraintFailure(search(), therapist({ bevorzugt_gruppentherapie: true }), 1)).toBe(
      "group_therapy",
    );
    expect(
      hardConstraintFailure(
        search({ offen_fuer_gruppentherapie: true }),
        therapist({ bevorzugt_gruppentherapie: false }),
        1,
      ),
    ).toBeNull();
  });
});

describe("age in full years", () => {
  it("counts a birthday today and not tomorrow's", () => {
    expect(ageOn("1990-11-22", "2026-11-22")).toBe(36);
    expect(ageOn("1990-11-23", "2026-11-22")).toBe(35);
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
    expect(ageOn(null, "2026-11-22")).toBeNull();
    expect(ageOn("22.11.1990", "2026-11-22")).toBeNull();
  });
});
