import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import * as path from "node:path";
import { keyFilePath } from "../../config";
import { verifyAuditChain } from "../../mixins/audit";
import { readAnchor, writeAnchor } from "../../mixins/audit/anchor";
import { SqlMixin } from "../../mixins/db.mixin";
import { paginated, parsePagination } from "../../mixins/pagination";

/** The audit log for admins (decisions.md 23): who read or changed which record, and the chain check. */
const AuditService: ServiceSchema = {
  name: "audit",
  mixins: [SqlMixin("platform")],
  settings: { rest: "/" },
  actions: {
    list: {
      rest: "GET /audit",
      auth: "admin",
      async handler(
        this: any,
        ctx: Context<{ entity?: string; entity_id?: string; page?: string; limit?: string }>,
      ) {
        const p = parsePagination(ctx.params);
        const where: string[] = [];
        const repl: Record<string, unknown> = { limit: p.limit, offset: p.offset };
        if (ctx.params.entity) {
          where.push("entity = :entity");
          repl.entity = ctx.params.entity;
        }
        if (ctx.params.entity_id) {
          where.push("entity_id = :entity_id");
          repl.entity_id = String(ctx.params.entity_id);
        }
        const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
        const rows = await this.db.query(
          `SELECT id, at, user_id, user_email, action, entity, entity_id, details, request_id, hash
             FROM platform.audit_log ${w} ORDER BY id DESC LIMIT :limit OFFSET :offset`,
          { replacements: repl, type: QueryTypes.SELECT },
        );
        const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM platform.audit_log ${w}`, {
          replacements: repl,
          type: QueryTypes.SELECT,
        });
        return paginated(rows, n, p);
      },
    },
    verify: {
      rest: "GET /audit/verify",
      auth: "admin",
      handler(this: any) {
        return verifyAuditChain(this.db, readAnchor(this.anchorFile, this.config.keys.auditChainSecret));
      },
    },
    /** Internal (REPL, shutdown): writes the chain's head to the anchor file and the log now. */
    anchor: {
      async handler(this: any) {
        return this.anchorNow();
      },
    },
  },

  methods: {
    async anchorNow(this: any) {
      const a = await writeAnchor(this.db, this.anchorFile, this.config.keys.auditChainSecret);
      if (a) this.logger.info(`audit anchor: entry ${a.id} hash ${a.hash} at ${a.at}`);
      return a;
    },
  },

  created(this: any) {
    const s = this.config.security;
    this.anchorFile =
      s.auditAnchorFile ??
      path.join(path.dirname(keyFilePath(this.config.core, s.keyDir)), "audit-anchors.jsonl");
  },

  started(this: any) {
    const every = this.config.security.auditAnchorSeconds * 1000;
    this.anchorTimer = setInterval(() => {
      this.anchorNow().catch((e: Error) => this.logger.warn(`audit anchor not written: ${e.message}`));
    }, every);
    this.anchorTimer.unref();
  },

  async stopped(this: any) {
    clearInterval(this.anchorTimer);
    await this.anchorNow().catch((e: Error) => this.logger.warn(`audit anchor not written: ${e.message}`));
  },
};

export default AuditService;
