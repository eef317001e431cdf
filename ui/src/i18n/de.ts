/**
 * Every German text the app shows for API vocabulary: field labels, enum labels and error texts by error `type`.
 * Enum label tables are typed as `Record<EnumValue, string>` over the backend's own enum definitions
 * (services/shared/enums.ts), so a value added there fails the UI's type check until it has a label here.
 */
import {
  ANFRAGE_PATIENT_STATUS,
  ANREDE,
  ANTWORTTYP,
  EMAILSTATUS,
  GESCHLECHT,
  GESCHLECHTSPRAEFERENZ,
  PATIENTENERGEBNIS,
  PATIENTENSTATUS,
  SUCHSTATUS,
  TELEFONANRUFSTATUS,
  THERAPEUTSTATUS,
  THERAPIEVERFAHREN,
  VERKEHRSMITTEL,
  type AnfragePatientStatus,
  type Anrede,
  type Antworttyp,
  type Emailstatus,
  type Geschlecht,
  type Geschlechtspraeferenz,
  type Patientenergebnis,
  type Patientenstatus,
  type Suchstatus,
  type Telefonanrufstatus,
  type Therapeutstatus,
  type Therapieverfahren,
} from "../../../services/shared/enums";
import { MAX_SYMPTOMS } from "../../../services/shared/symptoms";
import type { Weekday } from "../api/types";
import type { SkipReason } from "../api/matching";

