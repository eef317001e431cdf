import * as fs from "node:fs";
import * as path from "node:path";
import { ServiceBroker, type BrokerOptions, type ServiceSchema } from "moleculer";
import type { AppConfig } from "../config";
import { brokerOptions } from "../moleculer.config";
import { bindConfig } from "./config.mixin";

const SERVICES_DIR = path.resolve(__dirname, "../services");

/** Service groups a node can run (folders under services/ with *.service files). */
export const SERVICE_GROUPS = [
  "api",
  "patient",
  "therapist",
  "matching",
  "communication",
  "geocoding",
  "scraper",
];

export function availableGroups(): string[] {
  return SERVICE_GROUPS.filter((g) => fs.existsSync(path.join(SERVICES_DIR, g)));
}

export function serviceSchemas(group: string): ServiceSchema[] {
  const dir = path.join(SERVICES_DIR, group);
  if (!SERVICE_GROUPS.includes(group) || !fs.existsSync(dir)) {
    throw new Error(`Unknown service group '${group}'. Known: ${availableGroups().join(", ")}`);
  }
  const ext = __filename.endsWith(".ts") ? ".service.ts" : ".service.js";
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- files discovered at run time
      const mod = require(path.join(dir, f)) as { default?: ServiceSchema };
      return mod.default ?? (mod as unknown as ServiceSchema);
    });
}

/** A broker running the given service groups with the given config (several brokers may share a process). */
export function createBroker(
  cfg: AppConfig,
  groups: string[],
  overrides: Partial<BrokerOptions> = {},
): ServiceBroker {
  const broker = new ServiceBroker(brokerOptions(cfg, overrides));
  bindConfig(broker, cfg);
  for (const group of groups) for (const schema of serviceSchemas(group)) broker.createService(schema);
  return broker;
}
