import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { brokerConfig } from "../../mixins/config.mixin";
import { SqlMixin } from "../../mixins/db.mixin";
import { observeBundleRun, type BundleRunFigures, type MonitoringFigures } from "../../mixins/metrics";
import { JobsMixin } from "../../mixins/scheduler";

export const MONITORING_JOB = "monitoring.check";

/**
 * The seeds' monitoring figures (issue 12.11). The `monitoring.check` job computes the data figures (matching's
 * history) and keeps them as its run result, so every gateway node's /metrics shows the same, latest figures;
 * bundle runs arrive as events and go into this node's histograms.
 */
const MonitoringService: ServiceSchema = {
  name: "monitoring",
  mixins: [SqlMixin("platform"), JobsMixin],

  merged(this: any, schema: ServiceSchema) {
    schema.jobs = [
      {
        name: MONITORING_JOB,
        every: brokerConfig(this.broker).http.monitoringCheckSeconds,
        handler: "check",
      },
    ];
  },

  events: {
    "monitoring.bundleRun"(ctx: Context<BundleRunFigures>) {
      observeBundleRun(ctx.params);
    },
  },

  methods: {
    async check(this: any): Promise<MonitoringFigures & { cooling_violation_inquiry_ids: number[] }> {
      const f = await this.broker.call("matching.monitoringFigures", {});
      const ids: number[] = f.cooling_violation_inquiry_ids;
      // Staff may override cooling with a reason (decisions.md 7); that is audited, and not a violation.
      const overridden = ids.length
        ? await this.db.query(
            `SELECT DISTINCT entity_id FROM platform.audit_log
              WHERE entity = 'therapeutenanfrage' AND action = 'override' AND entity_id IN (:ids)`,
            { replacements: { ids: ids.map(String) }, type: QueryTypes.SELECT },
          )
        : [];
      const skip = new Set(overridden.map((r: { entity_id: string }) => Number(r.entity_id)));
      const violations = ids.filter((id) => !skip.has(id));
      if (violations.length)
        this.logger.error(`cooling period violated by inquiries ${violations.join(", ")}`);
      return {
        cooling_period_violations: violations.length,
        cooling_violation_inquiry_ids: violations,
        placements: f.placements,
        inquiries_sent: f.inquiries_sent,
        inquiries_answered: f.inquiries_answered,
        inquiries_answered_within_7_days: f.inquiries_answered_within_7_days,
        patients_proposed_in_answered: f.patients_proposed_in_answered,
        patients_accepted: f.patients_accepted,
      };
    },
  },
};

export default MonitoringService;