export const FIELD_LABELS: Record<string, string> = {
  anrede: "Anrede",
  geschlecht: "Geschlecht",
  titel: "Titel",
  vorname: "Vorname",
  nachname: "Nachname",
  strasse: "Straße",
  plz: "PLZ",
  ort: "Ort",
  email: "E-Mail",
  telefon: "Telefon",
  fax: "Fax",
  webseite: "Webseite",
  hausarzt: "Hausarzt",
  krankenkasse: "Krankenkasse",
  krankenversicherungsnummer: "Versichertennummer",
  geburtsdatum: "Geburtsdatum",
  symptome: "Symptome",
  erfahrung_mit_psychotherapie: "Erfahrung mit Psychotherapie",
  letzte_sitzung_vorherige_psychotherapie: "Letzte Sitzung der vorherigen Psychotherapie",
  vertraege_unterschrieben: "Verträge unterschrieben",
  startdatum: "Startdatum",
  erster_therapieplatz_am: "Erster Therapieplatz am",
  funktionierender_therapieplatz_am: "Funktionierender Therapieplatz am",
  status: "Status",
  empfehler_der_unterstuetzung: "Empfohlen durch",
  zahlungsreferenz: "Zahlungsreferenz",
  zahlung_eingegangen: "Zahlung eingegangen",
  zeitliche_verfuegbarkeit: "Zeitliche Verfügbarkeit",
  raeumliche_verfuegbarkeit: "Maximale Entfernung",
  max_km: "Maximale Entfernung (km)",
  verkehrsmittel: "Verkehrsmittel",
  offen_fuer_gruppentherapie: "Offen für Gruppentherapie",
  offen_fuer_diga: "Offen für DiGA",
  letzter_kontakt: "Letzter Kontakt",
  ausgeschlossene_therapeuten: "Ausgeschlossene Therapeuten",
  bevorzugtes_therapeutengeschlecht: "Bevorzugtes Therapeutengeschlecht",
  bevorzugtes_therapieverfahren: "Bevorzugtes Therapieverfahren",
  created_at: "Angelegt am",
  updated_at: "Geändert am",
  woechentliche_stunden: "Stunden pro Woche",
  mindeststunden: "Mindeststunden",
  email_or_password: "E-Mail oder Passwort",
  password: "Passwort",
  rolle: "Rolle",
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

export const ANREDE_LABELS: Record<Anrede, string> = { Herr: "Herr", Frau: "Frau" };
export const GESCHLECHT_LABELS: Record<Geschlecht, string> = {
  männlich: "männlich",
  weiblich: "weiblich",
  divers: "divers",
  keine_Angabe: "keine Angabe",
};
export const PATIENTENSTATUS_LABELS: Record<Patientenstatus, string> = {
  offen: "Offen",
  auf_der_Suche: "Auf der Suche",
  in_Therapie: "In Therapie",
  Therapie_abgeschlossen: "Therapie abgeschlossen",
  Suche_abgebrochen: "Suche abgebrochen",
  Therapie_abgebrochen: "Therapie abgebrochen",
};
export const THERAPEUTSTATUS_LABELS: Record<Therapeutstatus, string> = {
  aktiv: "Aktiv",
  gesperrt: "Gesperrt",
  inaktiv: "Inaktiv",
};
export const GESCHLECHTSPRAEFERENZ_LABELS: Record<Geschlechtspraeferenz, string> = {
  Männlich: "Männlich",
  Weiblich: "Weiblich",
  Egal: "Egal",
};
export const THERAPIEVERFAHREN_LABELS: Record<Therapieverfahren, string> = {
  egal: "Egal",
  Verhaltenstherapie: "Verhaltenstherapie",
  tiefenpsychologisch_fundierte_Psychotherapie: "Tiefenpsychologisch fundierte Psychotherapie",
};
export const SUCHSTATUS_LABELS: Record<Suchstatus, string> = {
  aktiv: "Aktiv",
  erfolgreich: "Erfolgreich",
  pausiert: "Pausiert",
  abgebrochen: "Abgebrochen",
};
export const ANTWORTTYP_LABELS: Record<Antworttyp, string> = {
  vollstaendige_Annahme: "Vollständige Annahme",
  teilweise_Annahme: "Teilweise Annahme",
  vollstaendige_Ablehnung: "Vollständige Ablehnung",
  keine_Antwort: "Keine Antwort",
};
export const PATIENTENERGEBNIS_LABELS: Record<Patientenergebnis, string> = {
  angenommen: "Angenommen",
  abgelehnt_Kapazitaet: "Abgelehnt – keine Kapazität",
  abgelehnt_nicht_geeignet: "Abgelehnt – nicht geeignet",
  abgelehnt_sonstiges: "Abgelehnt – sonstiger Grund",
  nicht_erschienen: "Nicht erschienen",
  in_Sitzungen: "In Sitzungen",
};
export const ANFRAGE_PATIENT_STATUS_LABELS: Record<AnfragePatientStatus, string> = {
  anstehend: "Anstehend",
  angenommen: "Angenommen",
  abgelehnt: "Abgelehnt",
  keine_antwort: "Keine Antwort",
};
export const EMAILSTATUS_LABELS: Record<Emailstatus, string> = {
  Entwurf: "Entwurf",
  In_Warteschlange: "In Warteschlange",
  Wird_gesendet: "Wird gesendet",
  Gesendet: "Gesendet",
  Fehlgeschlagen: "Fehlgeschlagen",
};
export const TELEFONANRUFSTATUS_LABELS: Record<Telefonanrufstatus, string> = {
  geplant: "Geplant",
  abgeschlossen: "Abgeschlossen",
  fehlgeschlagen: "Fehlgeschlagen",
  abgebrochen: "Abgebrochen",
};
export const VERKEHRSMITTEL_LABELS: Record<(typeof VERKEHRSMITTEL)[number], string> = {
  Auto: "Auto",
  ÖPNV: "Öffentliche Verkehrsmittel",
};
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  montag: "Montag",
  dienstag: "Dienstag",
  mittwoch: "Mittwoch",
  donnerstag: "Donnerstag",
  freitag: "Freitag",
  samstag: "Samstag",
  sonntag: "Sonntag",
};
export const ROLLE_LABELS = { admin: "Administrator", staff: "Mitarbeiter" } as const;

