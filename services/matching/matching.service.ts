import type { ServiceSchema } from "moleculer";
import { brokerConfig } from "../../mixins/config.mixin";
import { SqlMixin } from "../../mixins/db.mixin";
import { FeatureFlagsMixin } from "../../mixins/feature-flags";
import { JobsMixin } from "../../mixins/scheduler";
import { BundleActions, BundleInternalActions } from "./actions/bundles";
import { AnalyticsActions } from "./actions/analytics";
import { InquiryActions } from "./actions/inquiries";
import { InquiryViewActions } from "./actions/inquiry-views";
import { InternalActions } from "./actions/internal";
import { MonitoringActions } from "./actions/monitoring";
import { ResponseActions } from "./actions/responses";
import { SearchActions } from "./actions/searches";
import { SearchSupport } from "./actions/search-support";
import { SearchBudgetActions } from "./actions/search-budget";
import { WithdrawalMethods } from "./actions/withdrawal";
import { MatchingRepository } from "./persistence/repository";
import { sealPlainNotes } from "./persistence/sealed-notes";

/** Matching (domain.md 2.6-2.8, 3.3-3.16): searches, selection, inquiries, answers, cooling, conflicts. */
const MatchingService: ServiceSchema = {
  name: "matching",
  mixins: [
    SqlMixin("matching_service"),
    JobsMixin,
    FeatureFlagsMixin,
    BundleActions,
    BundleInternalActions,
    AnalyticsActions,
    SearchActions,
    SearchSupport,
    SearchBudgetActions,
    InquiryActions,
    InquiryViewActions,
    ResponseActions,
    InternalActions,
    MonitoringActions,
    WithdrawalMethods,
  ],
  settings: { rest: "/" },
  merged(this: any, schema: ServiceSchema) {
    const cfg = brokerConfig(this.broker);
    const m = cfg.matching;
    schema.jobs = [
      {
        name: "matching.bundle-run",
        cron: m.bundleJobCron,
        timeZone: cfg.core.timezone,
        handler: "scheduledBundleRun",
        enabled: m.bundleJobEnabled,
      },
      { name: "matching.seal-notes", every: 3600, handler: "sealNotes" },
    ];
  },
  started(this: any) {
    this.repo = new MatchingRepository(this.db);
  },
  methods: {
    /** Data migration of notes stored in clear by an earlier version (idempotent, hourly, caught up at start). */
    async sealNotes(this: any) {
      return { sealed: await sealPlainNotes(this.db, this.config) };
    },
  },
};

export default MatchingService;
