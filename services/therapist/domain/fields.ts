import {
  ANREDE,
  GESCHLECHT,
  GESCHLECHTSPRAEFERENZ,
  THERAPEUTSTATUS,
  THERAPIEVERFAHREN,
} from "../../shared/enums";
import type { NullRules, Rules } from "../../shared/validation";

/** Writable therapist fields (domain.md 2.5). */
export const THERAPIST_RULES: Rules = {
  anrede: { kind: "enum", label: "anrede", values: ANREDE },
  geschlecht: { kind: "enum", label: "geschlecht", values: GESCHLECHT },
  titel: { kind: "string", max: 20 },
  vorname: { kind: "string", max: 100 },
  nachname: { kind: "string", max: 100 },
  strasse: { kind: "string", max: 200 },
  plz: { kind: "plz" },
  ort: { kind: "string", max: 100 },
  telefon: { kind: "string", max: 50 },
  fax: { kind: "string", max: 50 },
  email: { kind: "email" },
  webseite: { kind: "string", max: 300 },
  kassensitz: { kind: "bool" },
  telefonische_erreichbarkeit: { kind: "schedule" },
  fremdsprachen: { kind: "stringList" },
  psychotherapieverfahren: { kind: "enum", label: "therapy method", values: THERAPIEVERFAHREN },
  zusatzqualifikationen: { kind: "text" },
  besondere_leistungsangebote: { kind: "text" },
  letzter_kontakt_email: { kind: "date" },
  letzter_kontakt_telefon: { kind: "date" },
  letztes_persoenliches_gespraech: { kind: "date" },
  potenziell_verfuegbar: { kind: "bool" },
  potenziell_verfuegbar_notizen: { kind: "text" },
  ueber_curavani_informiert: { kind: "bool" },
  naechster_kontakt_moeglich: { kind: "date" },
  bevorzugte_diagnosen: { kind: "stringList" },
  alter_min: { kind: "int", min: 0, max: 120 },
  alter_max: { kind: "int", min: 0, max: 120 },
  geschlechtspraeferenz: { kind: "enum", label: "gender preference", values: GESCHLECHTSPRAEFERENZ },
  arbeitszeiten: { kind: "schedule" },
  bevorzugt_gruppentherapie: { kind: "bool" },
  status: { kind: "enum", label: "status", values: THERAPEUTSTATUS },
  sperrgrund: { kind: "text" },
  sperrdatum: { kind: "date" },
};

export const THERAPIST_REQUIRED = ["anrede", "geschlecht", "vorname", "nachname"] as const;

/**
 * What `null` stores where a column cannot be empty; every other optional field becomes null (a method of
 * null is "no method known", decisions.md 28). The status is never cleared: that would silently unblock.
 */
export const THERAPIST_NULLS: NullRules = {
  empty: {
    titel: "",
    kassensitz: true,
    telefonische_erreichbarkeit: {},
    fremdsprachen: [],
    potenziell_verfuegbar: false,
    ueber_curavani_informiert: false,
    bevorzugte_diagnosen: [],
    geschlechtspraeferenz: "Egal",
    arbeitszeiten: {},
    bevorzugt_gruppentherapie: false,
  },
  kept: ["status"],
};
export const JSON_FIELDS = [
  "telefonische_erreichbarkeit",
  "fremdsprachen",
  "bevorzugte_diagnosen",
  "arbeitszeiten",
];
export const ADDRESS_FIELDS = ["strasse", "plz", "ort"] as const;

/** Blocking transitions emit events the matching service consumes (cancel unsent inquiries). */
export function blockingChange(
  before: { status: string } | null,
  after: { status: string },
): "blocked" | "unblocked" | null {
  if (after.status === "gesperrt" && before?.status !== "gesperrt") return "blocked";
  if (before?.status === "gesperrt" && after.status !== "gesperrt") return "unblocked";
  return null;
}

/** `Invalid boolean value '<x>'. Use 'true' or 'false'.` for the list filter (domain.md 4.3). */
export function parseBoolFilter(v: unknown): { value: boolean | null; error: string | null } {
  if (v === undefined || v === "") return { value: null, error: null };
  if (v === "true" || v === true) return { value: true, error: null };
  if (v === "false" || v === false) return { value: false, error: null };
  return { value: null, error: `Invalid boolean value '${String(v)}'. Use 'true' or 'false'.` };
}
