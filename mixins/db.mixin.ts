import DbService from "moleculer-db";
import SqlAdapter from "moleculer-db-adapter-sequelize";
import type { ServiceSchema } from "moleculer";
import type { ModelAttributes, ModelOptions, Sequelize } from "sequelize";
import { ConfigMixin, brokerConfig } from "./config.mixin";
import { acquireSequelize, databaseUrl, releaseSequelize } from "./db/connection";
import { ensureMigrated } from "./db/migrations";
import { startPlatformWorkers } from "./db/platform-workers";
import { runStartupChecks } from "./db/startup-checks";
// Registers the outbox dispatcher as a platform worker of every node with database access.
import "./outbox";

declare module "moleculer" {
  interface Service {
    db: Sequelize;
  }
}

/**
 * Gives a service `this.db`, the node's shared Sequelize instance, and makes its `started` wait until the
 * database is migrated. The service's tables live in `schema`; it never reads another service's schema.
 */
export function SqlMixin(schema: string): Partial<ServiceSchema> {
  const release = async function (this: { db: Sequelize }) {
    await releaseSequelize(this.db);
  };
  return {
    mixins: [ConfigMixin],
    settings: { dbSchema: schema } as Record<string, unknown>,
    // Moleculer runs `stopped` hooks in reverse order of the merged list, which puts the first mixin's hook
    // right after the service's own: the connection would close while later mixins (jobs, background
    // geocoding) still finish their work. Moving the release to the front makes it run last.
    merged(merged: ServiceSchema) {
      const hooks = [merged.stopped].flat().filter((h) => h && h !== release);
      merged.stopped = [release, ...hooks] as ServiceSchema["stopped"];
    },
    created() {
      this.db = acquireSequelize(this.config);
    },
    async started() {
      await ensureMigrated(this.db, databaseUrl(this.config));
      await runStartupChecks(this.broker, this.db, this.config);
      startPlatformWorkers(this.broker, this.db, this.config);
    },
    stopped: release,
  };
}

/** moleculer-db's Sequelize adapter on the shared connection; never syncs (migrations own the schema). */
class SharedSequelizeAdapter extends (SqlAdapter as unknown as new (...args: unknown[]) => any) {
  constructor() {
    super();
  }
  connect() {
    const cfg = brokerConfig(this.broker);
    const sequelize = acquireSequelize(cfg);
    // opts[3].noSync is the only switch the adapter reads when handed an instance.
    this.opts = [sequelize, undefined, undefined, { noSync: true }];
    return ensureMigrated(sequelize, databaseUrl(cfg))
      .then(() => runStartupChecks(this.broker, sequelize, cfg))
      .then(() => super.connect())
      .then(() => startPlatformWorkers(this.broker, sequelize, cfg));
  }
  disconnect() {
    return this.db ? releaseSequelize(this.db) : Promise.resolve();
  }
}

export interface DbMixinOptions {
  schema: string;
  table: string;
  /** Unique across the platform, e.g. "patient.patienten" (all models share one Sequelize instance). */
  modelName: string;
  attributes: ModelAttributes;
  options?: ModelOptions;
}

/**
 * moleculer-db with the Sequelize adapter for single-entity CRUD. Its generated actions are switched off:
 * every published action is written explicitly (contract messages, roles, audit).
 */
export function DbMixin(o: DbMixinOptions): Partial<ServiceSchema> {
  return {
    mixins: [DbService as unknown as Partial<ServiceSchema>, ConfigMixin],
    adapter: new SharedSequelizeAdapter(),
    model: {
      name: o.modelName,
      define: o.attributes,
      options: { schema: o.schema, tableName: o.table, underscored: true, timestamps: true, ...o.options },
    },
    settings: { idField: "id", dbSchema: o.schema },
    actions: {
      find: false,
      count: false,
      list: false,
      create: false,
      insert: false,
      get: false,
      update: false,
      remove: false,
    },
    created() {
      Object.defineProperty(this, "db", { get: () => this.adapter?.db, configurable: true });
    },
  } as Partial<ServiceSchema>;
}
