import { ageOn, germanLongDate, germanShortDate, isIsoDate } from "../../shared/dates";
import { describeScheduleGerman, normalizeSchedule } from "../../shared/schedule";

type Row = Record<string, any>;

const GESCHLECHT: Record<string, string> = {
  männlich: "männlich",
  weiblich: "weiblich",
  divers: "divers",
  keine_Angabe: "keine Angabe",
};

/**
 * What a therapist sees of one patient (domain.md 3.7): ID, age, gender, symptoms, insurer, prior therapy,
 * group openness, availability. Never a name, address, insurance number or diagnosis: only these fields
 * are read, so nothing else can leak into an e-mail.
 */
export function patientBlock(p: Row, today: string) {
  const age = ageOn(p.geburtsdatum, today);
  const schedule = normalizeSchedule(p.zeitliche_verfuegbarkeit);
  const last = p.letzte_sitzung_vorherige_psychotherapie;
  return {
    patient_id: p.id,
    alter: age === null ? "nicht angegeben" : `${age} Jahre`,
    geschlecht: GESCHLECHT[p.geschlecht] ?? "keine Angabe",
    symptome: Array.isArray(p.symptome) && p.symptome.length ? p.symptome.join(", ") : "nicht angegeben",
    krankenkasse: p.krankenkasse || "nicht angegeben",
    erfahrung:
      p.erfahrung_mit_psychotherapie === true
        ? `Ja${isIsoDate(last) ? ` (letzte Sitzung: ${germanShortDate(last)})` : ""}`
        : p.erfahrung_mit_psychotherapie === false
          ? "Nein"
          : "nicht angegeben",
    gruppe: p.offen_fuer_gruppentherapie === true ? "Ja" : "Nein",
    verfuegbarkeit: schedule.ok ? describeScheduleGerman(schedule.value) : "Nicht angegeben",
  };
}

/**
 * Singular or plural for the inquiry text (3.7): one patient is named by gender ("eine Patientin",
 * "einen Patienten", "eine Person"), several by number. Cases: accusative "für …", dative "… anbieten",
 * genitive "wegen …".
 */
export function patientPhrases(genders: readonly (string | null | undefined)[]) {
  if (genders.length !== 1) {
    const n = genders.length;
    return {
      wen: `${n} Patientinnen und Patienten`,
      wem: "einer oder mehreren dieser Personen",
      wessen: `${n} Patientinnen und Patienten`,
    };
  }
  if (genders[0] === "weiblich") return { wen: "eine Patientin", wem: "ihr", wessen: "einer Patientin" };
  if (genders[0] === "männlich") return { wen: "einen Patienten", wem: "ihm", wessen: "eines Patienten" };
  return { wen: "eine Person", wem: "dieser Person", wessen: "einer Person" };
}

/** "Sehr geehrte Frau Dr. Muster," or the neutral greeting when salutation or name is unknown. */
export function greeting(t: {
  anrede?: string | null;
  titel?: string | null;
  nachname?: string | null;
}): string {
  if (!t.nachname || (t.anrede !== "Herr" && t.anrede !== "Frau")) return "Sehr geehrte Damen und Herren,";
  const title = t.titel ? `${t.titel} ` : "";
  return `${t.anrede === "Frau" ? "Sehr geehrte Frau" : "Sehr geehrter Herr"} ${title}${t.nachname},`;
}

/** Recipient name `"<titel> <vorname> <nachname>"` trimmed (3.7). */
export const fullName = (t: { titel?: string | null; vorname?: string | null; nachname?: string | null }) =>
  [t.titel, t.vorname, t.nachname]
    .map((s) => (s ?? "").trim())
    .filter(Boolean)
    .join(" ");

/** Meeting details of a success e-mail (3.10): ISO dates become "15. Februar 2025", "14:00" becomes "14:00 Uhr". */
export function meetingText(details: { date?: unknown; time?: unknown } | null | undefined) {
  const date = typeof details?.date === "string" ? details.date.trim() : "";
  const time = typeof details?.time === "string" ? details.time.trim() : "";
  return {
    termin_datum: isIsoDate(date) ? germanLongDate(date) : date,
    termin_uhrzeit: /^\d{1,2}:\d{2}$/.test(time) ? `${time} Uhr` : time,
  };
}

/** One line "Straße, PLZ Ort" of a practice. */
export const practiceAddress = (t: Row) =>
  [t.strasse, [t.plz, t.ort].filter(Boolean).join(" ")].filter(Boolean).join(", ");
