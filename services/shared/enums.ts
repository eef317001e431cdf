/** Enum values exactly as domain.md 2.1 spells them (case-sensitive, umlauts kept). */
export const ANREDE = ["Herr", "Frau"] as const;
export const GESCHLECHT = ["männlich", "weiblich", "divers", "keine_Angabe"] as const;
export const PATIENTENSTATUS = [
  "offen",
  "auf_der_Suche",
  "in_Therapie",
  "Therapie_abgeschlossen",
  "Suche_abgebrochen",
  "Therapie_abgebrochen",
] as const;
export const THERAPEUTSTATUS = ["aktiv", "gesperrt", "inaktiv"] as const;
export const GESCHLECHTSPRAEFERENZ = ["Männlich", "Weiblich", "Egal"] as const;
export const THERAPIEVERFAHREN = [
  "egal",
  "Verhaltenstherapie",
  "tiefenpsychologisch_fundierte_Psychotherapie",
] as const;
export const SUCHSTATUS = ["aktiv", "erfolgreich", "pausiert", "abgebrochen"] as const;
export const ANTWORTTYP = [
  "vollstaendige_Annahme",
  "teilweise_Annahme",
  "vollstaendige_Ablehnung",
  "keine_Antwort",
] as const;
export const PATIENTENERGEBNIS = [
  "angenommen",
  "abgelehnt_Kapazitaet",
  "abgelehnt_nicht_geeignet",
  "abgelehnt_sonstiges",
  "nicht_erschienen",
  "in_Sitzungen",
] as const;
export const ANFRAGE_PATIENT_STATUS = ["anstehend", "angenommen", "abgelehnt", "keine_antwort"] as const;
export const EMAILSTATUS = [
  "Entwurf",
  "In_Warteschlange",
  "Wird_gesendet",
  "Gesendet",
  "Fehlgeschlagen",
] as const;
export const TELEFONANRUFSTATUS = ["geplant", "abgeschlossen", "fehlgeschlagen", "abgebrochen"] as const;
export const VERKEHRSMITTEL = ["Auto", "ÖPNV"] as const;
export const SUCCESS_TEMPLATE_TYPES = [
  "email_contact",
  "phone_contact",
  "meeting_confirmation_email",
  "meeting_confirmation_phone",
] as const;
export const TRAVEL_MODES = ["car", "transit"] as const;

export type Anrede = (typeof ANREDE)[number];
export type Geschlecht = (typeof GESCHLECHT)[number];
export type Patientenstatus = (typeof PATIENTENSTATUS)[number];
export type Therapeutstatus = (typeof THERAPEUTSTATUS)[number];
export type Geschlechtspraeferenz = (typeof GESCHLECHTSPRAEFERENZ)[number];
export type Therapieverfahren = (typeof THERAPIEVERFAHREN)[number];
export type Suchstatus = (typeof SUCHSTATUS)[number];
export type Antworttyp = (typeof ANTWORTTYP)[number];
export type Patientenergebnis = (typeof PATIENTENERGEBNIS)[number];
export type AnfragePatientStatus = (typeof ANFRAGE_PATIENT_STATUS)[number];
export type Emailstatus = (typeof EMAILSTATUS)[number];
export type Telefonanrufstatus = (typeof TELEFONANRUFSTATUS)[number];
export type SuccessTemplateType = (typeof SUCCESS_TEMPLATE_TYPES)[number];
export type TravelMode = (typeof TRAVEL_MODES)[number];

export const isOneOf = <T extends readonly string[]>(values: T, v: unknown): v is T[number] =>
  typeof v === "string" && (values as readonly string[]).includes(v);

/** The contract's enum message: `Invalid <label> '<x>'. Valid values: a, b, c`. */
export const invalidEnumMessage = (label: string, value: unknown, values: readonly string[]) =>
  `Invalid ${label} '${String(value)}'. Valid values: ${values.join(", ")}`;
