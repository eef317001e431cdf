import type { Context, ServiceSchema } from "moleculer";
import { ServiceBroker } from "moleculer";
import { QueryTypes } from "sequelize";
import { SqlMixin } from "../../mixins/db.mixin";
import { pendingMigrations } from "../../mixins/db/migrations";
import { registry, setMonitoringFigures } from "../../mixins/metrics";
import { MONITORING_JOB } from "./monitoring.service";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is not a module
const { version } = require("../../package.json") as { version: string };

type Meta = { $statusCode?: number; $responseType?: string };

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health, readiness, status and metrics. Health, liveness and readiness are public (load balancers, the earlier
 * system's /health); status and metrics name versions, nodes and jobs: admins, or the METRICS_ALLOW_FROM
 * addresses without a token (`opsAllowList`, checked by the gateway).
 */
const OpsService: ServiceSchema = {
  name: "ops",
  mixins: [SqlMixin("platform")],

  methods: {
    /** The latest figures of the monitoring.check job (any node ran it) into this node's gauges. */
    async loadMonitoringFigures(this: any) {
      const [run] = await this.db
        .query(
          `SELECT finished_at, result FROM platform.job_runs WHERE name = :name AND status = 'ok'
            ORDER BY finished_at DESC LIMIT 1`,
          { replacements: { name: MONITORING_JOB }, type: QueryTypes.SELECT },
        )
        .catch(() => []);
      if (run?.result) setMonitoringFigures(run.result, new Date(run.finished_at), new Date());
    },
  },

  actions: {
    health: { auth: "public", handler: () => ({ status: "healthy", service: "api" }) },
    liveness: { auth: "public", handler: () => ({ status: "alive" }) },

    readiness: {
      auth: "public",
      async handler(this: any, ctx: Context<unknown, Meta>) {
        const checks: Record<string, { ok: boolean; error?: string; pending?: string[] }> = {};
        try {
          await withTimeout(this.db.query("SELECT 1"), 2000, "database");
          checks.database = { ok: true };
          const pending = await withTimeout(pendingMigrations(this.db), 3000, "migrations");
          checks.migrations = pending.length ? { ok: false, pending } : { ok: true };
        } catch (e) {
          checks.database = { ok: false, error: (e as Error).message.slice(0, 200) };
        }
        if (this.config.core.transporter) {
          const connected = !!this.broker.transit?.connected;
          checks.nats = connected ? { ok: true } : { ok: false, error: "not connected" };
        }
        const ready = Object.values(checks).every((c) => c.ok);
        if (!ready) ctx.meta.$statusCode = 503;
        const failing = Object.entries(checks)
          .filter(([, c]) => !c.ok)
          .map(([k]) => k);
        return { status: ready ? "ready" : "not_ready", checks, ...(failing.length ? { failing } : {}) };
      },
    },

    status: {
      auth: "admin",
      opsAllowList: true,
      async handler(this: any) {
        const nodes = this.broker.registry
          .getNodeList({ onlyAvailable: false, withServices: false })
          .map((n: any) => ({
            id: n.id,
            available: n.available,
            local: n.local,
          }));
        const services: Record<string, string[]> = {};
        for (const s of this.broker.registry.getServiceList({
          skipInternal: true,
          withActions: false,
        }) as any[]) {
          (services[s.name] ??= []).push(s.nodeID);
        }
        const q = async (sql: string) =>
          this.db
            .query(sql, { type: QueryTypes.SELECT })
            .catch(() => null as unknown as Record<string, unknown>[]);
        const queues = {
          emails: await q(
            `SELECT status, count(*)::int AS n FROM communication_service.emails GROUP BY status`,
          ),
          outbox: await q(
            `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending FROM platform.outbox`,
          ),
        };
        const jobs = await q(
          `SELECT name, last_run_at, last_status, last_error, next_run_at FROM platform.jobs ORDER BY name`,
        );
        return {
          version,
          moleculer: ServiceBroker.MOLECULER_VERSION,
          node: this.broker.nodeID,
          uptime_seconds: Math.round(process.uptime()),
          nodes,
          services,
          queues,
          jobs,
        };
      },
    },

    metrics: {
      auth: "admin",
      opsAllowList: true,
      async handler(this: any, ctx: Context<unknown, Meta>) {
        await this.loadMonitoringFigures();
        ctx.meta.$responseType = registry.contentType;
        return registry.metrics();
      },
    },
  },
};

export default OpsService;
