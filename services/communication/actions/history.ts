import type { Context, ServiceSchema } from "moleculer";
import { notFound } from "../../../mixins/errors";
import { parseId } from "../../../mixins/params";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const E = "communication_service.emails";
const C = "communication_service.telefonanrufe";

/** Communication history per person (4.2/4.3), follow-up (3.13) and GDPR (decisions.md 24). */
export const HistoryActions: Partial<ServiceSchema> = {
  actions: {
    patientCommunication: {
      rest: "GET /patients/:id/communication",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        const [p] = id ? await ctx.call<Row[], any>("patient.getMany", { ids: [id] }) : [];
        if (!p) throw notFound("Patient not found");
        return {
          patient_id: id,
          patient_name: `${p.vorname} ${p.nachname}`,
          last_contact: p.letzter_kontakt,
          ...(await this.history("patient_id", id)),
        };
      },
    },
    therapistCommunication: {
      rest: "GET /therapists/:id/communication",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        const [t] = id ? await ctx.call<Row[], any>("therapist.getMany", { ids: [id] }) : [];
        if (!t) throw notFound("Therapist not found");
        const last =
          [t.letzter_kontakt_email, t.letzter_kontakt_telefon].filter(Boolean).sort().pop() ?? null;
        return {
          therapist_id: id,
          therapist_name: `${t.vorname} ${t.nachname}`,
          last_contact: last,
          ...(await this.history("therapist_id", id)),
        };
      },
    },

    /** Daily: one reminder e-mail or one call per inquiry unanswered after FOLLOW_UP_DAYS; stale calls cancelled. */
    followUp: {
      async handler(this: any, ctx: Ctx) {
        const due: Row[] = await ctx.call("matching.inquiriesForFollowUp", { today: this.today() });
        let reminders = 0;
        let calls = 0;
        for (const a of due) {
          const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [a.therapist_id] });
          if (t?.email && a.email_id) {
            const r = await ctx.call<Row, any>("communication.sendReminder", { anfrage_id: a.id });
            await ctx.call("matching.setFollowUp", { id: a.id, reminder_email_id: r.email_id });
            reminders++;
          } else if (!a.phone_call_id) {
            const slot = await this.planTherapistCall(ctx, a.therapist_id);
            if (!slot) continue;
            const [row] = await this.q(
              `INSERT INTO ${C} (therapist_id, therapeutenanfrage_id, geplantes_datum, geplante_zeit, dauer_minuten, notizen)
               VALUES (:t, :a, :d, :z, 5, :n) RETURNING id`,
              { t: a.therapist_id, a: a.id, d: slot.date, z: slot.time, n: `Follow-up für Anfrage A${a.id}` },
            );
            await ctx.call("matching.setFollowUp", { id: a.id, phone_call_id: row.id });
            calls++;
          }
        }
        const planned = await this.q(
          `SELECT id, therapeutenanfrage_id FROM ${C} WHERE status = 'geplant' AND therapeutenanfrage_id IS NOT NULL`,
        );
        const states: Row[] = planned.length
          ? await ctx.call("matching.inquiryStates", {
              ids: [...new Set(planned.map((p: Row) => p.therapeutenanfrage_id))],
            })
          : [];
        const stale = new Set(
          states.filter((s) => s.answered || s.cancelled || s.patient_count === 0).map((s) => s.id),
        );
        let cancelled = 0;
        for (const p of planned.filter((x: Row) => stale.has(x.therapeutenanfrage_id))) {
          await this.q(
            `UPDATE ${C} SET status = 'abgebrochen', notizen = COALESCE(notizen || E'\\n', '') || 'Abgebrochen: Anfrage beantwortet oder leer', updated_at = now() WHERE id = :id RETURNING id`,
            { id: p.id },
          );
          cancelled++;
        }
        return { reminders, calls, cancelled_calls: cancelled };
      },
    },

    exportPatient: {
      async handler(this: any, ctx: Ctx) {
        const pid = ctx.params.patient_id;
        return {
          emails: await this.q(`SELECT * FROM ${E} WHERE patient_id = :pid ORDER BY id`, { pid }),
          telefonanrufe: await this.q(`SELECT * FROM ${C} WHERE patient_id = :pid ORDER BY id`, { pid }),
        };
      },
    },
    erasePatient: {
      async handler(this: any, ctx: Ctx) {
        const pid = ctx.params.patient_id;
        const e = await this.q(`DELETE FROM ${E} WHERE patient_id = :pid RETURNING id`, { pid });
        const c = await this.q(`DELETE FROM ${C} WHERE patient_id = :pid RETURNING id`, { pid });
        return { emails_deleted: e.length, calls_deleted: c.length };
      },
    },
  },

  methods: {
    async history(this: any, col: string, id: number) {
      const emails = await this.q(
        `SELECT id, betreff, status, gesendet_am, created_at, antwort_erhalten FROM ${E} WHERE ${col} = :id`,
        { id },
      );
      const calls = await this.q(
        `SELECT id, geplantes_datum, geplante_zeit, status, ergebnis, notizen, created_at FROM ${C} WHERE ${col} = :id`,
        { id },
      );
      const communications = [
        ...emails.map((e: Row) => ({
          type: "email",
          id: e.id,
          date: (e.gesendet_am ?? e.created_at).toISOString(),
          subject: e.betreff,
          status: e.status,
          response_received: e.antwort_erhalten,
          data: e,
        })),
        ...calls.map((c: Row) => ({
          type: "phone_call",
          id: c.id,
          date: `${c.geplantes_datum}T${c.geplante_zeit}:00`,
          status: c.status,
          outcome: c.ergebnis,
          data: c,
        })),
      ].sort((a, b) => b.date.localeCompare(a.date));
      return { total_emails: emails.length, total_calls: calls.length, communications };
    },
  },
};