/** `{value, label}` options for a select, in the backend's order. */
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export const OPTIONS = {
  anrede: options(ANREDE, ANREDE_LABELS),
  geschlecht: options(GESCHLECHT, GESCHLECHT_LABELS),
  patientenstatus: options(PATIENTENSTATUS, PATIENTENSTATUS_LABELS),
  therapeutstatus: options(THERAPEUTSTATUS, THERAPEUTSTATUS_LABELS),
  geschlechtspraeferenz: options(GESCHLECHTSPRAEFERENZ, GESCHLECHTSPRAEFERENZ_LABELS),
  therapieverfahren: options(THERAPIEVERFAHREN, THERAPIEVERFAHREN_LABELS),
  suchstatus: options(SUCHSTATUS, SUCHSTATUS_LABELS),
  antworttyp: options(ANTWORTTYP, ANTWORTTYP_LABELS),
  patientenergebnis: options(PATIENTENERGEBNIS, PATIENTENERGEBNIS_LABELS),
  anfragePatientStatus: options(ANFRAGE_PATIENT_STATUS, ANFRAGE_PATIENT_STATUS_LABELS),
  emailstatus: options(EMAILSTATUS, EMAILSTATUS_LABELS),
  telefonanrufstatus: options(TELEFONANRUFSTATUS, TELEFONANRUFSTATUS_LABELS),
  verkehrsmittel: options(VERKEHRSMITTEL, VERKEHRSMITTEL_LABELS),
};

/** German text per API error `type`; the API's English `message` is never shown. */
export const ERROR_TEXTS: Record<string, string> = {
  VALIDATION_ERROR: "Die Eingabe ist ungültig.",
  NOT_FOUND: "Der Datensatz wurde nicht gefunden.",
  ROUTE_NOT_FOUND: "Diese Seite gibt es nicht.",
  CONFLICT: "Der Datensatz wurde inzwischen geändert. Bitte neu laden.",
  UNAUTHORIZED: "Bitte melden Sie sich an.",
  INVALID_TOKEN: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
  INVALID_CREDENTIALS: "E-Mail oder Passwort ist falsch.",
  FORBIDDEN: "Dafür fehlt Ihnen die Berechtigung.",
  ACCOUNT_LOCKED: "Das Konto ist vorübergehend gesperrt. Bitte später erneut versuchen.",
  RATE_LIMITED: "Zu viele Anfragen. Bitte kurz warten und erneut versuchen.",
  SERVICE_UNAVAILABLE: "Der Dienst ist gerade nicht erreichbar. Bitte gleich erneut versuchen.",
  DATABASE_UNAVAILABLE:
    "Die Datenbank ist gerade nicht erreichbar. Ihre Eingabe ist nicht verloren: bitte erneut speichern.",
  SHUTTING_DOWN: "Der Server startet gerade neu. Bitte gleich erneut versuchen.",
  REQUEST_TIMEOUT: "Die Anfrage hat zu lange gedauert. Bitte erneut versuchen.",
  PAYLOAD_TOO_LARGE: "Die Datei oder Eingabe ist zu groß.",
  UNSUPPORTED_MEDIA_TYPE: "Dieses Dateiformat wird nicht unterstützt.",
  UNSUPPORTED_FILE_TYPE: "Dieses Dateiformat wird nicht unterstützt.",
  IMPORT_FILE_MISSING: "Bitte zuerst eine Datei auswählen.",
  INTERNAL_ERROR: "Ein interner Fehler ist aufgetreten. Bitte erneut versuchen.",
  NETWORK_ERROR: "Keine Verbindung zum Server.",
  SEARCH_ALREADY_ACTIVE: "Für diesen Patienten läuft bereits eine Platzsuche.",
  PATIENT_DATA_INCOMPLETE: "Die Patientendaten sind für eine Platzsuche noch unvollständig.",
  PATIENT_INCOMPLETE: "Die Patientendaten sind für eine Platzsuche noch unvollständig.",
  PREQUALIFICATION_FAILED: "Die Vorqualifikation ist nicht erfüllt.",
  INVALID_SEARCH_UPDATE: "Diese Änderung der Platzsuche ist nicht möglich.",
  THERAPIST_COOLING: "Der Therapeut ist in der Abkühlungsphase und darf noch nicht kontaktiert werden.",
  THERAPIST_NOT_ACTIVE: "Der Therapeut ist nicht aktiv.",
  THERAPIST_NOT_FOUND: "Der Therapeut wurde nicht gefunden.",
  THERAPIST_PENDING: "An diesen Therapeuten ist bereits eine Anfrage unterwegs.",
  THERAPIST_WITHOUT_EMAIL: "Der Therapeut hat keine E-Mail-Adresse.",
  PATIENT_WITHOUT_EMAIL: "Der Patient hat keine E-Mail-Adresse.",
  INQUIRY_DATA_INCOMPLETE: "Die Anfrage ist unvollständig.",
  INQUIRY_EMAIL_TOO_SOON: "An diesen Therapeuten wurde erst kürzlich eine E-Mail gesendet.",
  ANFRAGE_ALREADY_ANSWERED: "Die Anfrage wurde bereits beantwortet.",
  ANFRAGE_ALREADY_SENT: "Die Anfrage wurde bereits gesendet.",
  ANFRAGE_CANCELLED: "Die Anfrage wurde abgebrochen.",
  ANFRAGE_NOT_SENT: "Die Anfrage wurde noch nicht gesendet.",
  INVALID_RESPONSE: "Die Antwort ist unvollständig oder widersprüchlich.",
  PROPOSAL_STALE: "Seit dem Probelauf haben sich die Daten geändert. Bitte einen neuen Probelauf starten.",
  PROPOSAL_NOT_FOUND: "Der Probelauf ist abgelaufen. Bitte einen neuen Probelauf starten.",
  NO_CALL_SLOT: "In den Telefonzeiten des Therapeuten ist kein Termin frei.",
  SMTP_UNAVAILABLE: "Der Mailserver ist gerade nicht erreichbar.",
  USER_EXISTS: "Es gibt bereits einen Benutzer mit dieser E-Mail-Adresse.",
  LAST_ADMIN: "Der letzte Administrator kann nicht entfernt werden.",
  SELF_DELETE: "Sie können Ihr eigenes Konto nicht löschen.",
  PLZ_NOT_FOUND: "Diese PLZ ist unbekannt.",
  GEOCODING_UNAVAILABLE: "Die Entfernungsberechnung ist gerade nicht verfügbar.",
  FOLDER_IMPORT_RUNNING: "Ein Ordner-Import läuft bereits.",
  SCRAPER_JOB_RUNNING: "Ein Abruf läuft bereits.",
  UNREADABLE_FILE: "Die Datei konnte nicht gelesen werden.",
  QUEUE_FULL: "Die Warteschlange ist voll. Bitte später erneut versuchen.",
};

