import type { Geschlecht, Geschlechtspraeferenz, Therapieverfahren } from "../../shared/enums";

export interface TherapistForMatching {
  id: number;
  geschlecht: Geschlecht;
  /** null = no method known (decisions.md 28): matches only patients whose preference is `egal`. */
  psychotherapieverfahren: Therapieverfahren | null;
  alter_min: number | null;
  alter_max: number | null;
  geschlechtspraeferenz: Geschlechtspraeferenz | null;
  bevorzugt_gruppentherapie: boolean;
  latitude: number | null;
  longitude: number | null;
}

export interface SearchForMatching {
  platzsuche_id: number;
  patient_id: number;
  created_at: string;
  excluded_therapist_ids: ReadonlySet<number>;
  geschlecht: Geschlecht;
  age: number | null;
  bevorzugtes_therapeutengeschlecht: Geschlechtspraeferenz | null;
  bevorzugtes_therapieverfahren: Therapieverfahren | null;
  offen_fuer_gruppentherapie: boolean;
  latitude: number | null;
  longitude: number | null;
  max_km: number;
}

export type ConstraintFailure =
  | "no_location"
  | "distance"
  | "excluded"
  | "patient_gender_preference"
  | "therapy_method"
  | "therapist_age_preference"
  | "therapist_gender_preference"
  | "group_therapy";

const GENDER_FOR_PREFERENCE: Record<string, Geschlecht> = { Männlich: "männlich", Weiblich: "weiblich" };

/**
 * The hard constraints of domain.md 3.5 with decisions.md 5/6 — one implementation for the manual and the
 * automatic path. null = eligible. `distanceKm` null means a location is unknown: fails closed.
 */
export function hardConstraintFailure(
  s: SearchForMatching,
  t: TherapistForMatching,
  distanceKm: number | null,
): ConstraintFailure | null {
  if (distanceKm === null) return "no_location";
  if (distanceKm > s.max_km) return "distance";
  if (s.excluded_therapist_ids.has(t.id)) return "excluded";
  const wanted = s.bevorzugtes_therapeutengeschlecht;
  if (wanted && wanted !== "Egal" && t.geschlecht !== GENDER_FOR_PREFERENCE[wanted])
    return "patient_gender_preference";
  // Therapist "egal" offers both methods and matches any preference (decisions.md 6); a therapist without a
  // method (null) matches only a patient without one (decisions.md 28).
  const method = s.bevorzugtes_therapieverfahren;
  if (
    method &&
    method !== "egal" &&
    t.psychotherapieverfahren !== "egal" &&
    t.psychotherapieverfahren !== method
  ) {
    return "therapy_method";
  }
  const min = t.alter_min || 0;
  const max = t.alter_max || 0;
  if (min > 0 || max > 0) {
    if (s.age === null) return "therapist_age_preference";
    if ((min > 0 && s.age < min) || (max > 0 && s.age > max)) return "therapist_age_preference";
  }
  const pref = t.geschlechtspraeferenz;
  if (pref && pref !== "Egal" && s.geschlecht !== GENDER_FOR_PREFERENCE[pref])
    return "therapist_gender_preference";
  if (t.bevorzugt_gruppentherapie && !s.offen_fuer_gruppentherapie) return "group_therapy";
  return null;
}
