import {
  ANREDE,
  GESCHLECHT,
  GESCHLECHTSPRAEFERENZ,
  PATIENTENSTATUS,
  THERAPIEVERFAHREN,
} from "../../shared/enums";
import type { NullRules, Rules } from "../../shared/validation";

/** Writable patient fields and their rules (domain.md 2.4); startdatum and letzter_kontakt are automatic only. */
export const PATIENT_RULES: Rules = {
  anrede: { kind: "enum", label: "anrede", values: ANREDE },
  geschlecht: { kind: "enum", label: "geschlecht", values: GESCHLECHT },
  vorname: { kind: "string", max: 100 },
  nachname: { kind: "string", max: 100 },
  strasse: { kind: "string", max: 200 },
  plz: { kind: "plz" },
  ort: { kind: "string", max: 100 },
  email: { kind: "email" },
  telefon: { kind: "string", max: 50 },
  hausarzt: { kind: "string", max: 200 },
  krankenkasse: { kind: "string", max: 200 },
  krankenversicherungsnummer: { kind: "string", max: 50 },
  geburtsdatum: { kind: "date" },
  symptome: { kind: "symptoms" },
  erfahrung_mit_psychotherapie: { kind: "bool" },
  letzte_sitzung_vorherige_psychotherapie: { kind: "date" },
  vertraege_unterschrieben: { kind: "bool" },
  erster_therapieplatz_am: { kind: "date" },
  funktionierender_therapieplatz_am: { kind: "date" },
  status: { kind: "enum", label: "status", values: PATIENTENSTATUS },
  empfehler_der_unterstuetzung: { kind: "text" },
  zahlung_eingegangen: { kind: "bool" },
  zeitliche_verfuegbarkeit: { kind: "schedule" },
  raeumliche_verfuegbarkeit: { kind: "maxKm" },
  verkehrsmittel: { kind: "string", max: 20 },
  offen_fuer_gruppentherapie: { kind: "bool" },
  offen_fuer_diga: { kind: "bool" },
  ausgeschlossene_therapeuten: { kind: "idList" },
  bevorzugtes_therapeutengeschlecht: {
    kind: "enum",
    label: "gender preference",
    values: GESCHLECHTSPRAEFERENZ,
  },
  bevorzugtes_therapieverfahren: { kind: "enum", label: "therapy method", values: THERAPIEVERFAHREN },
};

export const PATIENT_REQUIRED = ["anrede", "geschlecht", "vorname", "nachname"] as const;

/**
 * What `null` stores where a column cannot be empty (the value a new record gets); every other optional field
 * becomes null. The status is never cleared: it is the patient's place in the process.
 */
export const PATIENT_NULLS: NullRules = {
  empty: {
    vertraege_unterschrieben: false,
    zahlung_eingegangen: false,
    zeitliche_verfuegbarkeit: {},
    raeumliche_verfuegbarkeit: {},
    ausgeschlossene_therapeuten: [],
    bevorzugtes_therapeutengeschlecht: "Egal",
    bevorzugtes_therapieverfahren: "egal",
  },
  kept: ["status"],
};

/**
 * Stored encrypted (decisions.md 22): health and identity data staff do not search by, and the one free-text
 * field (who recommended the service may name a doctor or a relative).
 */
export const ENCRYPTED_FIELDS = [
  "krankenversicherungsnummer",
  "geburtsdatum",
  "symptome",
  "letzte_sitzung_vorherige_psychotherapie",
  "strasse",
  "telefon",
  "empfehler_der_unterstuetzung",
] as const;

/** A change of any of these moves the patient on the map (decisions.md 5). */
export const ADDRESS_FIELDS = ["strasse", "plz", "ort"] as const;
