import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { audit } from "../../mixins/audit";
import { SqlMixin } from "../../mixins/db.mixin";
import { notFound } from "../../mixins/errors";
import { FLAGS_CHANGED_EVENT, FeatureFlagsMixin, clearFlagCache } from "../../mixins/feature-flags";
import { parseParams } from "../../mixins/params";
import type { AuthUser } from "./contracts";
import { evaluateFlag } from "./domain/feature-flags";
import { UpdateFlagParams } from "./flag-contracts";

type Ctx<P = Record<string, unknown>> = Context<P, { user: AuthUser }>;

const COLUMNS = `name, beschreibung, enabled, rollout_percentage, override_users, override_roles, updated_at, updated_by`;
const CHANGEABLE = ["enabled", "rollout_percentage", "override_users", "override_roles"] as const;

/**
 * Named feature flags (issue 12 point 10): admins list and change them, every user asks which are on for them.
 * A change is audited and broadcast, so every node's flag cache is cleared at once.
 */
const FeatureFlagsService: ServiceSchema = {
  name: "featureFlags",
  mixins: [SqlMixin("platform"), FeatureFlagsMixin],
  settings: { rest: "/" },
  actions: {
    list: {
      rest: "GET /feature-flags",
      auth: "admin",
      async handler(this: any) {
        const rows = await this.db.query(`SELECT ${COLUMNS} FROM platform.feature_flags ORDER BY name`, {
          type: QueryTypes.SELECT,
        });
        return { data: rows };
      },
    },
    mine: {
      rest: "GET /feature-flags/mine",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const flags: Map<string, any> = await this.featureFlags();
        const data: Record<string, boolean> = {};
        for (const [name, flag] of [...flags].sort(([a], [b]) => a.localeCompare(b)))
          data[name] = evaluateFlag(flag, ctx.meta.user).on;
        return { data };
      },
    },
    update: {
      rest: "PUT /feature-flags/:name",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(UpdateFlagParams, ctx.params);
        const updated = await this.db.transaction(async (t: any) => {
          const [before] = await this.db.query(
            `SELECT ${COLUMNS} FROM platform.feature_flags WHERE name = :name FOR UPDATE`,
            { replacements: { name: p.name }, type: QueryTypes.SELECT, transaction: t },
          );
          if (!before) throw notFound(`Feature flag '${p.name}' not found`, "FLAG_NOT_FOUND");
          const sets = CHANGEABLE.filter((f) => p[f] !== undefined);
          const [row] = await this.db.query(
            `UPDATE platform.feature_flags
                SET ${sets.map(assignment).join(", ")}, updated_at = now(), updated_by = :by
              WHERE name = :name RETURNING ${COLUMNS}`,
            {
              replacements: {
                name: p.name,
                by: ctx.meta.user.email,
                ...Object.fromEntries(sets.map((f) => [f, toReplacement(p[f])])),
              },
              type: QueryTypes.SELECT,
              transaction: t,
            },
          );
          const changes = Object.fromEntries(
            sets
              .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(row[f]))
              .map((f) => [f, { vorher: before[f], nachher: row[f] }]),
          );
          await audit(
            ctx,
            this.db,
            { action: "update", entity: "feature_flag", entity_id: p.name, details: changes },
            t,
          );
          return row;
        });
        // This node at once; the others when the broadcast arrives (the cache's lifetime bounds a lost one).
        clearFlagCache(this.broker);
        await ctx.broadcast(FLAGS_CHANGED_EVENT, { name: p.name });
        return updated;
      },
    },
    /** Internal: whether a flag is on for a user, or (no user) whether its master switch is on. */
    isEnabled: {
      async handler(this: any, ctx: Context<{ name: string; user?: AuthUser }>) {
        const flag = await this.featureFlag(ctx.params.name);
        if (!flag) return false;
        return ctx.params.user ? evaluateFlag(flag, ctx.params.user).on : flag.enabled;
      },
    },
  },
};

// Sequelize expands an array replacement into a list ("'a', 'b'", and an empty one into NULL), not an array:
// list columns travel as JSON text and become text[] in SQL.
const LIST_FIELDS = new Set<string>(["override_users", "override_roles"]);
const assignment = (f: string) =>
  LIST_FIELDS.has(f)
    ? `${f} = ARRAY(SELECT jsonb_array_elements_text(CAST(:${f} AS jsonb)))`
    : `${f} = :${f}`;
const toReplacement = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : v);

export default FeatureFlagsService;
