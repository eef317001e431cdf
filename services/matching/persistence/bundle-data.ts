import type { Context } from "moleculer";
import type { AppConfig } from "../../../config";
import { ageOn } from "../../shared/dates";
import { normalizeSchedule, WEEKDAYS, type Schedule } from "../../shared/schedule";
import { toSearchForMatching, toTherapistForMatching } from "../domain/candidates";
import type { BundleSearch, BundleTherapist } from "../domain/bundle/types";
import { learnPreferences, patientAttributes, type LearnedPreferences } from "../domain/preferences";
import type { MatchingRepository } from "./repository";

type Row = Record<string, any>;
const S = "matching_service";
const DAYS: ReadonlySet<string> = new Set(WEEKDAYS);
const digits = (t: string, at: number) => {
  const a = t.charCodeAt(at) - 48;
  const b = t.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};
const minutes = (t: string, at: number) => {
  const h = digits(t, at);
  const m = digits(t, at + 3);
  return h < 0 || m < 0 || m > 59 || h > 24 || (h === 24 && m !== 0) ? -1 : h * 60 + m;
};

/**
 * True when normalizeSchedule would return `v` unchanged (canonical weekday keys, sorted unique valid
 * "HH:MM-HH:MM" ranges), as stored rows written through the API are: 52,000 schedules per national run
 * skip the general parser.
 */
function isCanonical(v: unknown): v is Schedule {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  for (const day in v) {
    if (!DAYS.has(day)) return false;
    const list = (v as Record<string, unknown>)[day];
    if (!Array.isArray(list)) return false;
    let previous = "";
    for (const r of list) {
      if (typeof r !== "string" || r.length !== 11 || r.charCodeAt(2) !== 58 || r.charCodeAt(5) !== 45)
        return false;
      if (r.charCodeAt(8) !== 58 || r <= previous) return false;
      const start = minutes(r, 0);
      const end = minutes(r, 6);
      if (start < 0 || end <= start) return false;
      previous = r;
    }
  }
  return true;
}

const schedule = (v: unknown): Schedule => {
  if (isCanonical(v)) return v;
  const r = normalizeSchedule(v);
  return r.ok ? r.value : {};
};

/** The therapist columns the run decides on (hard constraints, practice grouping, cooling, working hours). */
export const BUNDLE_THERAPIST_FIELDS = [
  "id",
  "geschlecht",
  "psychotherapieverfahren",
  "alter_min",
  "alter_max",
  "geschlechtspraeferenz",
  "bevorzugt_gruppentherapie",
  "latitude",
  "longitude",
  "vorname",
  "nachname",
  "titel",
  "email",
  "potenziell_verfuegbar",
  "ueber_curavani_informiert",
  "naechster_kontakt_moeglich",
  "plz",
  "arbeitszeiten",
];

/** Active searches with their remaining contact budget (sent inclusions used, unsent ones reserved). */
export function searchesWithBudget(repo: MatchingRepository): Promise<Row[]> {
  return repo.q(
    `SELECT ps.id, ps.patient_id, ps.created_at, ps.ausgeschlossene_therapeuten, ps.vermittelter_therapeut_id,
            ps.gesamt_angeforderte_kontakte - ps.verbrauchte_kontakte - COALESCE(u.n, 0) AS remaining_budget
       FROM ${S}.platzsuche ps
       LEFT JOIN (SELECT x.platzsuche_id, count(*)::int AS n FROM ${S}.therapeut_anfrage_patient x
                    JOIN ${S}.therapeutenanfrage a ON a.id = x.therapeutenanfrage_id
                   WHERE a.gesendet_datum IS NULL AND a.abgebrochen_am IS NULL GROUP BY x.platzsuche_id) u
         ON u.platzsuche_id = ps.id
      WHERE ps.status = 'aktiv' ORDER BY ps.created_at, ps.id`,
  );
}

// Built field by field: an object literal that spreads another and then adds fields defines each added field
// through a slow runtime path in V8 (~1 s for the 52,000 records of a national run).
export function toBundleSearch(s: Row, p: Row, today: string, cfg: AppConfig): BundleSearch {
  const m = toSearchForMatching(s, p, today, cfg.matching.defaultMaxDistanceKm);
  return {
    platzsuche_id: m.platzsuche_id,
    patient_id: m.patient_id,
    created_at: m.created_at,
    excluded_therapist_ids: m.excluded_therapist_ids,
    geschlecht: m.geschlecht,
    age: m.age,
    bevorzugtes_therapeutengeschlecht: m.bevorzugtes_therapeutengeschlecht,
    bevorzugtes_therapieverfahren: m.bevorzugtes_therapieverfahren,
    offen_fuer_gruppentherapie: m.offen_fuer_gruppentherapie,
    latitude: m.latitude,
    longitude: m.longitude,
    max_km: m.max_km,
    remaining_budget: Number(s.remaining_budget),
    zeitliche_verfuegbarkeit: schedule(p.zeitliche_verfuegbarkeit),
    attributes: patientAttributes(p, m.age),
  };
}

export function toBundleTherapist(t: Row): BundleTherapist {
  const m = toTherapistForMatching(t);
  return {
    id: m.id,
    geschlecht: m.geschlecht,
    psychotherapieverfahren: m.psychotherapieverfahren,
    alter_min: m.alter_min,
    alter_max: m.alter_max,
    geschlechtspraeferenz: m.geschlechtspraeferenz,
    bevorzugt_gruppentherapie: m.bevorzugt_gruppentherapie,
    latitude: m.latitude,
    longitude: m.longitude,
    vorname: t.vorname,
    nachname: t.nachname,
    titel: t.titel ?? null,
    email: t.email ?? null,
    potenziell_verfuegbar: !!t.potenziell_verfuegbar,
    ueber_curavani_informiert: !!t.ueber_curavani_informiert,
    naechster_kontakt_moeglich: t.naechster_kontakt_moeglich ?? null,
    plz: t.plz ?? null,
    arbeitszeiten: schedule(t.arbeitszeiten),
  };
}

/** Learned preferences from every recorded outcome (decisions.md 11). */
export async function loadPreferences(
  ctx: Context,
  repo: MatchingRepository,
  today: string,
): Promise<LearnedPreferences> {
  const rows = await repo.q(
    `SELECT a.therapist_id, x.patient_id, x.antwortergebnis FROM ${S}.therapeut_anfrage_patient x
       JOIN ${S}.therapeutenanfrage a ON a.id = x.therapeutenanfrage_id
      WHERE x.antwortergebnis IS NOT NULL AND x.patient_id > 0`,
  );
  const ids = [...new Set(rows.map((r) => r.patient_id as number))];
  // The matching profile holds every field patientAttributes reads, with two decryptions instead of seven.
  const patients: Row[] = ids.length ? await ctx.call("patient.getMany", { ids, profile: "matching" }) : [];
  const byId = new Map(patients.map((p) => [p.id, p]));
  return learnPreferences(
    rows
      .filter((r) => byId.has(r.patient_id))
      .map((r) => {
        const p = byId.get(r.patient_id)!;
        return {
          therapist_id: r.therapist_id,
          accepted: r.antwortergebnis === "angenommen" || r.antwortergebnis === "in_Sitzungen",
          attributes: patientAttributes(p, ageOn(p.geburtsdatum, today)),
        };
      }),
  );
}
