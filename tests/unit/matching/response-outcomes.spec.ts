import {
  evaluateResponse,
  excludesTherapist,
  isAccepted,
  rowStatus,
  validateResponses,
} from "../../../services/matching/domain/response";
import { PATIENTENERGEBNIS } from "../../../services/shared/enums";

describe("what each outcome of a therapist's answer means (domain.md 3.8, decisions.md 8)", () => {
  it("excludes the therapist from the patient's search only when unsuitable or the patient did not show", () => {
    const excluding = PATIENTENERGEBNIS.filter(excludesTherapist);
    expect(excluding).toEqual(["abgelehnt_nicht_geeignet", "nicht_erschienen"]);
  });

  it("counts angenommen and in_Sitzungen as acceptances, nothing else", () => {
    expect(PATIENTENERGEBNIS.filter(isAccepted)).toEqual(["angenommen", "in_Sitzungen"]);
  });

  it("gives each outcome its row status", () => {
    expect(Object.fromEntries(PATIENTENERGEBNIS.map((o) => [o, rowStatus(o)]))).toEqual({
      angenommen: "angenommen",
      in_Sitzungen: "angenommen",
      abgelehnt_Kapazitaet: "abgelehnt",
      abgelehnt_nicht_geeignet: "abgelehnt",
      abgelehnt_sonstiges: "abgelehnt",
      nicht_erschienen: "keine_antwort",
    });
  });
});

describe("the answer type and counts", () => {
  it("is a full acceptance when every patient is accepted", () => {
    expect(evaluateResponse(["angenommen", "angenommen", "in_Sitzungen"])).toEqual({
      angenommen_anzahl: 3,
      abgelehnt_anzahl: 0,
      keine_antwort_anzahl: 0,
      antworttyp: "vollstaendige_Annahme",
    });
  });

  it("is a partial acceptance when some are accepted", () => {
    expect(evaluateResponse(["abgelehnt_sonstiges", "in_Sitzungen", "nicht_erschienen"])).toEqual({
      angenommen_anzahl: 1,
      abgelehnt_anzahl: 2,
      keine_antwort_anzahl: 0,
      antworttyp: "teilweise_Annahme",
    });
  });

  it("is a full rejection when none is accepted, and no answer when there are no outcomes", () => {
    expect(evaluateResponse(["abgelehnt_Kapazitaet"]).antworttyp).toBe("vollstaendige_Ablehnung");
    expect(evaluateResponse([])).toEqual({
      angenommen_anzahl: 0,
      abgelehnt_anzahl: 0,
      keine_antwort_anzahl: 0,
      antworttyp: "keine_Antwort",
    });
  });
});

describe("validating patient_responses", () => {
  const required = "patient_responses is required and must be an object of patient_id to outcome";

  it("refuses anything but an object", () => {
    for (const raw of [undefined, null, "angenommen", 5, ["angenommen"]])
      expect(validateResponses(raw, [1])).toEqual({ error: required });
  });

  it("refuses an unknown outcome with the list of valid ones", () => {
    expect(validateResponses({ 1: "vielleicht" }, [1])).toEqual({
      error: "Invalid patient response: 1 -> vielleicht",
      extra: { valid_outcomes: [...PATIENTENERGEBNIS] },
    });
  });

  it("refuses keys that are not plain patient ids", () => {
    for (const key of ["-1", "1.5", " 1", "1e2", "x1"])
      expect(validateResponses({ [key]: "angenommen" }, [1]).error).toBe(
        `Invalid patient response: ${key} -> angenommen`,
      );
  });

  it("names every missing patient, then every extra one", () => {
    expect(validateResponses({ 2: "angenommen" }, [1, 2, 3])).toEqual({
      error: "Missing responses for some patients",
      extra: { missing_patient_ids: [1, 3] },
    });
    expect(validateResponses({ 1: "angenommen", 4: "angenommen", 5: "nicht_erschienen" }, [1])).toEqual({
      error: "Responses provided for patients not in anfrage",
      extra: { extra_patient_ids: [4, 5] },
    });
  });

  it("returns each patient's outcome when complete", () => {
    const r = validateResponses({ 1: "angenommen", 1207: "abgelehnt_Kapazitaet" }, [1207, 1]);
    expect(r.error).toBeNull();
    expect([...r.outcomes!.entries()]).toEqual([
      [1, "angenommen"],
      [1207, "abgelehnt_Kapazitaet"],
    ]);
  });
});
