import { addDays } from "../../shared/dates";
import { normalizeSchedule, type Schedule } from "../../shared/schedule";
import { SYMPTOM_GROUPS, SYMPTOMS } from "../../shared/symptoms";
import { toSearchForMatching } from "../domain/candidates";
import type { SearchForMatching } from "../domain/eligibility";
import { patientAttributes } from "../domain/preferences";
import type { ScenarioParameters } from "./parameters";
import { keyed, pick, poisson, stream } from "./random";
import type { Centroid } from "./region";

/** A patient with a search: the platform's matching view of both, fixed at arrival. */
export interface SimPatient {
  id: number;
  /** Day of the simulation the search was created (negative: already waiting at the start). */
  arrivalDay: number;
  /** Day the patient leaves if still unplaced then (Infinity: never). */
  dropoutDay: number;
  plz: string;
  search: SearchForMatching;
  zeitliche_verfuegbarkeit: Schedule;
  attributes: string[];
}

const COMMON = SYMPTOM_GROUPS["HÄUFIGSTE ANLIEGEN"];

/** Patient availability: most are free on several weekdays in daytime or evening blocks. */
function availability(u: () => number): Schedule {
  const raw: Record<string, string[]> = {};
  for (const day of ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"]) {
    if (u() < 0.65) raw[day] = [u() < 0.5 ? "08:00-13:00" : u() < 0.6 ? "13:00-18:00" : "16:00-20:00"];
  }
  const r = normalizeSchedule(raw);
  return r.ok ? r.value : {};
}

/**
 * Every patient of the scenario, generated once (the same for all strategies): arrivals per week by a Poisson
 * count, placed like the therapists (by PLZ centroid), an initial backlog already waiting, and the week each
 * one would drop out.
 */
export function buildPatients(
  centroids: Centroid[],
  therapistCount: number,
  p: ScenarioParameters,
  weeks: number,
  startDate: string,
  defaultMaxKm: number,
  seed: number,
): SimPatient[] {
  const u = stream(seed, "patients");
  const dropout = keyed(seed, "dropout");
  const perMonth = p.patientsPerMonth ?? p.patientsPerTherapistMonth * therapistCount;
  const perWeek = (perMonth * 12) / 52;
  const out: SimPatient[] = [];
  for (let week = -p.backlogWeeks; week < weeks; week++) {
    const n = poisson(u, perWeek);
    for (let k = 0; k < n; k++) {
      const id = out.length + 1;
      const day = week * 7 + Math.floor(u() * 7);
      const c = pick(u, centroids);
      const age = 18 + Math.floor(Math.pow(u(), 1.4) * 60);
      const arrival = addDays(startDate, day);
      const birthYear = Number(arrival.slice(0, 4)) - age - 1;
      const geschlecht = u() < 0.64 ? "weiblich" : u() < 0.96 ? "männlich" : "divers";
      const symptome = [pick(u, COMMON), ...(u() < 0.7 ? [pick(u, SYMPTOMS)] : [])];
      const patient = {
        geschlecht,
        geburtsdatum: `${birthYear}-${String(1 + Math.floor(u() * 12)).padStart(2, "0")}-15`,
        bevorzugtes_therapeutengeschlecht: u() < 0.25 ? "Weiblich" : u() < 0.05 ? "Männlich" : "Egal",
        bevorzugtes_therapieverfahren:
          u() < 0.2
            ? pick(u, ["Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie"])
            : "egal",
        offen_fuer_gruppentherapie: u() < 0.4,
        latitude: c.latitude + (u() - 0.5) * 0.01,
        longitude: c.longitude + (u() - 0.5) * 0.015,
        raeumliche_verfuegbarkeit: { max_km: pick(u, [10, 15, 20, 25, 25, 30, 40]) },
        symptome,
      };
      // The platform's own conversion from records to the matching view (age on the arrival day).
      const search = toSearchForMatching(
        {
          id,
          patient_id: id,
          created_at: `${arrival}T${String(8 + Math.floor(u() * 10)).padStart(2, "0")}:00:00.000Z`,
          ausgeschlossene_therapeuten: [],
        },
        patient,
        arrival,
        defaultMaxKm,
      );
      let dropoutDay = Infinity;
      for (let w = 1; w <= weeks + p.backlogWeeks + 1; w++) {
        if (dropout(id, w) < p.dropoutPerWeek) {
          dropoutDay = day + 7 * w;
          break;
        }
      }
      out.push({
        id,
        arrivalDay: day,
        dropoutDay,
        plz: c.plz,
        search,
        zeitliche_verfuegbarkeit: availability(u),
        attributes: patientAttributes(patient, search.age),
      });
    }
  }
  return out;
}
