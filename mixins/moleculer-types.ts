/**
 * Schema properties this platform adds to Moleculer services and actions (type declarations only).
 * - `rest` (typed by moleculer-web) + `auth` publish an action through the gateway with its required role.
 * - `subscribe` makes an action an at-least-once consumer of an outbox event.
 * - `jobs` declares recurring jobs (mixins/scheduler).
 */
import "moleculer";

declare module "moleculer" {
  interface ActionSchema {
    auth?: "public" | "staff" | "admin";
    subscribe?: string;
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
