import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import * as path from "node:path";
import { keyFilePath } from "../../config";
import { verifyAuditChain } from "../../mixins/audit";
import { readAnchor, writeAnchor } from "../../mixins/audit/anchor";
import { SqlMixin } from "../../mixins/db.mixin";
import { badRequest } from "../../mixins/errors";
import { paginated, parsePagination } from "../../mixins/pagination";
import { isIsoDate } from "../shared/dates";

/** The audit log for admins (decisions.md 23): who read or changed which record, and the chain check. */
const AuditService: ServiceSchema = {
  name: "audit",
  mixins: [SqlMixin("platform")],
  settings: { rest: "/" },
  actions: {
    list: {
      rest: "GET /audit",
      auth: "admin",
      async handler(this: any, ctx: Context<Record<string, unknown>>) {
        const p = parsePagination(ctx.params);
        const where: string[] = [];
        const repl: Record<string, unknown> = {
          limit: p.limit,
          offset: p.offset,
          tz: this.config.core.timezone,
        };
        const q = ctx.params;
        const given = (k: string) => q[k] !== undefined && q[k] !== "";
        // Exact filters: what was touched (entity, entity_id) and how (action).
        for (const k of ["entity", "entity_id", "action"])
          if (given(k)) {
            where.push(`${k} = :${k}`);
            repl[k] = String(q[k]);
          }
        // Who: part of the user's e-mail address (the staff app's filter field).
        if (given("user")) {
          where.push("user_email ILIKE :user");
          repl.user = `%${String(q.user).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        }
        // When: calendar days in the operator's time zone, both inclusive.
        for (const [k, op] of [
          ["von", ">="],
          ["bis", "<="],
        ] as const)
          if (given(k)) {
            if (!isIsoDate(q[k])) throw badRequest(`Invalid date format for ${k}. Use YYYY-MM-DD`);
            where.push(`(at AT TIME ZONE :tz)::date ${op} :${k}`);
            repl[k] = q[k];
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
