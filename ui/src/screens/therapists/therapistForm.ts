import type { Therapist } from "../../api/adminTypes";
import type { Schedule } from "../../api/types";
import { cleanSchedule } from "../patients/patientForm";

/** Form state of a therapist: texts, dates and numbers as strings ("" = empty), flags as booleans. */
export interface TherapistFormValues {
  anrede: string;
  geschlecht: string;
  titel: string;
  vorname: string;
  nachname: string;
  strasse: string;
  plz: string;
  ort: string;
  telefon: string;
  fax: string;
  email: string;
  webseite: string;
  psychotherapieverfahren: string;
  zusatzqualifikationen: string;
  besondere_leistungsangebote: string;
  letzter_kontakt_email: string;
  letzter_kontakt_telefon: string;
  letztes_persoenliches_gespraech: string;
  potenziell_verfuegbar_notizen: string;
  geschlechtspraeferenz: string;
  status: string;
  sperrgrund: string;
  alter_min: string;
  alter_max: string;
  kassensitz: boolean;
  potenziell_verfuegbar: boolean;
  ueber_curavani_informiert: boolean;
  bevorzugt_gruppentherapie: boolean;
  fremdsprachen: string[];
  telefonische_erreichbarkeit: Schedule;
}

export const THERAPIST_TEXT_FIELDS = [
  "anrede",
  "geschlecht",
  "titel",
  "vorname",
  "nachname",
  "strasse",
  "plz",
  "ort",
  "telefon",
  "fax",
  "email",
  "webseite",
  "psychotherapieverfahren",
  "zusatzqualifikationen",
  "besondere_leistungsangebote",
  "letzter_kontakt_email",
  "letzter_kontakt_telefon",
  "letztes_persoenliches_gespraech",
  "potenziell_verfuegbar_notizen",
  "geschlechtspraeferenz",
  "status",
  "sperrgrund",
] as const;
const NUMBER_FIELDS = ["alter_min", "alter_max"] as const;
const FLAGS = [
  "kassensitz",
  "potenziell_verfuegbar",
  "ueber_curavani_informiert",
  "bevorzugt_gruppentherapie",
] as const;

export function toTherapistForm(t: Therapist | null): TherapistFormValues {
  const v: Record<string, unknown> = {};
  for (const f of THERAPIST_TEXT_FIELDS) v[f] = (t?.[f] as string | null | undefined) ?? "";
  for (const f of NUMBER_FIELDS) v[f] = t?.[f] === null || t?.[f] === undefined ? "" : String(t[f]);
  for (const f of FLAGS) v[f] = t ? t[f] : f === "kassensitz";
  if (!t) {
    v.status = "aktiv";
    v.geschlechtspraeferenz = "Egal";
    v.psychotherapieverfahren = "egal";
  }
  v.fremdsprachen = t?.fremdsprachen ?? [];
  v.telefonische_erreichbarkeit = t?.telefonische_erreichbarkeit ?? {};
  return v as unknown as TherapistFormValues;
}

function apiValues(v: TherapistFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of THERAPIST_TEXT_FIELDS) {
    const t = v[f].trim();
    out[f] = t === "" ? null : t;
  }
  for (const f of NUMBER_FIELDS) out[f] = v[f].trim() === "" ? null : Number(v[f]);
  for (const f of FLAGS) out[f] = v[f];
  out.fremdsprachen = v.fremdsprachen.map((s) => s.trim()).filter(Boolean);
  out.telefonische_erreichbarkeit = cleanSchedule(v.telefonische_erreichbarkeit);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The request body. Create: every filled field. Edit: only what changed; an emptied field goes as `null`,
 * which clears it (a cleared method means "not known", docs/therapists.md).
 */
export function therapistPayload(
  v: TherapistFormValues,
  initial: TherapistFormValues | null,
): Record<string, unknown> {
  const now = apiValues(v);
  if (!initial) {
    const body: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(now)) {
      if (val === null) continue;
      if (Array.isArray(val) && val.length === 0) continue;
      if (k === "telefonische_erreichbarkeit" && Object.keys(val as object).length === 0) continue;
      body[k] = val;
    }
    return body;
  }
  const before = apiValues(initial);
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(now)) if (!same(val, before[k])) body[k] = val;
  return body;
}
