import {
  PATIENTENERGEBNIS,
  type AnfragePatientStatus,
  type Antworttyp,
  type Patientenergebnis,
} from "../../shared/enums";

const ACCEPTED = new Set<Patientenergebnis>(["angenommen", "in_Sitzungen"]);
const EXCLUDING = new Set<Patientenergebnis>(["abgelehnt_nicht_geeignet", "nicht_erschienen"]);

export interface ResponseValidation {
  error: string | null;
  extra?: Record<string, unknown>;
  outcomes?: Map<number, Patientenergebnis>;
}

/** Validates `patient_responses` against the inquiry's patients with the messages of domain.md 3.8. */
export function validateResponses(raw: unknown, patientIds: number[]): ResponseValidation {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return { error: "patient_responses is required and must be an object of patient_id to outcome" };
  }
  const outcomes = new Map<number, Patientenergebnis>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const pid = /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(pid) || !PATIENTENERGEBNIS.includes(value as Patientenergebnis)) {
      return {
        error: `Invalid patient response: ${key} -> ${String(value)}`,
        extra: { valid_outcomes: [...PATIENTENERGEBNIS] },
      };
    }
    outcomes.set(pid, value as Patientenergebnis);
  }
  const missing = patientIds.filter((id) => !outcomes.has(id));
  if (missing.length)
    return { error: "Missing responses for some patients", extra: { missing_patient_ids: missing } };
  const extra = [...outcomes.keys()].filter((id) => !patientIds.includes(id));
  if (extra.length)
    return { error: "Responses provided for patients not in anfrage", extra: { extra_patient_ids: extra } };
  return { error: null, outcomes };
}

/** Row status per outcome (domain.md 3.8 with decisions.md 8). */
export function rowStatus(o: Patientenergebnis): AnfragePatientStatus {
  if (o === "angenommen" || o === "in_Sitzungen") return "angenommen";
  if (o === "nicht_erschienen") return "keine_antwort";
  return "abgelehnt";
}

export const isAccepted = (o: Patientenergebnis) => ACCEPTED.has(o);
export const excludesTherapist = (o: Patientenergebnis) => EXCLUDING.has(o);

/** Counts always sum to the inquiry size; the type comes from the new counts (fixes 3.19 bug 1 and 2). */
export function evaluateResponse(outcomes: Patientenergebnis[]): {
  angenommen_anzahl: number;
  abgelehnt_anzahl: number;
  keine_antwort_anzahl: number;
  antworttyp: Antworttyp;
} {
  const accepted = outcomes.filter((o) => ACCEPTED.has(o)).length;
  const rejected = outcomes.length - accepted;
  let antworttyp: Antworttyp = "keine_Antwort";
  if (outcomes.length > 0 && accepted === outcomes.length) antworttyp = "vollstaendige_Annahme";
  else if (accepted > 0) antworttyp = "teilweise_Annahme";
  else if (outcomes.length > 0 && rejected === outcomes.length) antworttyp = "vollstaendige_Ablehnung";
  return { angenommen_anzahl: accepted, abgelehnt_anzahl: rejected, keine_antwort_anzahl: 0, antworttyp };
}

/**
 * First responder wins (decisions.md 9): what an acceptance by `therapistId` does to a search, decided on the
 * search as read under its row lock. Only an active search without a placement is placed; a search already
 * placed with another therapist (or no longer active) records a conflict; the same therapist again changes
 * nothing.
 */
export function acceptanceEffect(
  search: { status: string; vermittelter_therapeut_id: number | null },
  therapistId: number,
): "placed" | "conflict" | "unchanged" {
  if (search.status === "aktiv" && search.vermittelter_therapeut_id === null) return "placed";
  return search.vermittelter_therapeut_id === therapistId ? "unchanged" : "conflict";
}