/** Field-level messages for validation errors, by the kind of problem the API reported. */
const FIELD_PROBLEMS: [RegExp, string][] = [
  [/is required/i, "Pflichtfeld"],
  [/at most (\d+) characters/i, "Höchstens $1 Zeichen"],
  [/date format/i, "Datum als TT.MM.JJJJ"],
  [/must be true or false/i, "Bitte Ja oder Nein wählen"],
  [/whole number/i, "Bitte eine ganze Zahl"],
  [/must be between (\S+) and (\S+)/i, "Zwischen $1 und $2"],
  [/PLZ/, "PLZ muss 5 Ziffern haben"],
  [/email address/i, "Keine gültige E-Mail-Adresse"],
  [/symptom/i, `Bitte 1 bis ${MAX_SYMPTOMS} Symptome aus der Liste wählen`],
  [/zahlungsreferenz/i, "8 Buchstaben oder Ziffern"],
  [/Valid values/i, "Kein gültiger Wert"],
  [/max_km/i, "Entfernung zwischen 1 und 1000 km"],
];

/** The API field an error belongs to: `field` in the body, else the field the contract's message names. */
export function errorField(body: Record<string, unknown>, message: string): string | null {
  if (typeof body.field === "string") return body.field;
  const m =
    /Field '([a-z_]+)'/.exec(message) ??
    /date format for ([a-z_]+)/.exec(message) ??
    /^Invalid ([a-z_]+)\b/.exec(message);
  if (m) return m[1];
  if (/^Invalid PLZ/.test(message)) return "plz";
  if (/^Invalid email address/.test(message)) return "email";
  if (/symptom/i.test(message)) return "symptome";
  return null;
}

export function fieldProblem(message: string): string {
  for (const [re, text] of FIELD_PROBLEMS) {
    const m = re.exec(message);
    if (m) return text.replace(/\$(\d)/g, (_, i) => m[Number(i)] ?? "");
  }
  return "Ungültige Eingabe";
}

