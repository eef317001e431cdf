import type { ServiceSchema } from "moleculer";
import type { Row } from "./context";

const S = "matching_service";

/**
 * The seeds' monitoring figures from the stored history (issue 12.11), for the `monitoring.check` job of the api
 * group (internal action, no route). A cooling-period violation is an inquiry sent to a therapist while an
 * earlier answer of that therapist is less than COOLING_WEEKS old (decisions.md 8, the same rule as
 * `abkuehlung_eingehalten` of the bundle analytics); the job drops those with a recorded override (decisions 7).
 */
export const MonitoringActions: Partial<ServiceSchema> = {
  actions: {
    monitoringFigures: {
      async handler(this: any) {
        const cooling = this.config.matching.coolingWeeks * 7;
        const [m] = await this.repo.q(
          `SELECT count(*) FILTER (WHERE gesendet_datum IS NOT NULL)::int AS inquiries_sent,
                  count(*) FILTER (WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NOT NULL)::int AS inquiries_answered,
                  count(*) FILTER (WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NOT NULL
                                     AND antwort_datum <= gesendet_datum + interval '7 days')::int AS inquiries_answered_within_7_days,
                  COALESCE(sum(anfragegroesse) FILTER (WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NOT NULL), 0)::int
                    AS patients_proposed_in_answered,
                  COALESCE(sum(angenommen_anzahl) FILTER (WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NOT NULL), 0)::int
                    AS patients_accepted
             FROM ${S}.therapeutenanfrage`,
          {},
        );
        const [p] = await this.repo.q(
          `SELECT count(*)::int AS placements FROM ${S}.platzsuche WHERE vermittelter_therapeut_id IS NOT NULL`,
          {},
        );
        const violations: Row[] = await this.repo.q(
          `SELECT a.id FROM ${S}.therapeutenanfrage a
            WHERE a.gesendet_datum IS NOT NULL AND EXISTS (
                  SELECT 1 FROM ${S}.therapeutenanfrage b
                   WHERE b.therapist_id = a.therapist_id AND b.id <> a.id AND b.antwort_datum IS NOT NULL
                     AND b.antwort_datum < a.gesendet_datum
                     AND b.antwort_datum > a.gesendet_datum - make_interval(days => :cooling))
            ORDER BY a.id`,
          { cooling },
        );
        return { ...m, placements: p.placements, cooling_violation_inquiry_ids: violations.map((v) => v.id) };
      },
    },
  },
};
