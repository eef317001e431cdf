import { evaluateResponse, rowStatus, validateResponses } from "../../../services/matching/domain/response";
import { searchUpdateError } from "../../../services/matching/domain/transitions";
import { excludedIds, withExclusion } from "../../../services/matching/domain/exclusions";
import { searchPrerequisiteError } from "../../../services/matching/domain/search-validation";

describe("response evaluation (domain.md 3.8, decisions.md 8)", () => {
  it("computes the type from the new counts, which always sum to the size", () => {
    expect(evaluateResponse(["angenommen", "in_Sitzungen"]).antworttyp).toBe("vollstaendige_Annahme");
    expect(evaluateResponse(["angenommen", "abgelehnt_Kapazitaet"]).antworttyp).toBe("teilweise_Annahme");
    const r = evaluateResponse(["nicht_erschienen", "abgelehnt_sonstiges", "abgelehnt_nicht_geeignet"]);
    expect(r).toEqual({
      angenommen_anzahl: 0,
      abgelehnt_anzahl: 3,
      keine_antwort_anzahl: 0,
      antworttyp: "vollstaendige_Ablehnung",
    });
    expect(rowStatus("nicht_erschienen")).toBe("keine_antwort");
    expect(rowStatus("in_Sitzungen")).toBe("angenommen");
  });
  it("validates keys, values, completeness and extras in that order", () => {
    expect(validateResponses({ abc: "angenommen" }, [1]).error).toBe(
      "Invalid patient response: abc -> angenommen",
    );
    expect(validateResponses({ 1: "angenommen" }, [1, 2]).extra).toEqual({ missing_patient_ids: [2] });
    expect(validateResponses({ 1: "angenommen", 3: "angenommen" }, [1]).extra).toEqual({
      extra_patient_ids: [3],
    });
    expect(validateResponses({ 1: "angenommen" }, [1]).error).toBeNull();
  });
});

describe("search rules", () => {
  it("allows only the documented transitions", () => {
    const s = { status: "aktiv" as const, vermittelter_therapeut_id: null };
    expect(searchUpdateError(s, { status: "pausiert" })).toBeNull();
    expect(
      searchUpdateError(
        { ...s, status: "pausiert" },
        { status: "erfolgreich", vermittelter_therapeut_id: 3 },
      ),
    ).toMatch(/Invalid status transition/);
    expect(searchUpdateError(s, { status: "erfolgreich", vermittelter_therapeut_id: 3 })).toBeNull();
    expect(
      searchUpdateError(
        { status: "erfolgreich", vermittelter_therapeut_id: 3 },
        { vermittelter_therapeut_id: 3 },
      ),
    ).toBeNull();
  });
  it("folds both exclusion shapes and adds automatic entries once", () => {
    expect([...excludedIds([1, { id: 2, reason: "x" }, "3"])]).toEqual([1, 2]);
    const once = withExclusion([1], 5, "Rejected: nicht_erschienen", new Date("2026-01-01"));
    expect(withExclusion(once, 5, "again", new Date())).toBe(once);
  });
  it("names the first missing prerequisite", () => {
    expect(
      searchPrerequisiteError({ geschlecht: "weiblich", symptome: [], krankenkasse: "", geburtsdatum: null }),
    ).toBe("Cannot create platzsuche: Patient field 'symptome' is required and cannot be empty");
  });
});
