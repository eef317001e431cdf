/**
 * Response types of the matching and call APIs the work-flow screens use (docs/matching.md, docs/bundles.md,
 * docs/communication.md). Enum types come from the backend's own definitions.
 */
import type {
  AnfragePatientStatus,
  Antworttyp,
  Patientenergebnis,
  Suchstatus,
  Telefonanrufstatus,
  Therapeutstatus,
} from "../../../services/shared/enums";
import type { BundleProposal } from "../../../services/matching/domain/bundle/types";
import type { Patient, Schedule } from "./types";

/** Keys of `ausgelassen` (the bundle run's and inquiry creation's reasons for leaving something out). */
// `no_location` is reported as `ohne_koordinaten` in every answer.
export type SkipReason = Exclude<keyof BundleProposal["ausgelassen"], "no_location"> | "bereits_vermittelt";
export type Skipped = Partial<Record<SkipReason, number>>;

export interface SearchRow {
  id: number;
  patient_id: number;
  patienten_name: string | null;
  status: Suchstatus;
  created_at: string;
  updated_at: string;
  aktive_anfragen: number;
  gesamt_anfragen: number;
  vermittelter_therapeut_id: number | null;
}

export interface SearchDetail {
  id: number;
  patient_id: number;
  patient: Patient | null;
  status: Suchstatus;
  created_at: string;
  ausgeschlossene_therapeuten: number[];
  erfolgreiche_vermittlung_datum: string | null;
  vermittelter_therapeut_id: number | null;
  notizen: string | null;
  gesamt_angeforderte_kontakte: number;
  verbleibende_kontakte: number;
  aktive_anfragen: number;
  gesamt_anfragen: number;
  anfrage_verlauf: {
    anfrage_id: number;
    therapist_id: number;
    therapeuten_name: string | null;
    position: number;
    status: AnfragePatientStatus;
    outcome: Patientenergebnis | null;
    sent_date: string | null;
    response_date: string | null;
  }[];
}

export interface TherapistSummary {
  id: number;
  anrede?: string;
  titel: string | null;
  vorname: string;
  nachname: string;
  strasse?: string | null;
  plz: string | null;
  ort: string | null;
  telefon: string | null;
  email: string | null;
  status?: Therapeutstatus;
  telefonische_erreichbarkeit?: Schedule;
  naechster_kontakt_moeglich?: string | null;
  potenziell_verfuegbar?: boolean | null;
}

export interface SelectionResult {
  plz_prefix: string;
  total: number;
  data: TherapistSummary[];
}

export interface PreviewPatient {
  patient_id: number;
  platzsuche_id: number;
  name: string;
  plz: string | null;
  entfernung_km: number | null;
  wartezeit_tage: number;
}
export interface InquiryPreview {
  dry_run: true;
  therapist_id: number;
  anfragegroesse: number;
  erstellbar: boolean;
  patienten: PreviewPatient[];
  ausgelassen: Skipped;
}
export interface InquiryCreated {
  anfrage_id?: number;
  anfragegroesse?: number;
  patient_ids?: number[];
  gesendet?: boolean;
  send_error?: string;
  ausgelassen: Skipped;
}

export interface InquiryRow {
  id: number;
  therapist_id: number;
  therapeuten_name: string | null;
  erstellt_datum: string;
  gesendet_datum: string | null;
  antwort_datum: string | null;
  tage_seit_versand: number | null;
  nachverfolgung_erforderlich: boolean;
  antworttyp: Antworttyp | null;
  anfragegroesse: number;
  angenommen_anzahl: number;
  abgelehnt_anzahl: number;
}

export interface InquiryDetail extends InquiryRow {
  therapist: TherapistSummary | null;
  notizen: string | null;
  abgebrochen_am: string | null;
  hinweise: { patient_id: number; text: string; created_at: string }[];
  patients: {
    position: number;
    patient_id: number;
    patient: Patient | null;
    platzsuche_id: number;
    wartezeit_tage: number;
    status: AnfragePatientStatus;
    antwortergebnis: Patientenergebnis | null;
  }[];
}

export interface ProposalBundle {
  therapist_id: number;
  anfrage_id: number | null;
  therapeuten_name: string | null;
  telefon: string | null;
  email: string | null;
  plz: string | null;
  ort: string | null;
  patienten: {
    patient_id: number;
    platzsuche_id: number;
    name: string | null;
    plz: string | null;
    entfernung_km: number | null;
    wartezeit_tage: number | null;
  }[];
}
export interface ProposalView {
  id: string;
  plz_prefix: string | null;
  erstellt_von: string | null;
  created_at: string;
  uebernommen_am: string | null;
  anzahl_buendel: number;
  anzahl_patienten_zuordnungen: number;
  ausgelassen: Skipped;
  therapeuten_geprueft: number;
  data: ProposalBundle[];
  page: number;
  limit: number;
  total: number;
}
export interface BundleRunResult {
  vorschlag_id?: string;
  dry_run: boolean;
  anzahl_buendel: number;
  anzahl_patienten_zuordnungen: number;
  buendel: { anfrage_id?: number; therapist_id: number; patient_ids: number[] }[];
  ausgelassen: Skipped;
}

export interface PhoneCall {
  id: number;
  therapist_id: number | null;
  patient_id: number | null;
  therapeutenanfrage_id: number | null;
  geplantes_datum: string;
  geplante_zeit: string;
  dauer_minuten: number;
  tatsaechliches_datum: string | null;
  tatsaechliche_zeit: string | null;
  status: Telefonanrufstatus;
  ergebnis: string | null;
  notizen: string | null;
  recipient_type: "therapist" | "patient";
}

export const personName = (p: { titel?: string | null; vorname?: string; nachname?: string } | null) =>
  p ? [p.titel, p.vorname, p.nachname].filter((x) => x && String(x).trim()).join(" ") : "–";
