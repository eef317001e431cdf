import type { Context, ServiceSchema } from "moleculer";
import { badRequest } from "../../../mixins/errors";
import { alreadyProcessed } from "../../../mixins/outbox";
import { parseId } from "../../../mixins/params";
import { followUpDue, type FollowUpCandidate } from "../domain/follow-up";
import { clock, type Row } from "./context";
import { appendSealed, openNote } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Cascades (domain.md 4.4), follow-up support for communication, GDPR for patient. */
export const InternalActions: Partial<ServiceSchema> = {
  actions: {
    therapistBlocked: {
      rest: "POST /matching/cascade/therapist-blocked",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const tid = parseId(ctx.params.therapist_id);
        if (!tid) throw badRequest("therapist_id is required");
        const n = await this.cancelUnsentOf(
          tid,
          ctx.params.reason ? String(ctx.params.reason) : "Therapeut gesperrt",
        );
        return { message: `Cancelled ${n} unsent anfragen`, cancelled_anfragen: n };
      },
    },
    therapistUnblocked: {
      rest: "POST /matching/cascade/therapist-unblocked",
      auth: "staff",
      handler() {
        // Only active therapists are selectable; unblocking needs no further change here.
        return { message: "Therapist unblocking processed" };
      },
    },
    onTherapistBlocked: {
      subscribe: "therapist.blocked",
      async handler(this: any, ctx: Ctx) {
        let first = false;
        await this.db.transaction(async (t: any) => {
          first = !(await alreadyProcessed(t, "matching.onTherapistBlocked", ctx.params.eventId));
        });
        if (!first) return { ok: true };
        const p = ctx.params.payload ?? {};
        await this.cancelUnsentOf(p.therapist_id, p.reason ? String(p.reason) : "Therapeut gesperrt");
        return { ok: true };
      },
    },

    countInquiriesForTherapist: {
      async handler(this: any, ctx: Ctx) {
        const [r] = await this.repo.q(
          `SELECT count(*)::int AS n FROM ${S}.therapeutenanfrage WHERE therapist_id = :id`,
          { id: ctx.params.therapist_id },
        );
        return r.n;
      },
    },

    inquiriesForFollowUp: {
      async handler(this: any, ctx: Ctx) {
        const today = ctx.params.today ?? clock(this.config).today;
        // Open sent inquiries come from SQL; followUpDue decides (the rule the simulator runs as well).
        const rows: Row[] = await this.repo.q(
          `SELECT id, therapist_id, gesendet_datum, email_id, phone_call_id, reminder_email_id, anfragegroesse,
                  to_char((gesendet_datum AT TIME ZONE :tz)::date, 'YYYY-MM-DD') AS gesendet_tag
             FROM ${S}.therapeutenanfrage
            WHERE gesendet_datum IS NOT NULL AND antwort_datum IS NULL AND abgebrochen_am IS NULL
              AND reminder_email_id IS NULL AND phone_call_id IS NULL
            ORDER BY gesendet_datum`,
          { tz: this.config.core.timezone },
        );
        return rows
          .filter((r) =>
            followUpDue(
              { ...r, beantwortet: false, abgebrochen: false } as FollowUpCandidate,
              today,
              this.config.matching.followUpDays,
            ),
          )
          .map(({ gesendet_tag: _day, reminder_email_id: _r, ...r }) => r);
      },
    },
    setFollowUp: {
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        await this.repo.exec(
          `UPDATE ${S}.therapeutenanfrage SET reminder_email_id = COALESCE(:r, reminder_email_id),
                  phone_call_id = COALESCE(:c, phone_call_id), updated_at = now() WHERE id = :id`,
          { id: p.id, r: p.reminder_email_id ?? null, c: p.phone_call_id ?? null },
        );
        return { ok: true };
      },
    },
    inquiryStates: {
      async handler(this: any, ctx: Ctx) {
        const ids = (ctx.params.ids ?? []).filter(Number.isInteger);
        if (!ids.length) return [];
        const rows = await this.repo.q(
          `SELECT id, antwort_datum, abgebrochen_am, anfragegroesse FROM ${S}.therapeutenanfrage WHERE id = ANY(:ids::int[])`,
          {
            ids: `{${ids.join(",")}}`,
          },
        );
        const found = new Map<number, Row>(rows.map((r: Row) => [r.id, r]));
        return ids.map((id: number) => {
          const r = found.get(id);
          return {
            id,
            exists: !!r,
            answered: !!r?.antwort_datum,
            cancelled: !r || !!r.abgebrochen_am,
            patient_count: r?.anfragegroesse ?? 0,
          };
        });
      },
    },

    exportPatient: {
      async handler(this: any, ctx: Ctx) {
        const pid = ctx.params.patient_id;
        const searches = await this.repo.q(
          `SELECT * FROM ${S}.platzsuche WHERE patient_id = :pid ORDER BY id`,
          { pid },
        );
        const rows = await this.repo.q(
          `SELECT x.*, a.therapist_id, a.gesendet_datum, a.antwort_datum FROM ${S}.therapeut_anfrage_patient x
             JOIN ${S}.therapeutenanfrage a ON a.id = x.therapeutenanfrage_id WHERE x.patient_id = :pid ORDER BY x.id`,
          { pid },
        );
        const open = (r: Row, f: string) => ({ ...r, [f]: openNote(this.config, r[f]) });
        return {
          platzsuchen: searches.map((r: Row) => open(r, "notizen")),
          anfragen: rows.map((r: Row) => open(r, "antwortnotizen")),
        };
      },
    },
    erasePatient: {
      async handler(this: any, ctx: Ctx) {
        const pid = ctx.params.patient_id;
        return this.db.transaction(async (t: any) => {
          const searches = await this.repo.q(
            `SELECT id, status FROM ${S}.platzsuche WHERE patient_id = :pid ORDER BY id FOR UPDATE`,
            { pid },
            t,
          );
          // Staff deletion (decisions.md 27) is refused under the same lock that would erase, so a search
          // activated meanwhile cannot slip through.
          const active = ctx.params.refuse_active ? searches.find((s: Row) => s.status === "aktiv") : null;
          if (active)
            throw badRequest(
              `Cannot delete patient ${pid}: Active search exists (Platzsuche ${active.id})`,
              {},
              "ACTIVE_SEARCH_EXISTS",
            );
          for (const s of searches) await this.withdrawFromUnsent(t, s.id, "DSGVO-Löschung");
          // Rows in sent inquiries stay as anonymous counts: the patient id is removed, outcomes remain for statistics.
          await this.repo.exec(
            `UPDATE ${S}.therapeut_anfrage_patient SET patient_id = 0, antwortnotizen = NULL WHERE patient_id = :pid`,
            { pid },
            t,
          );
          await this.repo.exec(
            `UPDATE ${S}.platzsuche SET patient_id = 0, notizen = NULL, status = CASE WHEN status = 'aktiv' THEN 'abgebrochen' ELSE status END WHERE patient_id = :pid`,
            { pid },
            t,
          );
          await this.repo.exec(
            `UPDATE ${S}.vermittlungskonflikt SET patient_id = 0 WHERE patient_id = :pid`,
            { pid },
            t,
          );
          return { searches_anonymised: searches.length };
        });
      },
    },
  },

  methods: {
    async cancelUnsentOf(this: any, therapistId: number, reason: string): Promise<number> {
      const c = clock(this.config);
      return this.db.transaction(async (t: any) => {
        const rows = await this.repo.q(
          `SELECT id, notizen FROM ${S}.therapeutenanfrage WHERE therapist_id = :id AND gesendet_datum IS NULL AND abgebrochen_am IS NULL FOR UPDATE`,
          { id: therapistId },
          t,
        );
        for (const a of rows) {
          await this.repo.exec(
            `UPDATE ${S}.therapeutenanfrage SET abgebrochen_am = now(), notizen = :n WHERE id = :id`,
            {
              id: a.id,
              n: appendSealed(this.config, a.notizen, `Cancelled: ${reason}`, "System", c),
            },
            t,
          );
          await this.repo.exec(
            `UPDATE ${S}.therapeut_anfrage_patient SET status = 'keine_antwort' WHERE therapeutenanfrage_id = :id`,
            { id: a.id },
            t,
          );
        }
        return rows.length;
      });
    },
  },
};
