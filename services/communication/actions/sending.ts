import type { Context, ServiceSchema } from "moleculer";
import { badRequest, conflict, notFound } from "../../../mixins/errors";
import { parseParams } from "../../../mixins/params";
import { addDays } from "../../shared/dates";
import { describeScheduleGerman, normalizeSchedule } from "../../shared/schedule";
import {
  QueueTemplateEmailParams,
  SendInquiryParams,
  SendReminderParams,
  SendSuccessEmailParams,
  type SendInquiryResult,
} from "../contracts";
import {
  fullName,
  greeting,
  meetingText,
  patientBlock,
  patientPhrases,
  practiceAddress,
} from "../domain/inquiry-content";
import { inquiryLinks } from "../domain/links";
import { legalFooter, markdownToEmail, renderTemplate } from "../domain/render";
import { inquiryEmailAllowedFrom } from "../domain/send-window";
import {
  INQUIRY_EMAIL_TYPES,
  TEMPLATES,
  missingVariables,
  successTemplate,
  type TemplateName,
} from "../domain/templates";
import { CommError } from "../errors";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;

/** Sending inquiries (3.7) and reminders (3.13), success e-mails (3.10), template e-mails of other services. */
export const SendingActions: Partial<ServiceSchema> = {
  actions: {
    /** E-mail when the therapist has one, otherwise a planned call; a retry returns the same e-mail or call. */
    sendInquiry: {
      async handler(this: any, ctx: Ctx): Promise<SendInquiryResult> {
        const { anfrage_id: id } = parseParams(SendInquiryParams, ctx.params);
        const done = await this.inquiryContactOf(id);
        if (done) return done;
        const a = await this.loadInquiry(ctx, id);
        if (!a.therapist.email) {
          const call = await this.planInquiryCall(ctx, id, a.therapist, "anfrage");
          return { communication_type: "phone_call", email_id: null, phone_call_id: call.id };
        }
        const e = await this.queueInquiryEmail(ctx, a, "inquiry");
        return { communication_type: "email", email_id: e.id, phone_call_id: null };
      },
    },

    /** The follow-up e-mail of an unanswered inquiry (template inquiry_reminder), once per inquiry. */
    sendReminder: {
      async handler(this: any, ctx: Ctx) {
        const { anfrage_id: id } = parseParams(SendReminderParams, ctx.params);
        const existing = await this.emails.ofInquiry(id, TEMPLATES.inquiry_reminder.typ);
        if (existing) return { email_id: existing.id };
        const a = await this.loadInquiry(ctx, id);
        if (!a.therapist.email)
          throw badRequest("Therapist has no email address", {}, CommError.THERAPIST_WITHOUT_EMAIL);
        const e = await this.queueInquiryEmail(ctx, a, "inquiry_reminder");
        return { email_id: e.id };
      },
    },

    /** Success e-mail to the placed patient with the therapist's PDFs (domain.md 3.10), once per placement. */
    sendSuccessEmail: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(SendSuccessEmailParams, ctx.params);
        const typ = TEMPLATES.success_email_contact.typ;
        const existing = await this.emails.ofSearch(p.platzsuche_id, typ);
        if (existing) return { email_id: existing.id };
        const [patient] = await ctx.call<Row[], any>("patient.getMany", { ids: [p.patient_id] });
        if (!patient) throw notFound("Patient not found");
        const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [p.therapist_id] });
        if (!t) throw notFound("Therapist not found");
        if (!patient.email)
          throw badRequest("Patient has no email address", {}, CommError.PATIENT_WITHOUT_EMAIL);
        const name = successTemplate(p.email_template_type);
        const meeting = meetingText(p.meeting_details);
        if (missingVariables(name, meeting).length)
          throw badRequest(`meeting_details with date and time are required for ${p.email_template_type}`);
        const attachments: string[] = await ctx.call("therapist.pdfPaths", { id: t.id });
        const phone = normalizeSchedule(t.telefonische_erreichbarkeit);
        const content = renderTemplate(name, {
          anrede_zeile: greeting(patient),
          therapeut_name: fullName(t),
          therapeut_adresse: practiceAddress(t),
          therapeut_email: t.email ?? "",
          therapeut_telefon: t.telefon ?? "",
          telefonzeiten:
            phone.ok && Object.keys(phone.value).length ? describeScheduleGerman(phone.value) : "",
          ...meeting,
          anhaenge: attachments.length > 0,
          company: this.config.company,
        });
        const body = markdownToEmail(content.markdown, legalFooter(this.config.company));
        const row = await this.db.transaction(async (tx: any) => {
          await this.emails.q("SELECT pg_advisory_xact_lock(727303, :id)", { id: p.platzsuche_id }, tx);
          const again = await this.emails.ofSearch(p.platzsuche_id, typ, tx);
          if (again) return again;
          const r = await this.emails.insert(tx, {
            therapist_id: null,
            patient_id: patient.id,
            betreff: content.betreff,
            inhalt_html: body.html,
            inhalt_text: body.text,
            empfaenger_email: patient.email,
            empfaenger_name: fullName(patient),
            absender_email: this.config.company.email,
            absender_name: this.config.company.senderName,
            status: "In_Warteschlange",
            attachments,
            typ,
            platzsuche_id: p.platzsuche_id,
          });
          await this.auditPatients(
            ctx,
            "create",
            [patient.id],
            { email_id: r.id, platzsuche_id: p.platzsuche_id },
            tx,
          );
          return r;
        });
        this.queue.nudge();
        return { email_id: row.id };
      },
    },

    /** A queued e-mail from a named template, e.g. `registration_confirmation` after the patient import. */
    queueTemplateEmail: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(QueueTemplateEmailParams, ctx.params);
        const v = p.variables;
        const vars = {
          anrede_zeile: greeting({ anrede: v.anrede as string, nachname: v.nachname as string }),
          ...v,
          company: this.config.company,
        };
        const missing = missingVariables(p.template, vars);
        if (missing.length)
          throw badRequest(
            `Missing template variables: ${missing.join(", ")}`,
            { missing },
            CommError.TEMPLATE_VARIABLES_MISSING,
          );
        const attachments = this.checkAttachments(p.attachments);
        const content = renderTemplate(p.template, vars);
        const body = markdownToEmail(content.markdown, legalFooter(this.config.company));
        const row = await this.storeEmail(ctx, {
          therapist_id: p.therapist_id ?? null,
          patient_id: p.patient_id ?? null,
          betreff: content.betreff,
          inhalt_html: body.html,
          inhalt_text: body.text,
          empfaenger_email: p.to_email,
          empfaenger_name: p.to_name,
          absender_email: this.config.company.email,
          absender_name: this.config.company.senderName,
          status: "In_Warteschlange",
          attachments,
          typ: TEMPLATES[p.template].typ,
        });
        return { email_id: row.id };
      },
    },
  },

  methods: {
    /** The e-mail or call already made for an inquiry, if any (idempotent retries of sendInquiry). */
    async inquiryContactOf(this: any, id: number): Promise<SendInquiryResult | null> {
      const e = await this.emails.ofInquiry(id, TEMPLATES.inquiry.typ);
      if (e) return { communication_type: "email", email_id: e.id, phone_call_id: null };
      const c = await this.calls.ofInquiry(id, "anfrage");
      if (c) return { communication_type: "phone_call", email_id: null, phone_call_id: c.id };
      return null;
    },

    /** The inquiry with its therapist and every patient (3.7: all must be loadable). */
    async loadInquiry(this: any, ctx: Ctx, id: number): Promise<Row> {
      const a = await ctx.call<Row, any>("matching.getInquiry", { id });
      const therapist =
        a.therapist ?? (await ctx.call<Row[], any>("therapist.getMany", { ids: [a.therapist_id] }))[0];
      if (!therapist) throw notFound("Therapist not found");
      const patients: Row[] = a.patients ?? [];
      if (!patients.length || patients.some((x) => !x.patient))
        throw badRequest("Patient data incomplete", { anfrage_id: id }, CommError.INQUIRY_DATA_INCOMPLETE);
      return { ...a, therapist, patients };
    },

    /**
     * Renders and queues an inquiry or reminder e-mail. Under a lock on the therapist and the address, it
     * re-checks idempotency and the one-inquiry-e-mail-per-week rule (decisions.md 16), so concurrent triggers
     * on several nodes (manual, automatic run, follow-up) cannot both send.
     */
    async queueInquiryEmail(this: any, ctx: Ctx, a: Row, name: TemplateName): Promise<Row> {
      const t = a.therapist;
      const today = this.today();
      const content = renderTemplate(name, this.inquiryVars(a, today));
      const body = markdownToEmail(content.markdown, legalFooter(this.config.company));
      const typ = TEMPLATES[name].typ;
      const minDays = this.config.communication.inquiryEmailMinDays;
      const row = await this.db.transaction(async (tx: any) => {
        await this.emails.lockTherapist(t.id, tx);
        await this.emails.q(
          "SELECT pg_advisory_xact_lock(727302, hashtext(lower(:email)))",
          { email: t.email },
          tx,
        );
        const again = await this.emails.ofInquiry(a.id, typ, tx);
        if (again) return again;
        const dates = await this.emails.inquiryEmailDates(
          t.id,
          t.email,
          INQUIRY_EMAIL_TYPES,
          addDays(today, -minDays),
          tx,
        );
        const allowedFrom = inquiryEmailAllowedFrom(dates, today, minDays);
        if (allowedFrom)
          throw conflict(
            `An inquiry email was sent to this therapist within the last ${minDays} days`,
            CommError.INQUIRY_EMAIL_TOO_SOON,
            { therapist_id: t.id, allowed_from: allowedFrom },
          );
        const patientIds = a.patients.map((x: Row) => x.patient_id);
        const r = await this.emails.insert(tx, {
          therapist_id: t.id,
          patient_id: null,
          betreff: content.betreff,
          inhalt_html: body.html,
          inhalt_text: body.text,
          empfaenger_email: t.email,
          empfaenger_name: fullName(t),
          absender_email: this.config.company.email,
          absender_name: this.config.company.senderName,
          status: "In_Warteschlange",
          attachments: [],
          typ,
          therapeutenanfrage_id: a.id,
          patient_ids: patientIds,
        });
        await this.auditPatients(ctx, "create", patientIds, { email_id: r.id, anfrage_id: a.id }, tx);
        return r;
      });
      this.queue.nudge();
      return row;
    },

    /** Template variables of an inquiry or reminder: the patient blocks, phrases and signed answer links. */
    inquiryVars(this: any, a: Row, today: string) {
      const c = this.config;
      const base = c.core.publicBaseUrl ?? `http://${c.core.host}:${c.core.port}`;
      const expiresAt = Math.floor(Date.now() / 1000) + c.communication.answerLinkDays * 86400;
      const ids = a.patients.map((x: Row) => x.patient_id);
      const links = inquiryLinks(base, a.id, ids, expiresAt, this.linkKey);
      return {
        anfrage_id: a.id,
        anrede_zeile: greeting(a.therapist),
        informiert: a.therapist.ueber_curavani_informiert === true,
        tage_seit_versand: a.tage_seit_versand,
        ...patientPhrases(a.patients.map((x: Row) => x.patient?.geschlecht)),
        company: c.company,
        link_alle: links.all,
        patienten: a.patients.map((x: Row) => ({
          ...patientBlock({ ...x.patient, id: x.patient_id }, today),
          links: links.perPatient.get(x.patient_id),
        })),
      };
    },
  },
};
