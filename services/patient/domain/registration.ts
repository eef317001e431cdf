import { validatePatientInput, type PatientInput } from "./input";
import { zahlungsreferenzFromToken, isZahlungsreferenz } from "./payment";

/** One registration file of the public form (domain.md 2.13): `{patient_data, consent_metadata, registration_timestamp, registration_token}`. */
export interface Registration {
  /** Patient fields as the API stores them, with the import's fixed values applied. */
  fields: PatientInput;
  /** The 64-character token; only its hash is stored (idempotency), its first 8 characters are the reference. */
  token: string;
}

export type RegistrationResult = { ok: true; registration: Registration } | { ok: false; error: string };

// The form's values for these are the platform's decision, never the file's (domain.md 3.2 step 2).
const DECIDED_BY_IMPORT = [
  "status",
  "startdatum",
  "letzter_kontakt",
  "zahlung_eingegangen",
  "vertraege_unterschrieben",
  "zahlungsreferenz",
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Turns a registration file into patient fields (domain.md 3.2 steps 2-3): validated like the API,
 * Zahlungsreferenz = first 8 characters of the token, contracts signed, payment not yet received, status
 * `offen`, `offen_fuer_gruppentherapie` false when absent, `symptome` taken only when it is a list.
 */
export function parseRegistration(file: unknown): RegistrationResult {
  if (!isObject(file)) return { ok: false, error: "Registration must be a JSON object" };
  if (!isObject(file.patient_data)) return { ok: false, error: "Missing patient_data" };
  const token = file.registration_token;
  if (typeof token !== "string" || !isZahlungsreferenz(token.slice(0, 8))) {
    return { ok: false, error: "Missing or invalid registration_token (at least 8 letters or digits)" };
  }
  const data: PatientInput = { ...file.patient_data };
  for (const f of DECIDED_BY_IMPORT) delete data[f];
  if (!Array.isArray(data.symptome)) delete data.symptome;
  if (data.offen_fuer_gruppentherapie === undefined || data.offen_fuer_gruppentherapie === null) {
    data.offen_fuer_gruppentherapie = false;
  }
  const r = validatePatientInput(data, "create");
  if (!r.ok) return r;
  return {
    ok: true,
    registration: {
      token,
      fields: {
        ...r.value,
        status: "offen",
        vertraege_unterschrieben: true,
        zahlung_eingegangen: false,
        zahlungsreferenz: zahlungsreferenzFromToken(token),
      },
    },
  };
}
