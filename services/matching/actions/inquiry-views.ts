import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest, notFound } from "../../../mixins/errors";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { parseBool, parseId } from "../../../mixins/params";
import { daysBetween, dateInZone } from "../../shared/dates";
import { derivedInquiryFields } from "../domain/inquiry-view";
import { clock, type Row } from "./context";
import { openNote } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Inquiry lists and details with the derived fields of domain.md 2.7 / 4.4. */
export const InquiryViewActions: Partial<ServiceSchema> = {
  actions: {
    listInquiries: {
      rest: "GET /therapeutenanfragen",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const where: string[] = [];
        const repl: Row = { limit: p.limit, offset: p.offset, followUp: this.config.matching.followUpDays };
        const q = ctx.params;
        if (q.therapist_id !== undefined && q.therapist_id !== "") {
          const tid = parseId(q.therapist_id);
          if (!tid) throw badRequest("Invalid therapist_id");
          where.push("therapist_id = :tid");
          repl.tid = tid;
        }
        if (q.versand_status !== undefined && q.versand_status !== "") {
          if (q.versand_status === "gesendet") where.push("gesendet_datum IS NOT NULL");
          else if (q.versand_status === "ungesendet") where.push("gesendet_datum IS NULL");
          else throw badRequest("Invalid versand_status. Use 'gesendet' or 'ungesendet'");
        }
        if (q.antwort_status !== undefined && q.antwort_status !== "") {
          if (q.antwort_status === "beantwortet") where.push("antwort_datum IS NOT NULL");
          else if (q.antwort_status === "ausstehend")
            where.push("gesendet_datum IS NOT NULL AND antwort_datum IS NULL");
          else throw badRequest("Invalid antwort_status. Use 'beantwortet' or 'ausstehend'");
        }
        const nf = parseBool(q.nachverfolgung_erforderlich);
        if (nf === undefined)
          throw badRequest(
            `Invalid boolean value '${q.nachverfolgung_erforderlich}'. Use 'true' or 'false'.`,
          );
        const followUpSql = `(gesendet_datum IS NOT NULL AND antwort_datum IS NULL AND abgebrochen_am IS NULL
          AND (now() AT TIME ZONE :tz)::date - (gesendet_datum AT TIME ZONE :tz)::date >= :followUp)`;
        repl.tz = this.config.core.timezone;
        if (nf !== null) where.push(nf ? followUpSql : `NOT ${followUpSql}`);
        for (const [param, op] of [
          ["min_size", ">="],
          ["max_size", "<="],
        ] as const) {
          if (q[param] === undefined || q[param] === "") continue;
          const n = Number(q[param]);
          if (!Number.isInteger(n)) throw badRequest(`Invalid ${param}`);
          where.push(`anfragegroesse ${op} :${param}`);
          repl[param] = n;
        }
        const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
        const rows = await this.repo.q(
          `SELECT * FROM ${S}.therapeutenanfrage ${w} ORDER BY erstellt_datum DESC, id DESC LIMIT :limit OFFSET :offset`,
          repl,
        );
        const [sum] = await this.repo.q(
          `SELECT count(*)::int AS total_anfragen,
                  count(*) FILTER (WHERE gesendet_datum IS NULL)::int AS unsent_anfragen,
                  count(*) FILTER (WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NULL AND abgebrochen_am IS NULL)::int AS pending_responses,
                  count(*) FILTER (WHERE ${followUpSql})::int AS needing_follow_up
             FROM ${S}.therapeutenanfrage ${w}`,
          repl,
        );
        const therapists = await this.therapistsById(
          ctx,
          rows.map((r: Row) => r.therapist_id),
        );
        const answered = await this.completeness(rows.map((r: Row) => r.id));
        const data = rows.map((a: Row) => {
          const t = therapists.get(a.therapist_id);
          return {
            id: a.id,
            therapist_id: a.therapist_id,
            therapeuten_name: t ? `${t.titel ? `${t.titel} ` : ""}${t.vorname} ${t.nachname}` : null,
            ...this.inquiryBase(a),
            antwort_vollstaendig: answered.get(a.id) ?? false,
          };
        });
        return { ...paginated(data, sum.total_anfragen, p), summary: sum };
      },
    },

    getInquiry: {
      rest: ["GET /therapeutenanfragen/:id", "GET /v2/bundles/:id"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        const a = id ? await this.repo.inquiry(id) : null;
        if (!a) throw notFound(`Anfrage ${ctx.params.id} not found`);
        const rows = await this.repo.inquiryRows(a.id);
        // Independent reads: the patient and therapist services and this schema are asked at the same time.
        const [patients, [therapist], hints] = await Promise.all([
          this.patientsById(
            ctx,
            rows.map((r: Row) => r.patient_id),
          ),
          ctx.call<Row[], any>("therapist.getMany", { ids: [a.therapist_id] }),
          this.repo.q(
            `SELECT patient_id, text, created_at FROM ${S}.anfrage_hinweis WHERE therapeutenanfrage_id = :id ORDER BY id`,
            { id: a.id },
          ),
          ctx.meta.user
            ? audit(ctx, this.db, { action: "read", entity: "therapeutenanfrage", entity_id: a.id })
            : null,
        ]);
        const { today } = clock(this.config);
        const base = this.inquiryBase(a);
        const complete = rows.length > 0 && rows.every((r: Row) => r.antwortergebnis);
        return {
          id: a.id,
          therapist_id: a.therapist_id,
          therapist: therapist ?? null,
          ...base,
          antwort_zusammenfassung: {
            total_accepted: a.angenommen_anzahl,
            total_rejected: a.abgelehnt_anzahl,
            total_no_response: a.antwort_datum ? a.keine_antwort_anzahl : rows.length,
            antwort_vollstaendig: complete,
          },
          notizen: openNote(this.config, a.notizen),
          email_id: a.email_id,
          phone_call_id: a.phone_call_id,
          reminder_email_id: a.reminder_email_id,
          quelle: a.quelle,
          hinweise: hints.map((h: Row) => ({
            patient_id: h.patient_id,
            text: h.text,
            created_at: h.created_at.toISOString(),
          })),
          abgebrochen_am: a.abgebrochen_am?.toISOString() ?? null,
          patients: rows.map((r: Row) => {
            const pt = patients.get(r.patient_id) ?? null;
            const created = dateInZone(new Date(r.search_created_at), this.config.core.timezone);
            return {
              position: r.position_in_anfrage,
              patient_id: r.patient_id,
              patient: pt,
              platzsuche_id: r.platzsuche_id,
              search_created_at: new Date(r.search_created_at).toISOString(),
              wartezeit_tage: daysBetween(created, today),
              status: r.status,
              antwortergebnis: r.antwortergebnis,
              antwortnotizen: openNote(this.config, r.antwortnotizen),
            };
          }),
        };
      },
    },

    deleteInquiry: {
      rest: "DELETE /therapeutenanfragen/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        const a = id ? await this.repo.inquiry(id) : null;
        if (!a) throw notFound(`Anfrage ${ctx.params.id} not found`);
        await this.db.transaction(async (t: any) => {
          await this.repo.exec(`DELETE FROM ${S}.therapeutenanfrage WHERE id = :id`, { id: a.id }, t);
          await audit(ctx, this.db, { action: "delete", entity: "therapeutenanfrage", entity_id: a.id }, t);
        });
        return { message: "Therapeutenanfrage deleted successfully" };
      },
    },
  },

  methods: {
    inquiryBase(this: any, a: Row) {
      const tz = this.config.core.timezone;
      const { today } = clock(this.config);
      const derived = derivedInquiryFields(
        {
          gesendet_datum: a.gesendet_datum ? dateInZone(a.gesendet_datum, tz) : null,
          antwort_datum: a.antwort_datum ? dateInZone(a.antwort_datum, tz) : null,
          abgebrochen: !!a.abgebrochen_am,
        },
        today,
        this.config.matching.followUpDays,
      );
      return {
        erstellt_datum: a.erstellt_datum.toISOString(),
        gesendet_datum: a.gesendet_datum?.toISOString() ?? null,
        antwort_datum: a.antwort_datum?.toISOString() ?? null,
        ...derived,
        antworttyp: a.antworttyp,
        anfragegroesse: a.anfragegroesse,
        angenommen_anzahl: a.angenommen_anzahl,
        abgelehnt_anzahl: a.abgelehnt_anzahl,
        keine_antwort_anzahl: a.antwort_datum ? a.keine_antwort_anzahl : a.anfragegroesse,
      };
    },
    async completeness(this: any, ids: number[]): Promise<Map<number, boolean>> {
      if (!ids.length) return new Map();
      const rows = await this.repo.q(
        `SELECT therapeutenanfrage_id AS id, bool_and(antwortergebnis IS NOT NULL) AS done
           FROM ${S}.therapeut_anfrage_patient WHERE therapeutenanfrage_id = ANY(:ids::int[]) GROUP BY therapeutenanfrage_id`,
        { ids: `{${ids.join(",")}}` },
      );
      return new Map(rows.map((r: Row) => [r.id, r.done]));
    },
  },
};
