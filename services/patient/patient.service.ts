import * as path from "node:path";
import type { ServiceSchema } from "moleculer";
import { brokerConfig } from "../../mixins/config.mixin";
import { SqlMixin } from "../../mixins/db.mixin";
import { JobsMixin } from "../../mixins/scheduler";
import { BaseMethods } from "./actions/base";
import { GdprActions } from "./actions/gdpr";
import { InternalActions } from "./actions/internal";
import { LocationMethods } from "./actions/location";
import { RecordActions } from "./actions/records";
import { ImportActions } from "./actions/registration-import";
import { RegistrationInbox } from "./import/inbox";
import { ImportRepository } from "./persistence/import-repository";
import { PatientRepository } from "./persistence/patient-repository";

/** Patients (domain.md 2.4, 3.2, 3.11, 4.2): records, payment start, pre-qualification, import, GDPR. */
const PatientService: ServiceSchema = {
  name: "patient",
  mixins: [
    SqlMixin("patient_service"),
    JobsMixin,
    BaseMethods,
    LocationMethods,
    RecordActions,
    InternalActions,
    GdprActions,
    ImportActions,
  ],
  settings: { rest: "/" },

  // Job intervals come from the config the broker was started with.
  merged(this: any, schema: ServiceSchema) {
    const cfg = brokerConfig(this.broker).patient;
    schema.jobs = [
      {
        name: "patient.registration-import",
        every: cfg.importIntervalSeconds,
        handler: "runRegistrationImport",
        enabled: cfg.importEnabled,
      },
      { name: "patient.geocoding-retry", every: cfg.geocodeRetrySeconds, handler: "retryGeocoding" },
      { name: "patient.import-retention", cron: "10 3 * * *", handler: "enforceImportRetention" },
    ];
  },

  // Runs after the mixins' hooks, so this.config and this.db exist.
  created(this: any) {
    this.repo = new PatientRepository(this.db, this.config);
    this.imports = new ImportRepository(this.db);
    const cfg = this.config;
    this.inbox = new RegistrationInbox(
      cfg.patient.importDir ?? path.resolve(cfg.core.dataDir, "imports", "patients"),
    );
  },
};

export default PatientService;
