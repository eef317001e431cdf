import * as fs from "node:fs";
import * as path from "node:path";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { notFound, unavailable } from "../../../mixins/errors";
import { parseParams } from "../../../mixins/params";
import { SystemMessageParams } from "../contracts";
import { CommError } from "../errors";

type Ctx = Context<Record<string, any>, any>;
const SINK_LIST_MAX = 500;

/** System messages (domain.md 2.13, 4.5), queue figures, and the local mail catch-all for admins. */
export const SystemActions: Partial<ServiceSchema> = {
  actions: {
    /** Not stored (2.13): sent at once to SYSTEM_NOTIFICATION_EMAIL; also called internally (import failures). */
    systemMessage: {
      rest: "POST /system-messages",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(SystemMessageParams, ctx.params);
        const to = this.config.company.systemNotificationEmail;
        try {
          await this.transport.sendMail({
            from: {
              name: p.sender_name ?? `${this.config.company.senderName} System`,
              address: this.config.company.email,
            },
            to,
            subject: p.subject,
            text: p.message,
          });
        } catch (e) {
          this.logger.warn(`system message not sent: ${(e as Error).message}`);
          throw unavailable(
            "Failed to send system message: mail server unavailable",
            CommError.SMTP_UNAVAILABLE,
          );
        }
        return { message: "System message sent successfully", recipient: to };
      },
    },

    /** E-mails per status (ops status page, REPL). */
    queueStats: {
      handler(this: any) {
        return this.emails.q(
          "SELECT status, count(*)::int AS n FROM communication_service.emails GROUP BY status ORDER BY status",
        );
      },
    },

    /** Newest messages of the local catch-all (embedded default without SMTP_URL), newest first. */
    mailSink: {
      rest: "GET /mail-sink",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const dir = this.transport.sinkDir;
        if (!dir) return { smtp_configured: true, folder: null, total: 0, data: [] };
        const index = (await fs.promises.readdir(dir))
          .filter((f) => f.endsWith(".json"))
          .sort()
          .reverse();
        const data = [];
        // The sink holds whole e-mails about patients: reading it is audited like reading a patient.
        await audit(ctx, this.db, { action: "list", entity: "mail_sink", details: { total: index.length } });
        for (const f of index.slice(0, SINK_LIST_MAX)) {
          try {
            data.push(JSON.parse(await fs.promises.readFile(path.join(dir, f), "utf8")));
          } catch {
            // A message being written right now: it shows up on the next look.
          }
        }
        return { smtp_configured: false, folder: dir, total: index.length, data };
      },
    },

    /** One message of the catch-all as it would have gone out (RFC 822 text; any mail program opens it). */
    mailSinkMessage: {
      rest: "GET /mail-sink/:file",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const dir = this.transport.sinkDir;
        const file = String(ctx.params.file ?? "");
        // Only names the sink wrote itself: no path separators, no way out of the folder.
        if (!dir || !/^[\w.@-]+\.eml$/.test(file) || file.includes("..")) throw notFound("Message not found");
        try {
          const raw = await fs.promises.readFile(path.join(dir, file), "utf8");
          await audit(ctx, this.db, { action: "read", entity: "mail_sink", entity_id: file });
          ctx.meta.$responseType = "text/plain; charset=utf-8";
          return raw;
        } catch {
          throw notFound("Message not found");
        }
      },
    },
  },
};
