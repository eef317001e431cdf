import type {
  Anrede,
  Geschlecht,
  Geschlechtspraeferenz,
  Patientenstatus,
  Therapieverfahren,
} from "../../../services/shared/enums";
import type { Vorqualifikation } from "../../../services/patient/domain/prequalification";
import type { Schedule } from "../../../services/shared/schedule";

// The backend's own definitions (no copies): weekday keys and the canonical schedule form (domain.md 2.3),
// and the pre-qualification shape the patient API returns.
export { WEEKDAYS, type Schedule, type Weekday } from "../../../services/shared/schedule";
export type { Vorqualifikation } from "../../../services/patient/domain/prequalification";

export interface Paginated<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
}

export type Rolle = "admin" | "staff";
export interface User {
  id: number;
  email: string;
  rolle: Rolle;
}
export interface LoginResult {
  token: string;
  user: User;
}

export interface Patient {
  id: number;
  anrede: Anrede;
  geschlecht: Geschlecht;
  vorname: string;
  nachname: string;
  strasse: string | null;
  plz: string | null;
  ort: string | null;
  email: string | null;
  telefon: string | null;
  hausarzt: string | null;
  krankenkasse: string | null;
  krankenversicherungsnummer: string | null;
  geburtsdatum: string | null;
  symptome: string[];
  erfahrung_mit_psychotherapie: boolean | null;
  letzte_sitzung_vorherige_psychotherapie: string | null;
  vertraege_unterschrieben: boolean;
  startdatum: string | null;
  erster_therapieplatz_am: string | null;
  funktionierender_therapieplatz_am: string | null;
  status: Patientenstatus;
  empfehler_der_unterstuetzung: string | null;
  zahlungsreferenz: string | null;
  zahlung_eingegangen: boolean;
  zeitliche_verfuegbarkeit: Schedule;
  raeumliche_verfuegbarkeit: { max_km?: number };
  verkehrsmittel: string | null;
  offen_fuer_gruppentherapie: boolean | null;
  offen_fuer_diga: boolean | null;
  letzter_kontakt: string | null;
  ausgeschlossene_therapeuten: number[];
  bevorzugtes_therapeutengeschlecht: Geschlechtspraeferenz;
  bevorzugtes_therapieverfahren: Therapieverfahren;
  created_at: string;
  updated_at: string;
  vorqualifikation?: Vorqualifikation;
}