export function errorText(err: unknown): string {
  if (err && typeof err === "object" && "type" in err && typeof (err as any).type === "string") {
    const type = (err as any).type as string;
    if (ERROR_TEXTS[type]) return ERROR_TEXTS[type];
    const status = (err as any).status as number | undefined;
    if (status && status >= 500) return ERROR_TEXTS.INTERNAL_ERROR;
    return ERROR_TEXTS.VALIDATION_ERROR;
  }
  return ERROR_TEXTS.INTERNAL_ERROR;
}

// ---- Funktionsschalter (feature flags, issue 12 point 10) ----------------------------------------------------
export const FLAG_TEXTS = {
  title: "Funktionsschalter",
  intro:
    "Schalter werden pro Benutzer ausgewertet: Derselbe Benutzer bekommt bei gleichem Anteil immer dieselbe Antwort. " +
    "Ist ein Schalter aus, ist die Funktion für alle aus, auch für die Ausnahmen.",
  enabled: "Eingeschaltet",
  rollout: "Anteil der Benutzer (%)",
  rolloutSlider: "Anteil der Benutzer, Schieberegler",
  overrideUsers: "Immer an für Benutzer (E-Mail)",
  overrideUsersHint: "E-Mail-Adresse eingeben und mit Enter übernehmen",
  overrideRoles: "Immer an für Rollen",
  save: "Speichern",
  saved: (name: string) => `Schalter „${name}“ gespeichert`,
  lastChange: (at: string, by: string | null) => `Zuletzt geändert am ${at}${by ? ` von ${by}` : ""}`,
  none: "Es sind keine Funktionsschalter angelegt.",
  invalidEmail: (v: string) => `„${v}“ ist keine gültige E-Mail-Adresse`,
} as const;

// ---- Matching work flow (searches, selection, inquiries, bundle run, calls): texts of these screens ----

/** Why the bundle run or an inquiry left patients/therapists out; keys are the API's `ausgelassen` keys. */
export const AUSGELASSEN_LABELS: Record<SkipReason, string> = {
  ohne_koordinaten: "Ort unbekannt (Adresse prüfen)",
  bereits_vermittelt: "bereits vermittelt",
  distance: "zu weit entfernt",
  excluded: "Therapeut ausgeschlossen",
  patient_gender_preference: "Geschlechtswunsch des Patienten",
  therapy_method: "Therapieverfahren passt nicht",
  therapist_age_preference: "Altersgrenzen des Therapeuten",
  therapist_gender_preference: "Geschlechtswunsch des Therapeuten",
  group_therapy: "Gruppentherapie passt nicht",
  keine_zeitliche_ueberschneidung: "keine gemeinsamen Zeiten",
  kein_kontingent: "Kontaktkontingent aufgebraucht",
  zu_wenige_patienten: "Therapeut mit zu wenigen passenden Patienten",
};
export const skipLabel = (key: string) =>
  (AUSGELASSEN_LABELS as Record<string, string>)[key] ?? "sonstiger Grund";

export const VERSAND_LABELS = { gesendet: "Gesendet", ungesendet: "Noch nicht gesendet" } as const;
export const ANTWORT_LABELS = { beantwortet: "Beantwortet", ausstehend: "Antwort ausstehend" } as const;
export const PROPOSAL_ERROR_TEXTS: Record<string, string> = {
  PROPOSAL_STALE:
    "Seit dem Probelauf haben sich die Daten geändert. Es wurde nichts angelegt – bitte einen neuen Probelauf starten.",
  PROPOSAL_COMMITTED: "Dieser Vorschlag wurde bereits übernommen.",
  PROPOSAL_NOT_FOUND: "Der Probelauf ist nicht mehr vorhanden. Bitte einen neuen Probelauf starten.",
};
Object.assign(ERROR_TEXTS, PROPOSAL_ERROR_TEXTS);
// ---- end matching work flow ----

// ---------------------------------------------------------------------------------------------------------
// uiadmin block: therapists, e-mails, imports, analytics, users, jobs, audit log (issue 13).
// Kept in one block so the parallel screens do not edit the same lines; labels join the tables above.
// ---------------------------------------------------------------------------------------------------------

