import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest, conflict, notFound } from "../../../mixins/errors";
import { germanLongDate } from "../../shared/dates";
import { describeScheduleGerman } from "../../shared/schedule";
import { SUCCESS_TEMPLATE_TYPES, isOneOf } from "../../shared/enums";
import { signAnswer } from "../domain/links";
import { fullName, greeting, patientBlock } from "../domain/inquiry-content";
import { renderTemplate } from "../domain/render";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const E = "communication_service.emails";
const C = "communication_service.telefonanrufe";

/** Sending inquiries (3.7), success e-mails (3.10), template and system e-mails. */
export const SendingActions: Partial<ServiceSchema> = {
  actions: {
    /** E-mail when the therapist has one, otherwise a planned call; idempotent per inquiry. */
    sendInquiry: {
      async handler(this: any, ctx: Ctx) {
        const id = ctx.params.anfrage_id;
        const [existing] = await this.q(
          `SELECT id FROM ${E} WHERE therapeutenanfrage_id = :id AND typ = 'anfrage'`,
          { id },
        );
        if (existing) return { communication_type: "email", email_id: existing.id, phone_call_id: null };
        const [call] = await this.q(
          `SELECT id FROM ${C} WHERE therapeutenanfrage_id = :id AND status <> 'abgebrochen' ORDER BY id LIMIT 1`,
          { id },
        );
        if (call) return { communication_type: "phone_call", email_id: null, phone_call_id: call.id };

        const a = await ctx.call<Row, any>("matching.getInquiry", { id });
        const t = a.therapist;
        if (!t) throw notFound("Therapist not found");
        if (!t.email) {
          const slot = await this.planTherapistCall(ctx, t.id);
          const when = slot ?? { date: this.today(), time: this.config.communication.defaultPhoneCallTime };
          const [row] = await this.q(
            `INSERT INTO ${C} (therapist_id, therapeutenanfrage_id, geplantes_datum, geplante_zeit, dauer_minuten, notizen)
             VALUES (:t, :a, :d, :z, 5, :n) RETURNING id`,
            { t: t.id, a: id, d: when.date, z: when.time, n: `Follow-up für Anfrage A${id}` },
          );
          return { communication_type: "phone_call", email_id: null, phone_call_id: row.id };
        }
        const minDays = this.config.communication.inquiryEmailMinDays;
        const [recent] = await this.q(
          `SELECT id FROM ${E} WHERE therapist_id = :t AND typ = 'anfrage' AND created_at > now() - make_interval(days => :d) LIMIT 1`,
          { t: t.id, d: minDays },
        );
        if (recent) {
          throw conflict(
            `An inquiry e-mail was sent to this therapist within the last ${minDays} days`,
            "INQUIRY_EMAIL_TOO_SOON",
            { email_id: recent.id },
          );
        }
        const content = renderTemplate("anfrage", this.inquiryVars(a, null));
        const row = await this.db.transaction(async (tx: any) => {
          const r = await this.insertEmail(tx, {
            therapist_id: t.id,
            betreff: content.betreff,
            markdown: content.markdown,
            empfaenger_email: t.email,
            empfaenger_name: fullName(t),
            add_legal_footer: true,
            status: "In_Warteschlange",
            typ: "anfrage",
            therapeutenanfrage_id: id,
          });
          await audit(
            ctx,
            this.db,
            { action: "create", entity: "email", entity_id: r.id, details: { anfrage_id: id } },
            tx,
          );
          return r;
        });
        void this.queue?.run();
        return { communication_type: "email", email_id: row.id, phone_call_id: null };
      },
    },

    sendReminder: {
      async handler(this: any, ctx: Ctx) {
        const a = await ctx.call<Row, any>("matching.getInquiry", { id: ctx.params.anfrage_id });
        const t = a.therapist;
        const content = renderTemplate("anfrage_reminder", {
          ...this.inquiryVars(a, null),
          tage_seit_versand: a.tage_seit_versand,
        });
        const row = await this.db.transaction((tx: any) =>
          this.insertEmail(tx, {
            therapist_id: t.id,
            betreff: content.betreff,
            markdown: content.markdown,
            empfaenger_email: t.email,
            empfaenger_name: fullName(t),
            add_legal_footer: true,
            status: "In_Warteschlange",
            typ: "erinnerung",
            therapeutenanfrage_id: a.id,
          }),
        );
        return { email_id: row.id };
      },
    },

    sendSuccessEmail: {
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const type = p.email_template_type ?? "email_contact";
        if (!isOneOf(SUCCESS_TEMPLATE_TYPES, type)) throw badRequest(`Invalid email_template_type '${type}'`);
        const [patient] = await ctx.call<Row[], any>("patient.getMany", { ids: [p.patient_id] });
        const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [p.therapist_id] });
        if (!patient) throw notFound("Patient not found");
        if (!t) throw notFound("Therapist not found");
        if (!patient.email) throw badRequest("Patient has no email address", {}, "PATIENT_WITHOUT_EMAIL");
        const attachments: string[] = await ctx.call("therapist.pdfPaths", { id: t.id });
        const md = p.meeting_details ?? {};
        const content = renderTemplate(`erfolg_${type}`, {
          anrede_zeile: greeting(patient),
          therapeut_name: fullName(t),
          therapeut_adresse: [t.strasse, [t.plz, t.ort].filter(Boolean).join(" ")].filter(Boolean).join(", "),
          therapeut_email: t.email ?? "",
          therapeut_telefon: t.telefon ?? "",
          telefonzeiten: describeScheduleGerman(t.telefonische_erreichbarkeit ?? {}),
          termin_datum: /^\d{4}-\d{2}-\d{2}$/.test(md.date ?? "") ? germanLongDate(md.date) : (md.date ?? ""),
          termin_uhrzeit: md.time ?? "",
          anhaenge: attachments.length > 0,
          company: this.config.company,
        });
        const row = await this.db.transaction((tx: any) =>
          this.insertEmail(tx, {
            patient_id: patient.id,
            betreff: content.betreff,
            markdown: content.markdown,
            empfaenger_email: patient.email,
            empfaenger_name: `${patient.vorname} ${patient.nachname}`,
            add_legal_footer: true,
            status: "In_Warteschlange",
            typ: "erfolg",
            attachments,
          }),
        );
        void this.queue?.run();
        return { email_id: row.id };
      },
    },

    queueTemplateEmail: {
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const content = renderTemplate(
          p.template === "registration_confirmation" ? "registrierung" : p.template,
          {
            anrede_zeile: p.variables?.anrede_zeile ?? "Guten Tag,",
            ...p.variables,
            company: this.config.company,
          },
        );
        const row = await this.db.transaction((tx: any) =>
          this.insertEmail(tx, {
            patient_id: p.patient_id ?? null,
            therapist_id: p.therapist_id ?? null,
            betreff: content.betreff,
            markdown: content.markdown,
            empfaenger_email: p.to_email,
            empfaenger_name: p.to_name,
            add_legal_footer: true,
            status: "In_Warteschlange",
            typ: p.template,
            attachments: p.attachments ?? [],
          }),
        );
        return { email_id: row.id };
      },
    },

    systemMessage: {
      rest: "POST /system-messages",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        if (!p.subject || typeof p.subject !== "string") throw badRequest("subject is required");
        if (!p.message || typeof p.message !== "string") throw badRequest("message is required");
        const to = this.config.company.systemNotificationEmail;
        // System messages are not stored as e-mails of a patient or therapist: sent directly.
        await this.transport.sendMail({
          from: {
            name: p.sender_name ?? `${this.config.company.senderName} System`,
            address: this.config.company.email,
          },
          to,
          subject: p.subject,
          text: p.message,
        });
        return { message: "System message sent successfully", recipient: to };
      },
    },
  },

  methods: {
    inquiryVars(this: any, a: Row, _unused: unknown) {
      const expiry = Math.floor(Date.now() / 1000) + this.config.communication.answerLinkDays * 86400;
      const base = (
        this.config.core.publicBaseUrl ?? `http://${this.config.core.host}:${this.config.core.port}`
      ).replace(/\/$/, "");
      const link = (p: number | null, o: string | null) =>
        `${base}/api/antwort/${signAnswer({ a: a.id, p, o, e: expiry }, this.linkKey)}`;
      return {
        anfrage_id: a.id,
        anrede_zeile: greeting(a.therapist),
        informiert: !!a.therapist.ueber_curavani_informiert,
        company: this.config.company,
        link_alle: link(null, null),
        patienten: a.patients.map((x: Row) => ({
          ...patientBlock({ ...x.patient, id: x.patient_id }, this.today()),
          links: {
            angenommen: link(x.patient_id, "angenommen"),
            abgelehnt_Kapazitaet: link(x.patient_id, "abgelehnt_Kapazitaet"),
            abgelehnt_nicht_geeignet: link(x.patient_id, "abgelehnt_nicht_geeignet"),
          },
        })),
      };
    },
  },
};
