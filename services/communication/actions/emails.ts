import * as fs from "node:fs";
import * as path from "node:path";
import type { Context, ServiceSchema } from "moleculer";
import { badRequest, conflict, notFound } from "../../../mixins/errors";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { parseBool } from "../../../mixins/params";
import { writeEvent } from "../../../mixins/outbox";
import { EMAILSTATUS, isOneOf } from "../../shared/enums";
import { statusesMatching } from "../domain/status-filter";
import { checkEmailChanges, checkNewEmail, recipientLocked } from "../domain/email-input";
import { positiveId } from "../domain/recipient";
import { isAllowedSender } from "../domain/sanitize";
import { contentToEmail, legalFooter, markdownToEmail } from "../domain/render";
import { CommError } from "../errors";
import { sentPayload } from "../mail/queue";
import type { EmailFilters, EmailInsert } from "../persistence/email-repository";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const HIDDEN = new Set(["sendevorgang_seit", "naechster_versuch_am", "sende_token", "patient_ids"]);

/** The e-mails API of domain.md 4.5. */
export const EmailActions: Partial<ServiceSchema> = {
  actions: {
    listEmails: {
      rest: "GET /emails",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const q = ctx.params;
        const f: EmailFilters = {};
        // Unknown enum values and ids that cannot exist give an empty page (domain.md 4.1), not an error.
        for (const k of ["therapist_id", "patient_id"] as const) {
          if (q[k] === undefined || q[k] === "") continue;
          const id = positiveId(q[k]);
          if (id === null) return paginated([], 0, p);
          f[k] = id;
        }
        if (q.recipient_type !== undefined && q.recipient_type !== "") {
          if (q.recipient_type !== "therapist" && q.recipient_type !== "patient") return paginated([], 0, p);
          f.recipient_type = q.recipient_type;
        }
        if (q.status !== undefined && q.status !== "") {
          if (!isOneOf(EMAILSTATUS, q.status)) return paginated([], 0, p);
          f.statuses = statusesMatching(q.status);
        }
        const ae = parseBool(q.antwort_erhalten);
        if (ae === undefined)
          throw badRequest(`Invalid boolean value '${q.antwort_erhalten}'. Use 'true' or 'false'.`);
        if (ae !== null) f.antwort_erhalten = ae;
        if (typeof q.search === "string" && q.search.trim()) f.search = q.search.trim();
        const { rows, total } = await this.emails.list(f, p.limit, p.offset);
        await this.auditList(
          ctx,
          rows.map((r: Row) => r.patient_id),
          // The search text may be a patient's name: the audit log notes that a search ran, not its text.
          { via: "email", filters: { ...f, search: f.search ? true : undefined } },
        );
        return paginated(
          rows.map((r: Row) => this.emailApi(r)),
          total,
          p,
        );
      },
    },

    getEmail: {
      rest: "GET /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const e = await this.loadEmail(ctx.params.id);
        await this.auditPatients(ctx, "read", [e.patient_id, ...(e.patient_ids ?? [])], { email_id: e.id });
        return this.emailApi(e);
      },
    },

    createEmail: {
      rest: "POST /emails",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const v = checkNewEmail(ctx.params);
        if (v.error !== undefined) throw badRequest(v.error);
        const e = v.value;
        const allowed: string[] = this.config.communication.allowedSenders.length
          ? this.config.communication.allowedSenders
          : [this.config.company.email];
        // Only the operator's own addresses may appear in From (issue 11: a bank's address was accepted).
        if (e.absender_email !== null && !isAllowedSender(e.absender_email, allowed))
          throw badRequest(
            `absender_email '${e.absender_email}' is not an allowed sender. Allowed: ${allowed.join(", ")}`,
            { field: "absender_email", allowed },
            CommError.SENDER_NOT_ALLOWED,
          );
        const attachments = this.checkAttachments(e.attachments);
        await this.assertRecipientExists(ctx, e.recipient);
        const footer = e.add_legal_footer ? legalFooter(this.config.company) : null;
        const content = e.inhalt_markdown
          ? markdownToEmail(e.inhalt_markdown, footer)
          : contentToEmail(e.inhalt_html, e.inhalt_text, footer);
        const row = await this.storeEmail(ctx, {
          ...e.recipient,
          betreff: e.betreff,
          inhalt_html: content.html,
          inhalt_text: content.text,
          empfaenger_email: e.empfaenger_email,
          empfaenger_name: e.empfaenger_name,
          absender_email: e.absender_email ?? this.config.company.email,
          absender_name: e.absender_name ?? this.config.company.senderName,
          status: e.status,
          attachments,
          typ: "manuell",
        });
        ctx.meta.$statusCode = 201;
        return this.emailApi(row);
      },
    },

    updateEmail: {
      rest: "PUT /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = (await this.loadEmail(ctx.params.id)).id;
        const v = checkEmailChanges(ctx.params);
        if (v.error !== undefined) throw badRequest(v.error);
        const c = v.value;
        const row = await this.db.transaction(async (t: any) => {
          const cur = await this.emails.byId(id, t, true);
          if (!cur) throw notFound("Email not found");
          if (c.status !== undefined && c.status !== cur.status && cur.status === "Wird_gesendet")
            throw conflict("Email is being sent; try again in a moment", "EMAIL_BEING_SENT");
          const sets: string[] = [];
          if (c.status !== undefined) {
            sets.push("status = :status");
            if (c.status === "In_Warteschlange" && cur.status !== "In_Warteschlange")
              sets.push("in_warteschlange_am = now(), naechster_versuch_am = NULL");
            if (c.status === "Gesendet" && cur.status !== "Gesendet") sets.push("gesendet_am = now()");
          }
          if (c.antwort_erhalten !== undefined) sets.push("antwort_erhalten = :antwort_erhalten");
          if (c.antwortdatum !== undefined) sets.push("antwortdatum = :antwortdatum");
          if (c.antwort_erhalten === true && c.antwortdatum === undefined && !cur.antwortdatum)
            sets.push("antwortdatum = now()");
          if (c.antwortinhalt !== undefined) sets.push("antwortinhalt = :antwortinhalt");
          if (c.fehlermeldung !== undefined) sets.push("fehlermeldung = :fehlermeldung");
          if (recipientLocked(cur.status, c))
            throw conflict("Only a draft or failed email can change its recipient", "EMAIL_RECIPIENT_LOCKED");
          if (c.empfaenger_email !== undefined) sets.push("empfaenger_email = :empfaenger_email");
          if (c.empfaenger_name !== undefined) sets.push("empfaenger_name = :empfaenger_name");
          if (!sets.length) return cur;
          const u = await this.emails.update(t, id, sets, c);
          // Marked sent by staff: the same event as from the queue, in the same transaction (letzter_kontakt).
          if (c.status === "Gesendet" && cur.status !== "Gesendet") await this.emitSent(t, u);
          await this.auditPatients(
            ctx,
            "update",
            [u.patient_id],
            { email_id: id, fields: Object.keys(c) },
            t,
          );
          return u;
        });
        if (c.status === "In_Warteschlange") this.queue.nudge();
        // A patient's answer is a contact too (domain.md 2.4 letzter_kontakt).
        if (c.antwort_erhalten === true && row.patient_id) {
          const date = row.antwortdatum ? this.localDate(row.antwortdatum) : this.today();
          await ctx.call("patient.touchLastContact", { id: row.patient_id, date });
        }
        return this.emailApi(row);
      },
    },

    deleteEmail: {
      rest: "DELETE /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const e = await this.loadEmail(ctx.params.id);
        if (e.status === "Wird_gesendet")
          throw conflict("Email is being sent; try again in a moment", "EMAIL_BEING_SENT");
        await this.emails.remove(e.id);
        await this.auditPatients(ctx, "delete", [e.patient_id], { email_id: e.id });
        return { message: "Email deleted successfully" };
      },
    },
  },

  methods: {
    async loadEmail(this: any, raw: unknown): Promise<Row> {
      const id = positiveId(raw);
      const e = id ? await this.emails.byId(id) : null;
      if (!e) throw notFound("Email not found");
      return e;
    },

    /** Writes an e-mail (and its audit entry) in one transaction; a queued one is picked up at once. */
    async storeEmail(this: any, ctx: Ctx, f: EmailInsert): Promise<Row> {
      const row = await this.db.transaction(async (t: any) => {
        const r = await this.emails.insert(t, f);
        await this.auditPatients(
          ctx,
          "create",
          [r.patient_id, ...(f.patient_ids ?? [])],
          { email_id: r.id },
          t,
        );
        return r;
      });
      if (row.status === "In_Warteschlange") this.queue.nudge();
      return row;
    },

    async emitSent(this: any, t: any, u: Row) {
      await writeEvent(t, { eventType: "email.sent", producer: "communication", payload: sentPayload(u) });
    },

    /** The therapists' PDF store; attachments are named relative to it ("<therapist_id>/<file>.pdf"). */
    pdfRoot(this: any): string {
      return path.resolve(this.config.therapist.pdfDir ?? path.resolve(this.config.core.dataDir, "pdfs"));
    },

    /**
     * Attachments are PDFs of at most PDF_MAX_BYTES inside the PDF folder (no other server file can be mailed),
     * named as GET /api/therapists/{id}/pdfs lists them ("<therapist_id>/<file>.pdf"); an absolute path inside
     * the folder is still taken (earlier clients).
     */
    checkAttachments(this: any, list: string[]): string[] {
      const root = this.pdfRoot();
      for (const f of list) {
        const abs = path.resolve(root, f);
        const fail = (why: string) =>
          badRequest(`Invalid attachment '${f}': ${why}`, {}, CommError.INVALID_ATTACHMENT);
        if (!abs.startsWith(root + path.sep))
          throw fail("only PDFs from the therapists' PDF folder can be attached");
        if (!abs.toLowerCase().endsWith(".pdf")) throw fail("not a PDF");
        let size: number;
        try {
          size = fs.statSync(abs).size;
        } catch {
          throw fail("file not found");
        }
        if (size > this.config.therapist.pdfMaxBytes) throw fail("larger than 10 MB");
      }
      return list.map((f) => path.resolve(root, f));
    },

    async assertRecipientExists(
      this: any,
      ctx: Ctx,
      r: { therapist_id: number | null; patient_id: number | null },
    ) {
      if (r.therapist_id !== null) {
        const [t] = await ctx.call<Row[], any>("therapist.getMany", { ids: [r.therapist_id] });
        if (!t) throw notFound("Therapist not found");
      } else {
        const [p] = await ctx.call<Row[], any>("patient.getMany", { ids: [r.patient_id] });
        if (!p) throw notFound("Patient not found");
      }
    },

    emailApi(this: any, e: Row): Row {
      const out: Row = {};
      for (const [k, v] of Object.entries(e)) {
        if (HIDDEN.has(k)) continue;
        out[k] = v instanceof Date ? v.toISOString() : v;
      }
      // Attachments by their name in the PDF store, never as server paths (issue 11).
      if (Array.isArray(e.attachments)) {
        const root = this.pdfRoot();
        out.attachments = e.attachments.map((a: string) =>
          path.resolve(a).startsWith(root + path.sep) ? path.relative(root, a) : path.basename(a),
        );
      }
      out.recipient_type = e.therapist_id ? "therapist" : "patient";
      return out;
    },
  },
};
