import type { Context, ServiceSchema } from "moleculer";
import { badRequest, notFound } from "../../../mixins/errors";
import { parseId } from "../../../mixins/params";
import { authorOf, clock } from "./context";
import { appendSealed } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** The contact budget (3.16, decisions.md 10) and the patient-deleted cascade (4.4). */
export const SearchBudgetActions: Partial<ServiceSchema> = {
  actions: {
    kontaktanfrage: {
      rest: ["POST /platzsuchen/:id/kontaktanfrage", "POST /v2/patient-searches/:id/contact-requests"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const n = ctx.params.requested_count;
        if (n === undefined || n === null || n === "") throw badRequest("requested_count is required");
        if (!Number.isInteger(n)) throw badRequest("requested_count must be an integer");
        if (n < 1) throw badRequest("Requested count must be positive");
        if (n > 100) throw badRequest("Requested count too high (max: 100)");
        const id = parseId(ctx.params.id);
        if (!id) throw notFound(`Patient search ${ctx.params.id} not found`);
        const c = clock(this.config);
        return this.db.transaction(async (t: any) => {
          const s = await this.repo.search(id, t, true);
          if (!s) throw notFound(`Patient search ${id} not found`);
          if (s.status !== "aktiv")
            throw badRequest(`Can only request contacts for active searches. Current status: ${s.status}`);
          const total = s.gesamt_angeforderte_kontakte + n;
          const text = `Requested ${n} additional contacts (total: ${total})${ctx.params.notizen ? ` - ${ctx.params.notizen}` : ""}`;
          await this.repo.exec(
            `UPDATE ${S}.platzsuche SET gesamt_angeforderte_kontakte = :total, notizen = :notes, updated_at = now() WHERE id = :id`,
            { id, total, notes: appendSealed(this.config, s.notizen, text, authorOf(ctx.meta), c) },
            t,
          );
          return {
            message: `Requested ${n} additional contacts`,
            previous_total: s.gesamt_angeforderte_kontakte,
            new_total: total,
            search_id: id,
          };
        });
      },
    },

    cancelSearchesForPatient: {
      rest: "POST /matching/cascade/patient-deleted",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const pid = parseId(ctx.params.patient_id);
        if (!pid) throw badRequest("patient_id is required");
        const c = clock(this.config);
        const cancelled = await this.db.transaction(async (t: any) => {
          const rows = await this.repo.q(
            `SELECT * FROM ${S}.platzsuche WHERE patient_id = :pid AND status = 'aktiv' FOR UPDATE`,
            { pid },
            t,
          );
          for (const s of rows) {
            await this.repo.exec(
              `UPDATE ${S}.platzsuche SET status = 'abgebrochen', notizen = :notes, updated_at = now() WHERE id = :id`,
              {
                id: s.id,
                notes: appendSealed(
                  this.config,
                  s.notizen,
                  "Cancelled: Patient deleted from system",
                  "System",
                  c,
                ),
              },
              t,
            );
            await this.withdrawFromUnsent(t, s.id, "Patient gelöscht");
          }
          return rows.length;
        });
        return { message: `Cancelled ${cancelled} active searches`, cancelled_searches: cancelled };
      },
    },
  },
};
