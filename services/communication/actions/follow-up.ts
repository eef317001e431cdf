import type { Context, ServiceSchema } from "moleculer";
import { parseParams } from "../../../mixins/params";
import { FollowUpParams } from "../contracts";
import { followUpChannel } from "../domain/follow-up-schedule";
import { CommError } from "../errors";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

/** Why a planned inquiry call is no longer needed, or null while it still is (decisions.md 9, 13). */
function staleReason(s: Row): string | null {
  if (!s.exists) return "Anfrage gelöscht";
  if (s.answered) return "Anfrage beantwortet";
  if (s.cancelled) return "Anfrage abgebrochen";
  if (s.patient_count === 0) return "Anfrage ohne Patienten";
  return null;
}

/** The daily follow-up job (domain.md 3.13, decisions.md 13) and the clean-up of calls nobody needs. */
export const FollowUpActions: Partial<ServiceSchema> = {
  actions: {
    followUp: {
      async handler(this: any, ctx: Ctx) {
        const today = parseParams(FollowUpParams, ctx.params).today ?? this.today();
        const due: Row[] = await ctx.call("matching.inquiriesForFollowUp", { today });
        const result = { reminders: 0, calls: 0, postponed: 0, cancelled_calls: 0, failed: [] as Row[] };
        for (const a of due) {
          try {
            const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [a.therapist_id] });
            const channel = followUpChannel(a, t);
            if (channel === "reminder") {
              const r = await ctx.call<Row, any>("communication.sendReminder", { anfrage_id: a.id });
              await ctx.call("matching.setFollowUp", { id: a.id, reminder_email_id: r.email_id });
              result.reminders++;
            } else if (channel === "call") {
              const call = await this.planInquiryCall(ctx, a.id, t, "follow_up");
              await ctx.call("matching.setFollowUp", { id: a.id, phone_call_id: call.id });
              result.calls++;
            } else {
              result.failed.push({ anfrage_id: a.id, error: "Therapist not found" });
            }
          } catch (e) {
            // Another inquiry e-mail reached this therapist this week: try again on a later day.
            if ((e as { type?: string }).type === CommError.INQUIRY_EMAIL_TOO_SOON) result.postponed++;
            else result.failed.push({ anfrage_id: a.id, error: (e as Error).message });
          }
        }
        result.cancelled_calls = await this.cancelStaleInquiryCalls(ctx);
        // Everything above is idempotent: failing the job makes the scheduler retry only what is left.
        if (result.failed.length)
          throw new Error(
            `Follow-up failed for ${result.failed.length} inquiries: ${JSON.stringify(result.failed)}`,
          );
        return result;
      },
    },
  },

  methods: {
    /** Planned calls of inquiries that were answered, cancelled, deleted or emptied are cancelled. */
    async cancelStaleInquiryCalls(this: any, ctx: Ctx): Promise<number> {
      const planned: Row[] = await this.calls.plannedForInquiries();
      if (!planned.length) return 0;
      const ids = [...new Set(planned.map((p) => p.therapeutenanfrage_id as number))];
      const states: Row[] = await ctx.call("matching.inquiryStates", { ids });
      const reasons = new Map(states.map((s) => [s.id, staleReason(s)]));
      let n = 0;
      for (const p of planned) {
        const reason = reasons.get(p.therapeutenanfrage_id);
        if (reason && (await this.calls.cancel(p.id, `Abgebrochen: ${reason} (A${p.therapeutenanfrage_id})`)))
          n++;
      }
      return n;
    },
  },
};
