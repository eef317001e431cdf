import type { ServiceBroker } from "moleculer";
import { loadConfig, type AppConfig } from "../../config";
import { createBroker } from "../../mixins/platform";
import { createTestDatabase, type TestDatabase } from "./db";
import { TEST_KEYS } from "./pg-admin";

export interface TestBroker {
  broker: ServiceBroker;
  config: AppConfig;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface StartBrokerOptions {
  groups: string[];
  /** Environment-style overrides, e.g. { COOLING_WEEKS: "2" }. */
  env?: Record<string, string>;
  /** Share a database with another broker; by default each call gets a fresh one. */
  databaseUrl?: string;
  /** Port of the gateway when the api group runs (default: any free port). */
  port?: number;
}

/** An in-process broker with the given service groups on its own fresh database (or a given one). */
export async function startBroker(o: StartBrokerOptions): Promise<TestBroker> {
  let db: TestDatabase | null = null;
  const databaseUrl = o.databaseUrl ?? (db = await createTestDatabase()).url;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    ...TEST_KEYS,
    LOG_LEVEL: "warn",
    PORT: String(o.port ?? 0),
    DB_POOL_MAX: "5",
    ADMIN_EMAIL: "admin@test.local",
    ADMIN_PASSWORD: "admin-password-123",
    DATA_DIR: `/tmp/therapieplatz-test-${process.pid}`,
    // Tests never reach the internet; geocoding tests point these at a local fake server.
    GEOCODING_ONLINE: "false",
    // Tests load the centroids they need; the built-in list takes seconds to build (its own test measures it).
    PLZ_CENTROIDS_BUILTIN: "false",
    ...o.env,
  });
  const broker = createBroker(config, o.groups, {
    logger: false,
    nodeID: `test-${process.pid}-${Math.random().toString(36).slice(2, 7)}`,
  });
  // Building the built-in centroids takes seconds idle and much longer on a busy machine.
  const startMs = config.geocoding.builtinCentroids && o.groups.includes("geocoding") ? 90_000 : 25_000;
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("broker.start() timed out (database unreachable?)")), startMs).unref(),
  );
  await Promise.race([broker.start(), timeout]);
  return {
    broker,
    config,
    databaseUrl,
    async stop() {
      await broker.stop();
      await db?.drop();
    },
  };
}
