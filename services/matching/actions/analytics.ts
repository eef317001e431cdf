import type { Context, ServiceSchema } from "moleculer";
import { badRequest, notFound } from "../../../mixins/errors";
import { parseId } from "../../../mixins/params";
import { isIsoDate } from "../../shared/dates";
import { loadPreferences } from "../persistence/bundle-data";
import { clock, type Row } from "./context";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

/** Bundle analytics (api.md 2) computed in SQL from the stored history, and learned preferences. */
export const AnalyticsActions: Partial<ServiceSchema> = {
  actions: {
    bundleEfficiency: {
      rest: ["GET /analytics/bundle-efficiency", "GET /v2/analytics/bundle-efficiency"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const q = ctx.params;
        for (const f of ["von", "bis"])
          if (q[f] !== undefined && q[f] !== "" && !isIsoDate(q[f]))
            throw badRequest(`Invalid date format for ${f}. Use YYYY-MM-DD`);
        const where: string[] = ["a.abgebrochen_am IS NULL"];
        const repl: Row = { tz: this.config.core.timezone, cooling: this.config.matching.coolingWeeks * 7 };
        if (q.von) {
          where.push("(a.erstellt_datum AT TIME ZONE :tz)::date >= :von");
          repl.von = q.von;
        }
        if (q.bis) {
          where.push("(a.erstellt_datum AT TIME ZONE :tz)::date <= :bis");
          repl.bis = q.bis;
        }
        let therapistFilter = "";
        if (q.plz_prefix) {
          if (!/^\d{1,5}$/.test(q.plz_prefix)) throw badRequest("Invalid plz_prefix. Use 1 to 5 digits.");
          const ids: Row[] = await ctx.call("therapist.listForMatching", { plz_prefix: q.plz_prefix });
          therapistFilter = " AND a.therapist_id = ANY(:tids::int[])";
          repl.tids = `{${ids.map((t) => t.id).join(",")}}`;
        }
        const w = `WHERE ${where.join(" AND ")}${therapistFilter}`;
        const [m] = await this.repo.q(
          `SELECT count(*)::int AS anfragen,
                  count(*) FILTER (WHERE a.gesendet_datum IS NOT NULL)::int AS gesendet,
                  count(*) FILTER (WHERE a.antwort_datum IS NOT NULL)::int AS beantwortet,
                  count(*) FILTER (WHERE a.antwort_datum IS NOT NULL AND a.antwort_datum <= a.gesendet_datum + interval '7 days')::int AS in_7_tagen,
                  COALESCE(sum(a.angenommen_anzahl) FILTER (WHERE a.antwort_datum IS NOT NULL), 0)::int AS angenommen,
                  COALESCE(sum(a.anfragegroesse) FILTER (WHERE a.antwort_datum IS NOT NULL), 0)::int AS vorgeschlagen,
                  COALESCE(avg(a.anfragegroesse), 0)::float AS mittlere_groesse,
                  count(*) FILTER (WHERE a.gesendet_datum IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM ${S}.therapeutenanfrage b
                     WHERE b.therapist_id = a.therapist_id AND b.id <> a.id AND b.antwort_datum IS NOT NULL
                       AND b.antwort_datum < a.gesendet_datum AND b.antwort_datum > a.gesendet_datum - make_interval(days => :cooling)))::int AS abkuehlung_eingehalten
             FROM ${S}.therapeutenanfrage a ${w}`,
          repl,
        );
        const [c] = await this.repo.q(
          `SELECT count(*)::int AS n FROM ${S}.vermittlungskonflikt k JOIN ${S}.therapeutenanfrage a ON a.id = k.therapeutenanfrage_id ${w}`,
          repl,
        );
        const [par] = await this.repo.q(
          `SELECT COALESCE(avg(n), 0)::float AS avg FROM (
             SELECT ps.id, count(x.id) FILTER (WHERE x.status = 'anstehend') AS n FROM ${S}.platzsuche ps
               LEFT JOIN ${S}.therapeut_anfrage_patient x ON x.platzsuche_id = ps.id
              WHERE ps.status = 'aktiv' GROUP BY ps.id) t`,
        );
        const [days] = await this.repo.q(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90, count(*)::int AS n
             FROM (SELECT EXTRACT(EPOCH FROM (erfolgreiche_vermittlung_datum - created_at)) / 86400 AS d
                     FROM ${S}.platzsuche WHERE status = 'erfolgreich' AND erfolgreiche_vermittlung_datum IS NOT NULL) t`,
        );
        return {
          zeitraum: { von: q.von ?? null, bis: q.bis ?? null, plz_prefix: q.plz_prefix ?? null },
          anzahl_anfragen: m.anfragen,
          annahmerate: ratio(m.angenommen, m.vorgeschlagen),
          annahmen_pro_anfrage: ratio(m.angenommen, m.beantwortet),
          mittlere_anfragegroesse: Math.round(m.mittlere_groesse * 100) / 100,
          antwortrate_7_tage: ratio(m.in_7_tagen, m.gesendet),
          konfliktrate: ratio(c.n, m.angenommen),
          parallele_anfragen_pro_patient: Math.round(par.avg * 100) / 100,
          tage_bis_vermittlung: {
            median: days.median === null ? null : Math.round(days.median * 10) / 10,
            p90: days.p90 === null ? null : Math.round(days.p90 * 10) / 10,
            anzahl: days.n,
          },
          abkuehlung_eingehalten: ratio(m.abkuehlung_eingehalten, m.gesendet),
        };
      },
    },

    therapistPreferences: {
      rest: ["GET /analytics/therapist-preferences", "GET /v2/analytics/therapist-preferences"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id =
          ctx.params.therapist_id === undefined || ctx.params.therapist_id === ""
            ? null
            : parseId(ctx.params.therapist_id);
        if (ctx.params.therapist_id !== undefined && ctx.params.therapist_id !== "" && !id)
          throw badRequest("Invalid therapist_id");
        const learned = await loadPreferences(ctx, this.repo, clock(this.config).today);
        const show = (tid: number) => {
          const m = learned.byTherapist.get(tid);
          const attrs = m
            ? Object.fromEntries(
                [...m]
                  .sort()
                  .map(([k, v]) => [
                    k,
                    { annahmewahrscheinlichkeit: Math.round(v.rate * 1000) / 1000, beobachtungen: v.n },
                  ]),
              )
            : {};
          return { therapist_id: tid, merkmale: attrs };
        };
        if (id) {
          const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [id] });
          if (!t) throw notFound("Therapist not found");
          return { population_annahmerate: Math.round(learned.population_rate * 1000) / 1000, ...show(id) };
        }
        return {
          population_annahmerate: Math.round(learned.population_rate * 1000) / 1000,
          therapeuten: [...learned.byTherapist.keys()].sort((a, b) => a - b).map(show),
        };
      },
    },
  },
};