Object.assign(FIELD_LABELS, {
  psychotherapieverfahren: "Therapieverfahren",
  kassensitz: "Kassensitz",
  telefonische_erreichbarkeit: "Telefonische Erreichbarkeit",
  fremdsprachen: "Fremdsprachen",
  zusatzqualifikationen: "Zusatzqualifikationen",
  besondere_leistungsangebote: "Besondere Leistungsangebote",
  letzter_kontakt_email: "Letzter Kontakt per E-Mail",
  letzter_kontakt_telefon: "Letzter Kontakt per Telefon",
  letztes_persoenliches_gespraech: "Letztes persönliches Gespräch",
  potenziell_verfuegbar: "Potenziell verfügbar",
  potenziell_verfuegbar_notizen: "Notizen zur Verfügbarkeit",
  ueber_curavani_informiert: "Über Curavani informiert",
  naechster_kontakt_moeglich: "Nächster Kontakt möglich ab",
  alter_min: "Patientenalter von",
  alter_max: "Patientenalter bis",
  geschlechtspraeferenz: "Bevorzugtes Patientengeschlecht",
  bevorzugt_gruppentherapie: "Bevorzugt Gruppentherapie",
  sperrgrund: "Sperrgrund",
  sperrdatum: "Gesperrt seit",
  betreff: "Betreff",
  empfaenger_email: "Empfänger-Adresse",
  empfaenger_name: "Empfänger",
  absender_email: "Absender-Adresse",
  absender_name: "Absender",
  gesendet_am: "Gesendet am",
  in_warteschlange_am: "In Warteschlange seit",
  antwort_erhalten: "Antwort erhalten",
  antwortdatum: "Antwort am",
  fehlermeldung: "Fehlermeldung",
  wiederholungsanzahl: "Versuche",
  attachments: "Anhänge",
  typ: "Art",
  aktiv: "Aktiv",
  last_login_at: "Letzte Anmeldung",
  file: "Datei",
});

Object.assign(ERROR_TEXTS, {
  JOB_NOT_FOUND: "Diesen Job gibt es nicht.",
  EMAIL_BEING_SENT: "Die E-Mail wird gerade gesendet. Bitte gleich erneut versuchen.",
  EMAIL_RECIPIENT_LOCKED: "Der Empfänger kann nach dem Einreihen nicht mehr geändert werden.",
  THERAPIST_HAS_INQUIRIES: "Der Therapeut ist noch in Anfragen eingetragen und kann nicht gelöscht werden.",
  SCRAPER_DISABLED: "Der Abruf von 116117 ist ausgeschaltet.",
});

/** E-mail types (`typ`) the communication service writes (docs/communication.md). */
export const EMAIL_TYP_LABELS: Record<string, string> = {
  manuell: "Manuell",
  anfrage: "Anfrage",
  erinnerung: "Erinnerung",
  erfolg: "Erfolgsmeldung",
  registrierung: "Registrierung",
  zahlung: "Zahlung",
};

