import {
  eligibleSearches,
  toSearchForMatching,
  toTherapistForMatching,
} from "../../../services/matching/domain/candidates";
import type { SearchForMatching, TherapistForMatching } from "../../../services/matching/domain/eligibility";

const TODAY = "2026-12-04";
const searchRow = {
  id: 31,
  patient_id: 7,
  created_at: "2026-11-02T08:30:00Z",
  ausgeschlossene_therapeuten: [4],
};
const patientRow = {
  geschlecht: "weiblich",
  geburtsdatum: "1990-12-05",
  bevorzugtes_therapeutengeschlecht: "Weiblich",
  bevorzugtes_therapieverfahren: "Verhaltenstherapie",
  offen_fuer_gruppentherapie: true,
  latitude: 50.94,
  longitude: 6.96,
  raeumliche_verfuegbarkeit: { max_km: 15 },
};

describe("the matching view of a search (domain.md 3.5)", () => {
  it("takes the wishes, age on the day, location and travel distance of the patient", () => {
    expect(toSearchForMatching(searchRow, patientRow, TODAY, 25)).toEqual({
      platzsuche_id: 31,
      patient_id: 7,
      created_at: "2026-11-02T08:30:00.000Z",
      excluded_therapist_ids: new Set([4]),
      geschlecht: "weiblich",
      age: 35,
      bevorzugtes_therapeutengeschlecht: "Weiblich",
      bevorzugtes_therapieverfahren: "Verhaltenstherapie",
      offen_fuer_gruppentherapie: true,
      latitude: 50.94,
      longitude: 6.96,
      max_km: 15,
    });
  });

  it("falls back to no wish, not open to groups, unknown location and the default distance", () => {
    const s = toSearchForMatching(
      { ...searchRow, ausgeschlossene_therapeuten: null },
      { geschlecht: "männlich", geburtsdatum: null, offen_fuer_gruppentherapie: null },
      TODAY,
      25,
    );
    expect(s).toMatchObject({
      excluded_therapist_ids: new Set(),
      age: null,
      bevorzugtes_therapeutengeschlecht: null,
      bevorzugtes_therapieverfahren: null,
      offen_fuer_gruppentherapie: false,
      latitude: null,
      longitude: null,
      max_km: 25,
    });
  });

  it("uses the default distance when the patient's is zero, negative or not a number", () => {
    for (const max_km of [0, -5, "abc", null])
      expect(
        toSearchForMatching(searchRow, { ...patientRow, raeumliche_verfuegbarkeit: { max_km } }, TODAY, 25)
          .max_km,
      ).toBe(25);
    expect(
      toSearchForMatching(
        searchRow,
        { ...patientRow, raeumliche_verfuegbarkeit: { max_km: "40" } },
        TODAY,
        25,
      ).max_km,
    ).toBe(40);
  });

  it("keeps a therapist without a method as unknown (decisions.md 28), without other wishes as open", () => {
    expect(toTherapistForMatching({ id: 2, geschlecht: "männlich" })).toEqual({
      id: 2,
      geschlecht: "männlich",
      psychotherapieverfahren: null,
      alter_min: null,
      alter_max: null,
      geschlechtspraeferenz: null,
      bevorzugt_gruppentherapie: false,
      latitude: null,
      longitude: null,
    });
    expect(
      toTherapistForMatching({
        id: 3,
        geschlecht: "weiblich",
        psychotherapieverfahren: "Verhaltenstherapie",
        alter_min: 18,
        alter_max: 65,
        geschlechtspraeferenz: "Weiblich",
        bevorzugt_gruppentherapie: true,
        latitude: 50.9,
        longitude: 6.9,
      }),
    ).toMatchObject({
      psychotherapieverfahren: "Verhaltenstherapie",
      alter_min: 18,
      alter_max: 65,
      bevorzugt_gruppentherapie: true,
    });
  });
});

describe("choosing searches for a therapist by hand (domain.md 3.5)", () => {
  const therapist: TherapistForMatching = {
    id: 9,
    geschlecht: "weiblich",
    psychotherapieverfahren: "egal",
    alter_min: null,
    alter_max: null,
    geschlechtspraeferenz: null,
    bevorzugt_gruppentherapie: false,
    latitude: 50.94,
    longitude: 6.96,
  };
  const search = (id: number, created_at: string, o: Partial<SearchForMatching> = {}): SearchForMatching => ({
    platzsuche_id: id,
    patient_id: id,
    created_at,
    excluded_therapist_ids: new Set(),
    geschlecht: "weiblich",
    age: 30,
    bevorzugtes_therapeutengeschlecht: null,
    bevorzugtes_therapieverfahren: null,
    offen_fuer_gruppentherapie: false,
    latitude: 50.95,
    longitude: 6.97,
    max_km: 25,
    ...o,
  });

  it("takes the longest-waiting searches first, the lower id first on the same time, up to max", () => {
    const r = eligibleSearches(
      [
        search(5, "2026-11-03T00:00:00.000Z"),
        search(3, "2026-11-01T00:00:00.000Z"),
        search(2, "2026-11-03T00:00:00.000Z"),
        search(8, "2026-11-02T00:00:00.000Z"),
      ],
      therapist,
      3,
    );
    expect(r.chosen.map((s) => s.platzsuche_id)).toEqual([3, 8, 2]);
    expect(r.leftOut).toEqual({});
  });

  it("counts the searches left out per reason, unknown location separately", () => {
    const r = eligibleSearches(
      [
        search(1, "2026-11-01T00:00:00.000Z", { latitude: null }),
        search(2, "2026-11-01T00:00:00.000Z", { max_km: 1, latitude: 51.2 }),
        search(3, "2026-11-01T00:00:00.000Z", { excluded_therapist_ids: new Set([9]) }),
        search(4, "2026-11-01T00:00:00.000Z", { excluded_therapist_ids: new Set([9]) }),
        search(5, "2026-11-01T00:00:00.000Z"),
      ],
      therapist,
      6,
    );
    expect(r.chosen.map((s) => s.platzsuche_id)).toEqual([5]);
    expect(r.leftOut).toEqual({ no_location: 1, distance: 1, excluded: 2 });
  });

  it("does not count eligible searches beyond max as left out", () => {
    const r = eligibleSearches(
      [search(1, "2026-11-01T00:00:00.000Z"), search(2, "2026-11-02T00:00:00.000Z")],
      therapist,
      1,
    );
    expect(r.chosen.map((s) => s.platzsuche_id)).toEqual([1]);
    expect(r.leftOut).toEqual({});
  });
});
