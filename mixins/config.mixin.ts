import type { ServiceBroker, ServiceSchema } from "moleculer";
import { getConfig, type AppConfig } from "../config";

/** The config a broker was created with (tests run brokers with different configs in one process). */
export function brokerConfig(broker: ServiceBroker): AppConfig {
  const fromMeta = (broker.metadata as { config?: AppConfig } | undefined)?.config;
  return fromMeta ?? getConfig();
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
