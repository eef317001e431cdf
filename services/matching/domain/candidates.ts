import { ageOn } from "../../shared/dates";
import { distanceKmBetween } from "../../shared/geo";
import {
  hardConstraintFailure,
  type ConstraintFailure,
  type SearchForMatching,
  type TherapistForMatching,
} from "./eligibility";
import { excludedIds } from "./exclusions";

type Row = Record<string, any>;

/** Builds the matching view of a search from its row and the patient record. */
export function toSearchForMatching(
  search: Row,
  patient: Row,
  today: string,
  defaultMaxKm: number,
): SearchForMatching {
  return {
    platzsuche_id: search.id,
    patient_id: search.patient_id,
    created_at: new Date(search.created_at).toISOString(),
    excluded_therapist_ids: excludedIds(search.ausgeschlossene_therapeuten),
    geschlecht: patient.geschlecht,
    age: ageOn(patient.geburtsdatum, today),
    bevorzugtes_therapeutengeschlecht: patient.bevorzugtes_therapeutengeschlecht ?? null,
    bevorzugtes_therapieverfahren: patient.bevorzugtes_therapieverfahren ?? null,
    offen_fuer_gruppentherapie: patient.offen_fuer_gruppentherapie === true,
    latitude: patient.latitude ?? null,
    longitude: patient.longitude ?? null,
    max_km:
      Number(patient.raeumliche_verfuegbarkeit?.max_km) > 0
        ? Number(patient.raeumliche_verfuegbarkeit.max_km)
        : defaultMaxKm,
  };
}

export const toTherapistForMatching = (t: Row): TherapistForMatching => ({
  id: t.id,
  geschlecht: t.geschlecht,
  psychotherapieverfahren: t.psychotherapieverfahren ?? null,
  alter_min: t.alter_min ?? null,
  alter_max: t.alter_max ?? null,
  geschlechtspraeferenz: t.geschlechtspraeferenz ?? null,
  bevorzugt_gruppentherapie: t.bevorzugt_gruppentherapie === true,
  latitude: t.latitude ?? null,
  longitude: t.longitude ?? null,
});

/**
 * The manual path (domain.md 3.5): searches in waiting order, kept when every hard constraint holds, first
 * `max` taken. Reports how many were left out and why (unknown location separately, decisions.md 5).
 */
export function eligibleSearches(
  searches: SearchForMatching[],
  therapist: TherapistForMatching,
  max: number,
): { chosen: SearchForMatching[]; leftOut: Partial<Record<ConstraintFailure, number>> } {
  const ordered = [...searches].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.platzsuche_id - b.platzsuche_id,
  );
  const chosen: SearchForMatching[] = [];
  const leftOut: Partial<Record<ConstraintFailure, number>> = {};
  for (const s of ordered) {
    const failure = hardConstraintFailure(s, therapist, distanceKmBetween(s, therapist));
    if (failure) leftOut[failure] = (leftOut[failure] ?? 0) + 1;
    else if (chosen.length < max) chosen.push(s);
  }
  return { chosen, leftOut };
}

/**
 * decisions.md 29: a search whose patient a therapist accepted (`vermittelter_therapeut_id` set) takes part in
 * no new inquiry and no bundle run until staff clear the placement or close the search. Returns the others and
 * how many were left out, for `ausgelassen.bereits_vermittelt`.
 */
export function withoutPlaced<T extends { vermittelter_therapeut_id?: number | null }>(
  searches: readonly T[],
): { open: T[]; placed: number } {
  const open = searches.filter(
    (s) => s.vermittelter_therapeut_id === null || s.vermittelter_therapeut_id === undefined,
  );
  return { open, placed: searches.length - open.length };
}
