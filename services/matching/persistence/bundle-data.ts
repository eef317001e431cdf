import type { Context } from "moleculer";
import type { AppConfig } from "../../../config";
import { ageOn } from "../../shared/dates";
import { normalizeSchedule } from "../../shared/schedule";
import { toSearchForMatching, toTherapistForMatching } from "../domain/candidates";
import type { BundleSearch, BundleTherapist } from "../domain/bundle/types";
import { learnPreferences, patientAttributes, type LearnedPreferences } from "../domain/preferences";
import type { MatchingRepository } from "./repository";

type Row = Record<string, any>;
const S = "matching_service";
const schedule = (v: unknown) => {
  const r = normalizeSchedule(v);
  return r.ok ? r.value : {};
};

/** Active searches with their remaining contact budget (sent inclusions used, unsent ones reserved). */
export function searchesWithBudget(repo: MatchingRepository): Promise<Row[]> {
  return repo.q(
    `SELECT ps.*, ps.gesamt_angeforderte_kontakte - ps.verbrauchte_kontakte - COALESCE(u.n, 0) AS remaining_budget
       FROM ${S}.platzsuche ps
       LEFT JOIN (SELECT x.platzsuche_id, count(*)::int AS n FROM ${S}.therapeut_anfrage_patient x
                    JOIN ${S}.therapeutenanfrage a ON a.id = x.therapeutenanfrage_id
                   WHERE a.gesendet_datum IS NULL AND a.abgebrochen_am IS NULL GROUP BY x.platzsuche_id) u
         ON u.platzsuche_id = ps.id
      WHERE ps.status = 'aktiv' ORDER BY ps.created_at, ps.id`,
  );
}

export function toBundleSearch(s: Row, p: Row, today: string, cfg: AppConfig): BundleSearch {
  return {
    ...toSearchForMatching(s, p, today, cfg.matching.defaultMaxDistanceKm),
    remaining_budget: Number(s.remaining_budget),
    zeitliche_verfuegbarkeit: schedule(p.zeitliche_verfuegbarkeit),
    attributes: patientAttributes(p, ageOn(p.geburtsdatum, today)),
  };
}

export function toBundleTherapist(t: Row): BundleTherapist {
  return {
    ...toTherapistForMatching(t),
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
  const patients: Row[] = ids.length ? await ctx.call("patient.getMany", { ids }) : [];
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
