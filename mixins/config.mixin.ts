import type { ServiceBroker, ServiceSchema } from "moleculer";
import { getConfig, type AppConfig } from "../config";

// Kept beside the broker, not in its metadata or options: metadata is announced to every node over the
// transporter and `$node.options` answers any caller, and the config holds keys and credentials.
const configs = new WeakMap<ServiceBroker, AppConfig>();

/** Remembers the config a broker was created with (before its services are created). */
export function bindConfig(broker: ServiceBroker, cfg: AppConfig): void {
  configs.set(broker, cfg);
}

/** The config a broker was created with (tests run brokers with different configs in one process). */
export function brokerConfig(broker: ServiceBroker): AppConfig {
  return configs.get(broker) ?? getConfig();
}

/** Gives `this.config` to a service. */
export const ConfigMixin: Partial<ServiceSchema> = {
  created() {
    (this as unknown as { config: AppConfig }).config = brokerConfig(this.broker);
  },
};

declare module "moleculer" {
  interface Service {
    config: AppConfig;
  }
}
