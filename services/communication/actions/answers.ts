import type { Context, ServiceSchema } from "moleculer";
import { PATIENTENERGEBNIS } from "../../shared/enums";
import { verifyAnswer, type AnswerClaim } from "../domain/links";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

const LABELS: Record<string, string> = {
  angenommen: "Platz anbieten",
  abgelehnt_Kapazitaet: "Keine Kapazität",
  abgelehnt_nicht_geeignet: "Passt nicht",
  abgelehnt_sonstiges: "Anderer Grund",
};
const CHOICES = ["angenommen", "abgelehnt_Kapazitaet", "abgelehnt_nicht_geeignet", "abgelehnt_sonstiges"];
const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
fieldset{margin:1rem 0;border:1px solid #ccd;border-radius:6px}button{font:inherit;padding:.5rem 1.2rem;background:#23476b;color:#fff;border:0;border-radius:4px}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/**
 * One-click answers for therapists (decisions.md 15). The page shows only what the e-mail showed and asks for
 * one outcome per patient of the inquiry (prefilled from the clicked link); the answer is recorded through
 * matching's response action, so the same rules and cooling apply.
 */
export const AnswerActions: Partial<ServiceSchema> = {
  actions: {
    answerPage: {
      rest: "GET /antwort/:token",
      auth: "public",
      async handler(this: any, ctx: Ctx) {
        const v = await this.checkToken(ctx);
        if (typeof v === "string") return v;
        const { claim, inquiry } = v;
        const fields = inquiry.patients
          .map((p: Row) => {
            const chosen = claim.p === p.patient_id ? claim.o : null;
            const radios = CHOICES.map(
              (o) =>
                `<label><input type="radio" name="outcome_${p.patient_id}" value="${o}" required${chosen === o ? " checked" : ""}> ${esc(LABELS[o])}</label><br>`,
            ).join("");
            const info = `${p.patient?.geschlecht ?? ""}, Patienten-ID ${p.patient_id}`;
            return `<fieldset><legend>${esc(info)}</legend>${radios}</fieldset>`;
          })
          .join("");
        return this.html(
          ctx,
          200,
          page(
            `Ihre Antwort zur Anfrage A${inquiry.id}`,
            `<p>Bitte bestätigen Sie Ihre Antwort für jede Person dieser Anfrage.</p>
             <form method="post">${fields}<p><label>Anmerkung (optional)<br><textarea name="notizen" rows="3" cols="40"></textarea></label></p>
             <button type="submit">Antwort senden</button></form>`,
          ),
        );
      },
    },

    answerSubmit: {
      rest: "POST /antwort/:token",
      auth: "public",
      async handler(this: any, ctx: Ctx) {
        const v = await this.checkToken(ctx);
        if (typeof v === "string") return v;
        const { inquiry } = v;
        const responses: Record<string, string> = {};
        for (const p of inquiry.patients) {
          const o = ctx.params[`outcome_${p.patient_id}`];
          if (!PATIENTENERGEBNIS.includes(o)) {
            return this.html(
              ctx,
              400,
              page("Antwort unvollständig", "<p>Bitte wählen Sie für jede Person eine Antwort.</p>"),
            );
          }
          responses[p.patient_id] = o;
        }
        try {
          ctx.meta.source = "Antwortlink";
          await ctx.call(
            "matching.recordResponse",
            {
              id: inquiry.id,
              patient_responses: responses,
              notizen: `Antwort über Link${ctx.params.notizen ? `: ${String(ctx.params.notizen).slice(0, 2000)}` : ""}`,
            },
            { meta: { source: "Antwortlink" } },
          );
        } catch (e) {
          if ((e as { type?: string }).type === "ANFRAGE_ALREADY_ANSWERED") {
            return this.html(
              ctx,
              409,
              page("Bereits beantwortet", "<p>Diese Anfrage wurde bereits beantwortet. Vielen Dank!</p>"),
            );
          }
          throw e;
        }
        return this.html(
          ctx,
          200,
          page("Vielen Dank!", "<p>Ihre Antwort wurde gespeichert. Wir melden uns bei Ihnen.</p>"),
        );
      },
    },
  },

  methods: {
    html(ctx: Ctx, status: number, body: string) {
      ctx.meta.$statusCode = status;
      ctx.meta.$responseType = "text/html; charset=utf-8";
      return body;
    },
    async checkToken(this: any, ctx: Ctx): Promise<string | { claim: AnswerClaim; inquiry: Row }> {
      const v = verifyAnswer(String(ctx.params.token ?? ""), this.linkKey, Math.floor(Date.now() / 1000));
      if (!v.ok) {
        return v.reason === "expired"
          ? this.html(
              ctx,
              410,
              page(
                "Link abgelaufen",
                "<p>Dieser Link ist abgelaufen. Bitte antworten Sie per E-Mail oder Telefon.</p>",
              ),
            )
          : this.html(ctx, 400, page("Ungültiger Link", "<p>Dieser Link ist ungültig.</p>"));
      }
      let inquiry: Row;
      try {
        inquiry = await ctx.call("matching.getInquiry", { id: v.claim.a });
      } catch {
        return this.html(
          ctx,
          404,
          page("Anfrage nicht gefunden", "<p>Diese Anfrage gibt es nicht mehr.</p>"),
        );
      }
      if (inquiry.antwort_datum) {
        return this.html(
          ctx,
          409,
          page("Bereits beantwortet", "<p>Diese Anfrage wurde bereits beantwortet. Vielen Dank!</p>"),
        );
      }
      if (inquiry.abgebrochen_am || !inquiry.gesendet_datum) {
        return this.html(
          ctx,
          409,
          page("Anfrage nicht mehr offen", "<p>Diese Anfrage ist nicht mehr offen.</p>"),
        );
      }
      if (v.claim.p !== null && !inquiry.patients.some((p: Row) => p.patient_id === v.claim.p)) {
        return this.html(
          ctx,
          400,
          page("Ungültiger Link", "<p>Dieser Link gehört nicht zu dieser Anfrage.</p>"),
        );
      }
      return { claim: v.claim, inquiry };
    },
  },
};
