import type { Context, ServiceSchema } from "moleculer";
import { isUnreachable } from "../../../mixins/errors";
import { ageOn } from "../../shared/dates";
import {
  ANSWER_REFUSALS,
  answerForm,
  readAnswerForm,
  refusalFor,
  refusalPage,
  thanksPage,
  type AnswerRefusal,
} from "../domain/answer-page";
import { verifyAnswer, type AnswerClaim } from "../domain/links";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const GENDER: Record<string, string> = { männlich: "männlich", weiblich: "weiblich", divers: "divers" };

/**
 * One-click answers for therapists (decisions.md 15). A link names the inquiry, optionally one patient and a
 * suggested outcome. The response contract needs an outcome for every patient of the inquiry, so the page
 * asks for one per patient, prefilled from the clicked link, and submits them together through
 * matching.recordResponse: the same validation, cooling and first-responder rules as a staff entry.
 */
export const AnswerActions: Partial<ServiceSchema> = {
  actions: {
    answerPage: {
      rest: "GET /antwort/:token",
      auth: "public",
      async handler(this: any, ctx: Ctx) {
        const v = await this.usableToken(ctx);
        if (typeof v === "string") return this.refuse(ctx, v);
        const today = this.today();
        const patients = v.inquiry.patients.map((p: Row) => {
          const age = ageOn(p.patient?.geburtsdatum, today);
          const parts = [
            GENDER[p.patient?.geschlecht] ?? "keine Angabe",
            age === null ? null : `${age} Jahre`,
          ];
          return { patient_id: p.patient_id, description: parts.filter(Boolean).join(", ") };
        });
        // The therapist (no login) saw these patients' age and gender: recorded like any other read.
        await this.auditPatients(
          ctx,
          "read",
          patients.map((x: Row) => x.patient_id),
          { via: "antwortlink", anfrage_id: v.inquiry.id },
        );
        return this.html(
          ctx,
          200,
          answerForm(v.inquiry.id, patients, { patient_id: v.claim.p, outcome: v.claim.o }),
        );
      },
    },

    answerSubmit: {
      rest: "POST /antwort/:token",
      auth: "public",
      async handler(this: any, ctx: Ctx) {
        const v = await this.usableToken(ctx);
        if (typeof v === "string") return this.refuse(ctx, v);
        const responses = readAnswerForm(
          ctx.params,
          v.inquiry.patients.map((p: Row) => p.patient_id),
        );
        if (!responses) return this.refuse(ctx, "incomplete");
        const note = typeof ctx.params.notizen === "string" ? ctx.params.notizen.trim().slice(0, 2000) : "";
        try {
          await ctx.call(
            "matching.recordResponse",
            {
              id: v.inquiry.id,
              patient_responses: responses,
              notizen: `Antwort über Link${note ? `: ${note}` : ""}`,
            },
            { meta: { source: "Antwortlink" } },
          );
        } catch (e) {
          const type = (e as { type?: string }).type;
          if (type === "ANFRAGE_ALREADY_ANSWERED") return this.refuse(ctx, "answered");
          if (type === "ANFRAGE_CANCELLED" || type === "ANFRAGE_NOT_SENT") return this.refuse(ctx, "closed");
          if (type === "INVALID_RESPONSE") return this.refuse(ctx, "incomplete");
          throw e;
        }
        return this.html(ctx, 200, thanksPage());
      },
    },
  },

  methods: {
    html(ctx: Ctx, status: number, body: string) {
      ctx.meta.$statusCode = status;
      ctx.meta.$responseType = "text/html; charset=utf-8";
      return body;
    },
    refuse(this: any, ctx: Ctx, r: AnswerRefusal) {
      return this.html(ctx, ANSWER_REFUSALS[r].status, refusalPage(r));
    },
    /** The verified claim and its inquiry, or why the link cannot be used. */
    async usableToken(this: any, ctx: Ctx): Promise<AnswerRefusal | { claim: AnswerClaim; inquiry: Row }> {
      const v = verifyAnswer(String(ctx.params.token ?? ""), this.linkKey, Math.floor(Date.now() / 1000));
      if (!v.ok) return v.reason === "expired" ? "expired" : "invalid";
      let inquiry: Row | null = null;
      try {
        inquiry = await ctx.call("matching.getInquiry", { id: v.claim.a });
      } catch (e) {
        if (isUnreachable(e)) throw e;
      }
      const refusal = refusalFor({
        exists: !!inquiry,
        sent: !!inquiry?.gesendet_datum,
        answered: !!inquiry?.antwort_datum,
        cancelled: !!inquiry?.abgebrochen_am,
        foreignPatient:
          v.claim.p !== null && !inquiry?.patients?.some((p: Row) => p.patient_id === v.claim.p),
      });
      return refusal ?? { claim: v.claim, inquiry: inquiry! };
    },
  },
};
