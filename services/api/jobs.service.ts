import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { SqlMixin } from "../../mixins/db.mixin";
import { isUnreachable, notFound, unavailable } from "../../mixins/errors";

/** Scheduled jobs: state for staff, "run now" for admins (issue: core scheduler). */
const JobsService: ServiceSchema = {
  name: "jobs",
  mixins: [SqlMixin("platform")],
  settings: { rest: "/" },
  actions: {
    list: {
      rest: "GET /jobs",
      auth: "staff",
      async handler(this: any) {
        const rows = await this.db.query(
          `SELECT j.name, j.service, j.schedule, j.enabled, j.next_run_at, j.last_run_at, j.last_status, j.last_error,
                  j.last_duration_ms, j.attempts, j.locked_by,
                  (SELECT count(*)::int FROM platform.job_runs r WHERE r.name = j.name AND r.status = 'dead') AS dead_runs
             FROM platform.jobs j ORDER BY j.name`,
          { type: QueryTypes.SELECT },
        );
        return { data: rows };
      },
    },
    run: {
      rest: "POST /jobs/:name/run",
      auth: "admin",
      async handler(this: any, ctx: Context<{ name: string }>) {
        const [job] = await this.db.query("SELECT service FROM platform.jobs WHERE name = :name", {
          replacements: { name: ctx.params.name },
          type: QueryTypes.SELECT,
        });
        if (!job) throw notFound(`Job '${ctx.params.name}' not found`, "JOB_NOT_FOUND");
        try {
          return await ctx.call(`${job.service}.runJobNow`, { name: ctx.params.name });
        } catch (e) {
          if (isUnreachable(e)) throw unavailable(`No node runs the ${job.service} service right now`);
          throw e;
        }
      },
    },
  },
};

export default JobsService;
