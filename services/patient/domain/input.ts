import { resolveNulls, validateFields } from "../../shared/validation";
import { PATIENT_NULLS, PATIENT_REQUIRED, PATIENT_RULES } from "./fields";
import { isZahlungsreferenz } from "./payment";

export type PatientInput = Record<string, unknown>;
export type InputResult = { ok: true; value: PatientInput } | { ok: false; error: string; field?: string };

export const INVALID_ZAHLUNGSREFERENZ = "Invalid zahlungsreferenz. Must be 8 letters or digits";

/**
 * Validates a POST (`create`) or PUT (`update`) body with the earlier API's messages (domain.md 4.2). Unknown
 * keys and the automatic fields (startdatum, letzter_kontakt, coordinates) are dropped, so a client cannot set
 * them; on update a required field may be left out but not cleared.
 */
export function validatePatientInput(raw: PatientInput, mode: "create" | "update"): InputResult {
  const input = withoutNul(raw);
  const { value, error, field } = validateFields(
    input,
    PATIENT_RULES,
    mode === "create" ? PATIENT_REQUIRED : [],
  );
  if (error) return { ok: false, error, field };
  if (mode === "update") {
    for (const f of PATIENT_REQUIRED) {
      if (f in value && (value[f] === null || value[f] === ""))
        return { ok: false, error: `Field '${f}' is required`, field: f };
    }
  }
  const kept = resolveNulls(value, PATIENT_NULLS, mode);
  if (kept) return { ok: false, error: kept };
  const ref = input.zahlungsreferenz;
  if (ref !== undefined && (mode === "update" || ref !== null)) {
    if (!isZahlungsreferenz(ref))
      return { ok: false, error: INVALID_ZAHLUNGSREFERENZ, field: "zahlungsreferenz" };
    value.zahlungsreferenz = ref;
  }
  return { ok: true, value };
}

/** NUL characters cannot be stored in a text column and never mean anything in a form field: dropped. */
function withoutNul(input: PatientInput): PatientInput {
  const out: PatientInput = {};
  for (const [k, v] of Object.entries(input)) out[k] = typeof v === "string" ? v.replace(/\u0000/g, "") : v;
  return out;
}
