import type { Context, ServiceSchema } from "moleculer";
import { notFound } from "../../../mixins/errors";
import { timeInZone } from "../../shared/dates";
import { timeline } from "../domain/history";
import { positiveId } from "../domain/recipient";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

/** Communication history of one patient or therapist (domain.md 4.2/4.3), served under their paths. */
export const HistoryActions: Partial<ServiceSchema> = {
  actions: {
    patientCommunication: {
      rest: "GET /patients/:id/communication",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = positiveId(ctx.params.id);
        const [p] = id ? await ctx.call<Row[], any>("patient.getMany", { ids: [id] }) : [];
        if (!p) throw notFound("Patient not found");
        const h = await this.history("patient_id", id);
        await this.auditPatients(ctx, "read", [id], { view: "communication" });
        return {
          patient_id: id,
          patient_name: `${p.vorname} ${p.nachname}`,
          last_contact: p.letzter_kontakt ?? null,
          ...h,
        };
      },
    },

    therapistCommunication: {
      rest: "GET /therapists/:id/communication",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = positiveId(ctx.params.id);
        const [t] = id ? await ctx.call<Row[], any>("therapist.getMany", { ids: [id] }) : [];
        if (!t) throw notFound("Therapist not found");
        const last =
          [t.letzter_kontakt_email, t.letzter_kontakt_telefon, t.letztes_persoenliches_gespraech]
            .filter(Boolean)
            .sort()
            .pop() ?? null;
        return {
          therapist_id: id,
          therapist_name: [t.titel, t.vorname, t.nachname].filter(Boolean).join(" "),
          last_contact: last,
          ...(await this.history("therapist_id", id)),
        };
      },
    },
  },

  methods: {
    async history(this: any, col: "patient_id" | "therapist_id", id: number) {
      const emails = (await this.emails.forPerson(col, id)).map((e: Row) => this.emailApi(e));
      const calls = (await this.calls.forPerson(col, id)).map((c: Row) => this.callApi(c));
      const tz = this.config.core.timezone;
      const local = (iso: string) => `${this.localDate(iso)}T${timeInZone(new Date(iso), tz)}`;
      return {
        total_emails: emails.length,
        total_calls: calls.length,
        communications: timeline(emails, calls, local),
      };
    },
  },
};
