import * as crypto from "node:crypto";
import * as fs from "node:fs";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest, notFound } from "../../../mixins/errors";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { parseBool, parseId } from "../../../mixins/params";
import { EMAILSTATUS, isOneOf } from "../../shared/enums";
import { legalFooter, markdownToEmail } from "../domain/render";

type Ctx = Context<Record<string, any>, any>;
type Row = Record<string, any>;
const E = "communication_service.emails";
const MAX_ATTACHMENT = 10 * 1024 * 1024;

/** The e-mails API of domain.md 4.5 and the one function every e-mail is created through. */
export const EmailActions: Partial<ServiceSchema> = {
  actions: {
    listEmails: {
      rest: "GET /emails",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const q = ctx.params;
        const where: string[] = [];
        const repl: Row = { limit: p.limit, offset: p.offset };
        for (const f of ["therapist_id", "patient_id"]) {
          if (q[f] === undefined || q[f] === "") continue;
          where.push(`${f} = :${f}`);
          repl[f] = parseId(q[f]) ?? -1;
        }
        if (q.recipient_type === "therapist") where.push("therapist_id IS NOT NULL");
        else if (q.recipient_type === "patient") where.push("patient_id IS NOT NULL");
        else if (q.recipient_type) return paginated([], 0, p);
        if (q.status) {
          if (!isOneOf(EMAILSTATUS, q.status)) return paginated([], 0, p);
          where.push("status = :status");
          repl.status = q.status;
        }
        const ae = parseBool(q.antwort_erhalten);
        if (ae === undefined)
          throw badRequest(`Invalid boolean value '${q.antwort_erhalten}'. Use 'true' or 'false'.`);
        if (ae !== null) {
          where.push("antwort_erhalten = :ae");
          repl.ae = ae;
        }
        const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
        const rows = await this.q(
          `SELECT id, therapist_id, patient_id, betreff, empfaenger_email, empfaenger_name, status, in_warteschlange_am, gesendet_am,
                  antwort_erhalten, antwortdatum, fehlermeldung, wiederholungsanzahl, typ, therapeutenanfrage_id, created_at, updated_at
             FROM ${E} ${w} ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
          repl,
        );
        const [{ n }] = await this.q(`SELECT count(*)::int AS n FROM ${E} ${w}`, repl);
        return paginated(
          rows.map((r: Row) => this.emailApi(r)),
          n,
          p,
        );
      },
    },

    getEmail: {
      rest: "GET /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const e = await this.loadEmail(ctx.params.id);
        if (e.patient_id) await audit(ctx, this.db, { action: "read", entity: "email", entity_id: e.id });
        return this.emailApi(e);
      },
    },

    createEmail: {
      rest: "POST /emails",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const hasT = p.therapist_id !== undefined && p.therapist_id !== null;
        const hasP = p.patient_id !== undefined && p.patient_id !== null;
        if (!hasT && !hasP) throw badRequest("Either therapist_id or patient_id is required");
        if (hasT && hasP) throw badRequest("Cannot specify both therapist_id and patient_id");
        if (!p.betreff || typeof p.betreff !== "string" || !p.betreff.trim())
          throw badRequest("Betreff is required");
        if (!p.empfaenger_email) throw badRequest("empfaenger_email is required");
        if (!p.empfaenger_name) throw badRequest("empfaenger_name is required");
        if (!p.inhalt_markdown && !p.inhalt_html && !p.inhalt_text) {
          throw badRequest("Either inhalt_html, inhalt_text, or inhalt_markdown is required");
        }
        const status = p.status ?? "Entwurf";
        if (!isOneOf(EMAILSTATUS, status) || !["Entwurf", "In_Warteschlange"].includes(status)) {
          throw badRequest(`Invalid status '${status}'. Valid values: Entwurf, In_Warteschlange`);
        }
        const attachments = this.checkAttachments(p.attachments);
        const row = await this.db.transaction((t: any) =>
          this.insertEmail(t, {
            therapist_id: hasT ? parseId(p.therapist_id) : null,
            patient_id: hasP ? parseId(p.patient_id) : null,
            betreff: String(p.betreff).slice(0, 255),
            markdown: p.inhalt_markdown,
            html: p.inhalt_html,
            text: p.inhalt_text,
            empfaenger_email: String(p.empfaenger_email),
            empfaenger_name: String(p.empfaenger_name),
            absender_email: p.absender_email,
            absender_name: p.absender_name,
            add_legal_footer: p.add_legal_footer !== false,
            status,
            attachments,
            typ: "manuell",
          }),
        );
        ctx.meta.$statusCode = 201;
        return this.emailApi(row);
      },
    },

    updateEmail: {
      rest: "PUT /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const e = await this.loadEmail(ctx.params.id);
        const p = ctx.params;
        const sets: string[] = ["updated_at = now()"];
        const repl: Row = { id: e.id };
        if (p.status !== undefined) {
          if (!isOneOf(EMAILSTATUS, p.status))
            throw badRequest(`Invalid status '${p.status}'. Valid values: ${EMAILSTATUS.join(", ")}`);
          sets.push("status = :status");
          repl.status = p.status;
          if (p.status === "In_Warteschlange")
            sets.push("in_warteschlange_am = now(), naechster_versuch_am = NULL");
          if (p.status === "Gesendet") sets.push("gesendet_am = COALESCE(gesendet_am, now())");
        }
        if (p.antwort_erhalten !== undefined) {
          if (typeof p.antwort_erhalten !== "boolean")
            throw badRequest("antwort_erhalten must be true or false");
          sets.push("antwort_erhalten = :ae");
          repl.ae = p.antwort_erhalten;
        }
        if (p.antwortdatum !== undefined) {
          if (p.antwortdatum !== null && Number.isNaN(Date.parse(p.antwortdatum)))
            throw badRequest("Invalid antwortdatum. Use ISO-8601");
          sets.push("antwortdatum = :ad");
          repl.ad = p.antwortdatum;
        }
        for (const f of ["antwortinhalt", "fehlermeldung"]) {
          if (p[f] === undefined) continue;
          sets.push(`${f} = :${f}`);
          repl[f] = p[f];
        }
        const [u] = await this.q(`UPDATE ${E} SET ${sets.join(", ")} WHERE id = :id RETURNING *`, repl);
        const today = this.today();
        if (u.patient_id && (p.status === "Gesendet" || p.antwort_erhalten === true)) {
          await ctx
            .call("patient.touchLastContact", { id: u.patient_id, date: today })
            .catch(() => undefined);
        }
        return this.emailApi(u);
      },
    },

    deleteEmail: {
      rest: "DELETE /emails/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const e = await this.loadEmail(ctx.params.id);
        await this.q(`DELETE FROM ${E} WHERE id = :id RETURNING id`, { id: e.id });
        return { message: "Email deleted successfully" };
      },
    },

    queueStats: {
      async handler(this: any) {
        return this.q(`SELECT status, count(*)::int AS n FROM ${E} GROUP BY status ORDER BY status`);
      },
    },

    mailSink: {
      rest: "GET /mail-sink",
      auth: "admin",
      handler(this: any) {
        if (!this.sinkDir) return { configured_smtp: true, files: [] };
        const files = fs
          .readdirSync(this.sinkDir)
          .filter((f) => f.endsWith(".eml"))
          .sort()
          .reverse()
          .slice(0, 200);
        return { configured_smtp: false, folder: this.sinkDir, files };
      },
    },
  },

  methods: {
    async loadEmail(this: any, raw: unknown): Promise<Row> {
      const id = parseId(raw);
      const [e] = id ? await this.q(`SELECT * FROM ${E} WHERE id = :id`, { id }) : [];
      if (!e) throw notFound("Email not found");
      return e;
    },
    checkAttachments(this: any, list: unknown): string[] {
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list) || !list.every((x) => typeof x === "string"))
        throw badRequest("attachments must be a list of file paths");
      for (const f of list as string[]) {
        if (!f.toLowerCase().endsWith(".pdf") || !fs.existsSync(f))
          throw badRequest(`Attachment not found or not a PDF: ${f}`);
        if (fs.statSync(f).size > MAX_ATTACHMENT) throw badRequest(`Attachment too large (max 10 MB): ${f}`);
      }
      return list as string[];
    },
    /** Creates an e-mail row with rendered HTML/text, a stable Message-ID and the queue timestamp. */
    async insertEmail(this: any, t: any, f: Row): Promise<Row> {
      const company = this.config.company;
      let html = f.html;
      let text = f.text;
      if (f.markdown)
        ({ html, text } = markdownToEmail(f.markdown, f.add_legal_footer ? legalFooter(company) : null));
      else if (!html)
        html = `<pre>${String(text).replace(/[&<>]/g, (c: string) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)}</pre>`;
      else if (!text) text = String(html).replace(/<[^>]+>/g, "");
      const [row] = await this.q(
        `INSERT INTO ${E} (therapist_id, patient_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
                           absender_email, absender_name, status, in_warteschlange_am, attachments, message_id, typ, therapeutenanfrage_id)
         VALUES (:therapist_id, :patient_id, :betreff, :html, :text, :to, :toName, :from, :fromName, :status,
                 CASE WHEN :status = 'In_Warteschlange' THEN now() END, :attachments, :messageId, :typ, :anfrage)
         RETURNING *`,
        {
          therapist_id: f.therapist_id ?? null,
          patient_id: f.patient_id ?? null,
          betreff: f.betreff,
          html,
          text,
          to: f.empfaenger_email,
          toName: f.empfaenger_name,
          from: f.absender_email ?? company.email,
          fromName: f.absender_name ?? company.senderName,
          status: f.status,
          attachments: JSON.stringify(f.attachments ?? []),
          messageId: `<${crypto.randomUUID()}@${this.config.communication.messageIdDomain}>`,
          typ: f.typ,
          anfrage: f.therapeutenanfrage_id ?? null,
        },
        t,
      );
      return row;
    },
    emailApi(e: Row): Row {
      const out: Row = {};
      for (const [k, v] of Object.entries(e)) {
        if (k === "sendevorgang_seit" || k === "naechster_versuch_am") continue;
        out[k] = v instanceof Date ? v.toISOString() : v;
      }
      out.recipient_type = e.therapist_id ? "therapist" : "patient";
      return out;
    },
  },
};
