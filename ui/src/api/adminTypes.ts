/**
 * Response types of the therapist, e-mail, import, analytics and admin screens. Enum types come from the
 * backend's own definitions (services/shared/enums.ts, services/api/domain/roles.ts), never copies.
 */
import type {
  Anrede,
  Emailstatus,
  Geschlecht,
  Geschlechtspraeferenz,
  Therapeutstatus,
  Therapieverfahren,
} from "../../../services/shared/enums";
import type { Role } from "../../../services/api/domain/roles";
import type { Schedule } from "./types";

export type { Role } from "../../../services/api/domain/roles";
export { ROLES } from "../../../services/api/domain/roles";

export interface Therapist {
  id: number;
  anrede: Anrede;
  geschlecht: Geschlecht;
  titel: string;
  vorname: string;
  nachname: string;
  strasse: string | null;
  plz: string | null;
  ort: string | null;
  telefon: string | null;
  fax: string | null;
  email: string | null;
  webseite: string | null;
  kassensitz: boolean;
  telefonische_erreichbarkeit: Schedule;
  fremdsprachen: string[];
  psychotherapieverfahren: Therapieverfahren | null;
  zusatzqualifikationen: string | null;
  besondere_leistungsangebote: string | null;
  letzter_kontakt_email: string | null;
  letzter_kontakt_telefon: string | null;
  letztes_persoenliches_gespraech: string | null;
  potenziell_verfuegbar: boolean;
  potenziell_verfuegbar_notizen: string | null;
  ueber_curavani_informiert: boolean;
  naechster_kontakt_moeglich: string | null;
  alter_min: number | null;
  alter_max: number | null;
  geschlechtspraeferenz: Geschlechtspraeferenz;
  bevorzugt_gruppentherapie: boolean;
  status: Therapeutstatus;
  sperrgrund: string | null;
  sperrdatum: string | null;
  standort_unbekannt?: boolean;
  created_at: string;
  updated_at: string;
}

export interface PdfList {
  therapist_id: number;
  pdf_count: number;
  pdfs: { filename: string; size: number }[];
}

export interface TherapistPreferences {
  population_annahmerate: number;
  therapist_id: number;
  merkmale: Record<string, { annahmewahrscheinlichkeit: number; beobachtungen: number }>;
}

export interface InquiryRow {
  id: number;
  therapist_id: number;
  anfragegroesse: number;
  angenommen_anzahl?: number;
  erstellt_datum?: string;
  gesendet_datum: string | null;
  antwort_datum: string | null;
  antworttyp?: string | null;
  created_at?: string;
}

export interface Email {
  id: number;
  therapist_id: number | null;
  patient_id: number | null;
  betreff: string;
  empfaenger_email: string;
  empfaenger_name: string;
  absender_email: string;
  absender_name: string;
  status: Emailstatus;
  in_warteschlange_am: string | null;
  gesendet_am: string | null;
  antwort_erhalten: boolean;
  antwortdatum: string | null;
  antwortinhalt?: string | null;
  fehlermeldung: string | null;
  wiederholungsanzahl: number;
  attachments: string[];
  typ: string;
  therapeutenanfrage_id: number | null;
  inhalt_html?: string;
  inhalt_text?: string;
  created_at: string;
}

export interface AdminUser {
  id: number;
  email: string;
  rolle: Role;
  aktiv: boolean;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  user_id: number | null;
  user_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  hash: string;
}

export interface Job {
  name: string;
  service: string;
  schedule: string;
  enabled: boolean;
  next_run_at: string | null;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
  last_duration_ms: number | null;
  attempts: number;
  locked_by: string | null;
  dead_runs: number;
}

export interface ImportError {
  type: string;
  count: number;
  examples: string[];
}

export interface TherapistImportReport {
  total?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  skipped?: number;
  failed?: number;
  success?: number;
  success_rate?: number;
  errors?: ImportError[];
}

export interface TherapistImportStatus {
  running: boolean;
  enabled?: boolean;
  schedule?: string;
  last_check: string | null;
  last_import_run?: string | null;
  next_import_run?: string | null;
  files_processed_today: number;
  files_failed_today?: number;
  therapists_processed_today: number;
  therapists_failed_today?: number;
  total_files_processed: number;
  last_error: string | null;
  last_error_time?: string | null;
  totals?: {
    imports: number;
    therapists_created: number;
    therapists_updated: number;
    therapists_failed: number;
    files_failed: number;
  };
  recent_imports: {
    file: string | null;
    source?: string;
    plz?: string | null;
    therapist_count: number;
    success_count: number;
    failed_count: number;
    time: string;
    report?: TherapistImportReport;
  }[];
}

export interface PatientImportStatus {
  running: boolean;
  last_check: string | null;
  files_waiting?: number;
  files_processed_today: number;
  files_failed_today: number;
  last_error: string | null;
  last_error_time?: string | null;
  total_processed: number;
  total_failed: number;
  recent_imports: {
    file: string | null;
    source?: string;
    status: "success" | "failed";
    error?: string | null;
    patient_id?: number | null;
    duplicate?: boolean;
    email_status?: string | null;
    time: string;
  }[];
}

export interface ScraperJob {
  id: number;
  status: "running" | "done" | "failed" | "cancelled";
  label: string | null;
  cells_total: number;
  cells_done: number;
  progress_percent: number;
  records: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface BundleEfficiency {
  anzahl_anfragen: number;
  annahmerate: number | null;
  annahmen_pro_anfrage: number | null;
  mittlere_anfragegroesse: number;
  antwortrate_7_tage: number | null;
  konfliktrate: number | null;
  parallele_anfragen_pro_patient: number;
  tage_bis_vermittlung: { median: number | null; p90: number | null; anzahl: number };
  abkuehlung_eingehalten: number | null;
}
