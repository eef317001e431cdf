import type { ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { databaseUrl } from "../db/connection";
import { ensureMigrated } from "../db/migrations";
import { describeSchedule, nextRun, retryDelayMs, type JobSchedule } from "./next-run";

interface JobDef extends JobSchedule {
  name: string;
  handler: string;
  enabled?: boolean;
}
type Row = Record<string, any>;

const MAX_ATTEMPTS = 5;
const LEASE_SECONDS = 600;

/**
 * Persistent recurring jobs (architecture.md): definitions live in platform.jobs; every instance of the
 * service polls, and a due job is claimed by exactly one node (row lock + lease). A run missed while the
 * platform was down is due at start-up and runs once. Failures retry with back-off; each run is recorded.
 */
export const JobsMixin: Partial<ServiceSchema> = {
  methods: {
    async registerJobs(this: any) {
      for (const j of (this.schema.jobs ?? []) as JobDef[]) {
        const enabled = j.enabled !== false;
        await this.db.query(
          `INSERT INTO platform.jobs (name, service, schedule, enabled, next_run_at)
           VALUES (:name, :service, :schedule, :enabled, :next)
           ON CONFLICT (name) DO UPDATE SET service = EXCLUDED.service, schedule = EXCLUDED.schedule, enabled = EXCLUDED.enabled,
             next_run_at = CASE WHEN platform.jobs.schedule <> EXCLUDED.schedule THEN EXCLUDED.next_run_at ELSE platform.jobs.next_run_at END,
             updated_at = now()`,
          {
            replacements: {
              name: j.name,
              service: this.name,
              schedule: describeSchedule(j),
              enabled,
              next: nextRun(j, new Date()),
            },
          },
        );
      }
    },

    /** Claims due jobs of this service (SKIP LOCKED: another node already has them) and runs them. */
    async tickJobs(this: any): Promise<number> {
      const defs = new Map(((this.schema.jobs ?? []) as JobDef[]).map((j) => [j.name, j]));
      if (!defs.size || this.jobsStopping) return 0;
      const claimed: Row[] = await this.db.query(
        `UPDATE platform.jobs SET locked_until = now() + make_interval(secs => :lease), locked_by = :node
          WHERE name IN (SELECT name FROM platform.jobs
                          WHERE service = :service AND enabled AND next_run_at <= now()
                            AND (locked_until IS NULL OR locked_until < now())
                          FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        {
          replacements: { lease: LEASE_SECONDS, node: this.broker.nodeID, service: this.name },
          type: QueryTypes.SELECT,
        },
      );
      for (const job of claimed) {
        const def = defs.get(job.name);
        if (def) await this.runJob(def, job);
      }
      return claimed.length;
    },

    async runJob(this: any, def: JobDef, job: Row, manual = false) {
      const started = new Date();
      let status = "ok";
      let error: string | null = null;
      let result: unknown = null;
      const run = (async () => {
        try {
          result = await this[def.handler]();
        } catch (e) {
          status = "failed";
          error = (e as Error).message ?? String(e);
        }
      })();
      this.runningJobs.add(run);
      await run;
      this.runningJobs.delete(run);
      const finished = new Date();
      const attempts = status === "ok" ? 0 : (job.attempts ?? 0) + 1;
      // After repeated failures the job gives up until its next regular time (the run stays recorded as dead).
      const retry = status === "failed" && attempts < MAX_ATTEMPTS;
      const next = retry ? new Date(finished.getTime() + retryDelayMs(attempts)) : nextRun(def, finished);
      await this.db.query(
        `UPDATE platform.jobs SET last_run_at = :started, last_status = :status, last_error = :error, last_duration_ms = :ms,
                attempts = :attempts, ${manual ? "" : "next_run_at = :next,"} locked_until = NULL, locked_by = NULL, updated_at = now()
          WHERE name = :name`,
        {
          replacements: {
            started,
            status,
            error,
            ms: finished.getTime() - started.getTime(),
            attempts: retry ? attempts : 0,
            next,
            name: def.name,
          },
        },
      );
      await this.db.query(
        `INSERT INTO platform.job_runs (name, node, started_at, finished_at, status, error, result)
         VALUES (:name, :node, :started, :finished, :status, :error, :result)`,
        {
          replacements: {
            name: def.name,
            node: this.broker.nodeID,
            started,
            finished,
            status: status === "failed" && !retry ? "dead" : status,
            error,
            result: JSON.stringify(result ?? null),
          },
        },
      );
      if (error) this.logger.warn(`job ${def.name} failed: ${error}`);
      return { name: def.name, status, error, result, duration_ms: finished.getTime() - started.getTime() };
    },
  },

  /** Internal: run one job of this service now (POST /api/jobs/:name/run). */
  actions: {
    runJobNow: {
      async handler(this: any, ctx: any) {
        const def = ((this.schema.jobs ?? []) as JobDef[]).find((j) => j.name === ctx.params.name);
        if (!def) return null;
        const [job] = await this.db.query("SELECT * FROM platform.jobs WHERE name = :name", {
          replacements: { name: def.name },
          type: QueryTypes.SELECT,
        });
        return this.runJob(def, job ?? {}, true);
      },
    },
  },

  created(this: any) {
    this.runningJobs = new Set<Promise<void>>();
    this.jobsStopping = false;
  },

  async started(this: any) {
    // Mixed in more than once (a service and one of its mixins both need jobs): start one poller only.
    if (this.jobsStarted) return;
    this.jobsStarted = true;
    if (!(this.schema.jobs ?? []).length) return;
    // Mixin hooks may run before the db mixin's: the jobs table must exist first.
    await ensureMigrated(this.db, databaseUrl(this.config));
    await this.registerJobs();
    if (!this.config.core.jobsEnabled) return;
    const tick = () =>
      void this.tickJobs().catch((e: Error) => this.logger.debug("job tick failed", e.message));
    this.jobsTimer = setInterval(tick, this.config.core.jobPollMs);
    this.jobsTimer.unref();
    tick();
  },

  async stopped(this: any) {
    this.jobsStopping = true;
    if (this.jobsTimer) clearInterval(this.jobsTimer);
    await Promise.all([...this.runningJobs]);
  },
};
