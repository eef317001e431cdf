import type { ServiceBroker } from "moleculer";
import type { Sequelize } from "sequelize";
import type { AppConfig } from "../../config";

type Starter = (broker: ServiceBroker, sequelize: Sequelize, cfg: AppConfig) => void;
const starters: Starter[] = [];
const started = new WeakSet<ServiceBroker>();

/**
 * Background workers that every node with database access runs once (outbox dispatcher, ...). They register
 * here so the db mixin does not depend on each of them.
 */
export function registerPlatformWorker(starter: Starter): void {
  starters.push(starter);
}

export function startPlatformWorkers(broker: ServiceBroker, sequelize: Sequelize, cfg: AppConfig): void {
  if (started.has(broker)) return;
  started.add(broker);
  for (const s of starters) s(broker, sequelize, cfg);
}
