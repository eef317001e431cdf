/**
 * Schema properties this platform adds to Moleculer services and actions (type declarations only).
 * - `rest` (typed by moleculer-web) + `auth` publish an action through the gateway with its required role.
 * - `subscribe` makes an action an at-least-once consumer of an outbox event.
 * - `timeout` (read by Moleculer's timeout middleware) lets an action outlast REQUEST_TIMEOUT_MS.
 * - `jobs` declares recurring jobs (mixins/scheduler).
 */
import "moleculer";

declare module "moleculer" {
  interface ActionSchema {
    auth?: "public" | "staff" | "admin";
    /** Operations figures: also reachable without a token from the METRICS_ALLOW_FROM addresses. */
    opsAllowList?: boolean;
    subscribe?: string;
    /** Longer than REQUEST_TIMEOUT_MS for actions that legitimately run long (imports, the bundle run). */
    timeout?: number;
  }
  interface ServiceSettingSchema {
    [key: string]: any;
  }
  interface ServiceSchema {
    merged?: (this: any, schema: ServiceSchema) => void;
    jobs?: Array<{
      name: string;
      cron?: string;
      every?: number;
      handler: string;
      enabled?: boolean;
      timeZone?: string;
      [key: string]: unknown;
    }>;
  }
}
