import type { SearchForMatching } from "../../services/matching/domain/eligibility";

/** A search in Aachen that any therapist nearby without restrictions takes; tests override one field at a time. */
export const matchingSearch = (o: Partial<SearchForMatching> = {}): SearchForMatching => ({
  platzsuche_id: 1,
  patient_id: 1,
  created_at: "2026-01-01T00:00:00.000Z",
  excluded_therapist_ids: new Set(),
  geschlecht: "weiblich",
  age: 35,
  bevorzugtes_therapeutengeschlecht: "Egal",
  bevorzugtes_therapieverfahren: "egal",
  offen_fuer_gruppentherapie: false,
  latitude: 50.77,
  longitude: 6.08,
  max_km: 25,
  ...o,
});
