import { ageOn, germanShortDate } from "../../shared/dates";
import { describeScheduleGerman } from "../../shared/schedule";

type Row = Record<string, any>;
const GESCHLECHT: Record<string, string> = {
  männlich: "männlich",
  weiblich: "weiblich",
  divers: "divers",
  keine_Angabe: "keine Angabe",
};

/** What a therapist sees of a patient (domain.md 3.7): never names or diagnoses. */
export function patientBlock(p: Row, today: string) {
  const age = ageOn(p.geburtsdatum, today);
  return {
    patient_id: p.id,
    alter: age === null ? "nicht angegeben" : `${age} Jahre`,
    geschlecht: GESCHLECHT[p.geschlecht] ?? "keine Angabe",
    symptome: (p.symptome ?? []).join(", ") || "nicht angegeben",
    krankenkasse: p.krankenkasse || "nicht angegeben",
    erfahrung: p.erfahrung_mit_psychotherapie
      ? `Ja${p.letzte_sitzung_vorherige_psychotherapie ? ` (letzte Sitzung: ${germanShortDate(p.letzte_sitzung_vorherige_psychotherapie)})` : ""}`
      : "Nein",
    gruppe: p.offen_fuer_gruppentherapie ? "Ja" : "Nein",
    verfuegbarkeit: describeScheduleGerman(p.zeitliche_verfuegbarkeit ?? {}),
  };
}

/** "Sehr geehrte Frau Dr. Muster," or the neutral greeting. */
export function greeting(t: {
  anrede?: string | null;
  titel?: string | null;
  nachname?: string | null;
}): string {
  if (!t.nachname || (t.anrede !== "Herr" && t.anrede !== "Frau")) return "Sehr geehrte Damen und Herren,";
  const title = t.titel ? `${t.titel} ` : "";
  return `${t.anrede === "Frau" ? "Sehr geehrte Frau" : "Sehr geehrter Herr"} ${title}${t.nachname},`;
}

export const fullName = (t: { titel?: string | null; vorname?: string | null; nachname?: string | null }) =>
  [t.titel, t.vorname, t.nachname].filter(Boolean).join(" ").trim();
