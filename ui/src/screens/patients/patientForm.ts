import type { Patient, Schedule } from "../../api/types";

/** Form state: text and date fields as strings ("" = empty), optional yes/no as "ja" | "nein" | "". */
export interface PatientFormValues {
  anrede: string;
  geschlecht: string;
  vorname: string;
  nachname: string;
  strasse: string;
  plz: string;
  ort: string;
  email: string;
  telefon: string;
  hausarzt: string;
  krankenkasse: string;
  krankenversicherungsnummer: string;
  geburtsdatum: string;
  empfehler_der_unterstuetzung: string;
  status: string;
  zahlungsreferenz: string;
  zahlung_eingegangen: boolean;
  vertraege_unterschrieben: boolean;
  symptome: string[];
  erfahrung_mit_psychotherapie: string;
  letzte_sitzung_vorherige_psychotherapie: string;
  erster_therapieplatz_am: string;
  funktionierender_therapieplatz_am: string;
  bevorzugtes_therapeutengeschlecht: string;
  bevorzugtes_therapieverfahren: string;
  offen_fuer_gruppentherapie: string;
  offen_fuer_diga: string;
  verkehrsmittel: string;
  max_km: string;
  zeitliche_verfuegbarkeit: Schedule;
}

const TEXT_FIELDS = [
  "anrede",
  "geschlecht",
  "vorname",
  "nachname",
  "strasse",
  "plz",
  "ort",
  "email",
  "telefon",
  "hausarzt",
  "krankenkasse",
  "krankenversicherungsnummer",
  "geburtsdatum",
  "empfehler_der_unterstuetzung",
  "status",
  "zahlungsreferenz",
  "letzte_sitzung_vorherige_psychotherapie",
  "erster_therapieplatz_am",
  "funktionierender_therapieplatz_am",
  "bevorzugtes_therapeutengeschlecht",
  "bevorzugtes_therapieverfahren",
  "verkehrsmittel",
] as const;
const TRI_STATE = ["erfahrung_mit_psychotherapie", "offen_fuer_gruppentherapie", "offen_fuer_diga"] as const;

const tri = (v: boolean | null | undefined) => (v === true ? "ja" : v === false ? "nein" : "");

export function emptyPatientForm(): PatientFormValues {
  return toFormValues(null);
}

export function toFormValues(p: Patient | null): PatientFormValues {
  const v: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) v[f] = (p?.[f] as string | null | undefined) ?? "";
  for (const f of TRI_STATE) v[f] = tri(p?.[f]);
  if (!p) {
    v.status = "offen";
    v.bevorzugtes_therapeutengeschlecht = "Egal";
    v.bevorzugtes_therapieverfahren = "egal";
  }
  v.zahlung_eingegangen = p?.zahlung_eingegangen ?? false;
  v.vertraege_unterschrieben = p?.vertraege_unterschrieben ?? false;
  v.symptome = p?.symptome ?? [];
  v.max_km = p?.raeumliche_verfuegbarkeit?.max_km ? String(p.raeumliche_verfuegbarkeit.max_km) : "";
  v.zeitliche_verfuegbarkeit = p?.zeitliche_verfuegbarkeit ?? {};
  return v as unknown as PatientFormValues;
}

/** Only weekdays with at least one range; ranges kept in the order entered. */
export function cleanSchedule(s: Schedule): Schedule {
  const out: Schedule = {};
  for (const [day, ranges] of Object.entries(s) as [keyof Schedule, string[] | undefined][]) {
    const r = (ranges ?? []).filter(Boolean);
    if (r.length) out[day] = r;
  }
  return out;
}

/** The API body of one form's fields, before comparing with the stored record. */
function apiValues(v: PatientFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) {
    const t = v[f].trim();
    out[f] = t === "" ? null : t;
  }
  for (const f of TRI_STATE) out[f] = v[f] === "ja" ? true : v[f] === "nein" ? false : null;
  out.zahlung_eingegangen = v.zahlung_eingegangen;
  out.vertraege_unterschrieben = v.vertraege_unterschrieben;
  out.symptome = v.symptome.length ? v.symptome : null;
  out.raeumliche_verfuegbarkeit = v.max_km.trim() ? { max_km: Number(v.max_km) } : null;
  out.zeitliche_verfuegbarkeit = cleanSchedule(v.zeitliche_verfuegbarkeit);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The request body. Create: every filled field. Edit: only the fields that changed, and a field the user
 * emptied is sent as `null`, which clears it (issue 13: "a field can never be cleared").
 */
export function patientPayload(
  v: PatientFormValues,
  initial: PatientFormValues | null,
): Record<string, unknown> {
  const now = apiValues(v);
  if (!initial) {
    const body: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(now)) {
      if (val === null) continue;
      if (k === "zeitliche_verfuegbarkeit" && Object.keys(val as object).length === 0) continue;
      body[k] = val;
    }
    return body;
  }
  const before = apiValues(initial);
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(now)) if (!same(val, before[k])) body[k] = val;
  return body;
}

/** Form field a `field` from the API maps to (raeumliche_verfuegbarkeit is edited as max_km). */
export const formFieldOf = (apiField: string) =>
  apiField === "raeumliche_verfuegbarkeit" ? "max_km" : apiField;