/** Audit-log vocabulary: what was touched and how (mixins/audit and its callers). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  patient: "Patient",
  therapist: "Therapeut",
  platzsuche: "Platzsuche",
  therapeutenanfrage: "Anfrage",
  buendel_lauf: "Bündel-Lauf",
  user: "Benutzer",
  mail_sink: "Mail-Ablage",
  email: "E-Mail",
};
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  read: "Gelesen",
  list: "Liste angezeigt",
  create: "Angelegt",
  update: "Geändert",
  delete: "Gelöscht",
  export: "Exportiert",
  erase: "Gelöscht (DSGVO)",
  import: "Importiert",
  override: "Sperre übergangen",
  login: "Anmeldung",
  login_failed: "Anmeldung fehlgeschlagen",
  activate: "Aktiviert",
  deactivate: "Deaktiviert",
  password_change: "Passwort geändert",
  role_change: "Rolle geändert",
};
export const auditEntityLabel = (v: string) => AUDIT_ENTITY_LABELS[v] ?? v;
export const auditActionLabel = (v: string) => AUDIT_ACTION_LABELS[v] ?? v;

/** Job names of the scheduler (docs/operations.md) in words staff understand. */
export const JOB_LABELS: Record<string, string> = {
  "communication.follow-up": "Nachfassen unbeantworteter Anfragen",
  "communication.mail-sink-retention": "Mail-Ablage aufräumen",
  "matching.bundle-run": "Automatischer Bündel-Lauf",
  "matching.seal-notes": "Notizen versiegeln",
  "patient.registration-import": "Patienten-Import aus dem Ordner",
  "patient.geocoding-retry": "Standorte der Patienten erneut bestimmen",
  "patient.import-retention": "Aufbewahrungsfristen der Patienten-Importe",
  "therapist.folder-import": "Therapeuten-Import aus dem Ordner",
  "therapist.locate": "Standorte der Therapeuten bestimmen",
};
export const jobLabel = (name: string) => JOB_LABELS[name] ?? name;
export const JOB_STATUS_LABELS: Record<string, string> = {
  ok: "Erfolgreich",
  success: "Erfolgreich",
  done: "Erfolgreich",
  failed: "Fehlgeschlagen",
  error: "Fehlgeschlagen",
  running: "Läuft",
  dead: "Abgebrochen",
  skipped: "Übersprungen",
};
export const SCRAPER_STATUS_LABELS: Record<string, string> = {
  running: "Läuft",
  done: "Fertig",
  failed: "Fehlgeschlagen",
  cancelled: "Abgebrochen",
};

/** Learned-preference attributes (`alter:25-34`, `geschlecht:weiblich`, `gruppe:ja`, `symptomgruppe:…`). */
export function merkmalLabel(key: string): string {
  const [kind, value = ""] = key.split(":");
  if (kind === "alter") return value === "unbekannt" ? "Alter unbekannt" : `Alter ${value.replace("-", "–")}`;
  if (kind === "geschlecht") return `Geschlecht ${GESCHLECHT_LABELS[value as Geschlecht] ?? value}`;
  if (kind === "gruppe")
    return value === "ja" ? "Offen für Gruppentherapie" : "Nicht offen für Gruppentherapie";
  if (kind === "symptomgruppe") return `Symptome: ${value}`;
  return key;
}

/** German text of an import problem the importers report in English (the report keeps the original). */
export function importProblemText(message: string | null | undefined): string {
  if (!message) return "–";
  const rules: [RegExp, string][] = [
    [/postal_code must be 5 digits/i, "PLZ hat nicht 5 Ziffern"],
    [/name too long/i, "Name ist zu lang"],
    [/Failed to parse HTML result/i, "Eintrag der Ergebnisseite nicht lesbar"],
    [/Failed to map therapist data/i, "Datensatz konnte nicht übernommen werden"],
    [/Missing patient_data/i, "Die Datei enthält keine Patientendaten"],
    [/registration_token/i, "Der Anmeldeschlüssel fehlt oder ist ungültig"],
    [/Invalid JSON|Unexpected token|not valid JSON/i, "Die Datei ist kein gültiges JSON"],
    [/missing therapists array|Invalid file structure/i, "Die Datei hat nicht den erwarteten Aufbau"],
    [/Internal error/i, "Interner Fehler beim Import"],
    [/is required/i, "Pflichtangabe fehlt"],
    [/Invalid PLZ/i, "Ungültige PLZ"],
    [/email/i, "Ungültige E-Mail-Adresse"],
  ];
  for (const [re, t] of rules) if (re.test(message)) return t;
  return "Datensatz konnte nicht importiert werden";
}

/** German text of a refused password (services/api/domain/password-policy.ts). */
export function passwordProblem(message: string): string {
  if (/at least (\d+) characters/.test(message))
    return `Mindestens ${/at least (\d+)/.exec(message)![1]} Zeichen`;
  if (/common or breached/.test(message)) return "Dieses Passwort ist zu verbreitet oder bekannt geworden";
  if (/different characters/.test(message))
    return `Mindestens ${/at least (\d+)/.exec(message)![1]} verschiedene Zeichen`;
  if (/too long/i.test(message)) return "Höchstens 200 Zeichen";
  if (/required/.test(message)) return "Pflichtfeld";
  return "Ungültiges Passwort";
}
