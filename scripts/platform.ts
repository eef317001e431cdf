import type { ServiceBroker } from "moleculer";
import * as path from "node:path";
import { ConfigError, keyFilePath, loadConfig, processEnv, type AppConfig } from "../config";
import { availableGroups, createBroker } from "../mixins/platform";
import { geocodingMode } from "../services/geocoding/domain/mode";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-db";

export interface RunOptions {
  groups: string[];
  repl?: boolean;
}

/**
 * Starts one node: the given service groups, on DATABASE_URL or (unset) the embedded database, joined to
 * TRANSPORTER if set. SIGTERM/SIGINT stop it gracefully: stop accepting, finish in-flight work, release locks.
 */
export async function runPlatform(opts: RunOptions): Promise<{ broker: ServiceBroker; config: AppConfig }> {
  let config = loadConfig(processEnv());
  let embedded: EmbeddedDb | null = null;
  const startedAt = Date.now();
  if (!config.core.databaseUrl) {
    const keyDir = path.dirname(keyFilePath(config.core, config.security.keyDir));
    embedded = await startEmbeddedPostgres(config.core.dataDir, keyDir, (m) => console.error(m));
    config = loadConfig({ ...processEnv(), DATABASE_URL: embedded.url }, { embedded: true });
  }
  const groups = opts.groups.length ? opts.groups : availableGroups();
  // The platform handles signals itself (and also stops the embedded database), not Moleculer.
  const broker = createBroker(config, groups, { skipProcessEventRegistration: true });

  let stopping: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    // tsx relays the signal once more: stopping twice must be harmless.
    stopping ??= (async () => {
      broker.logger.info(`${signal} received: stopping gracefully`);
      await broker.stop().catch((e) => broker.logger.error("stop failed", e));
      await embedded?.stop().catch((e) => console.error("embedded database stop failed", e));
      process.exit(0);
    })();
    return stopping;
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  try {
    await broker.start();
  } catch (e) {
    console.error("Start failed:", e);
    await broker.stop().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }

  const api = broker.getLocalService("api") as any;
  if (api) {
    const url = `http://${config.core.host}:${api.settings.port}`;
    const auth = broker.getLocalService("auth") as any;
    const creds = auth?.bootstrapCredentials;
    const lines = [];
    if (creds)
      lines.push(`Admin login: ${creds.email} / ${creds.generated ? creds.password : "(ADMIN_PASSWORD)"}`);
    if (embedded)
      lines.push(`Embedded database: ${config.core.dataDir}/postgres (set DATABASE_URL to use a server)`);
    if (broker.getLocalService("geocoding")) lines.push(geocodingMode(config.geocoding).summary);
    // One write, ready line last: whoever waits for it has everything above.
    lines.push(`Platform ready in ${Date.now() - startedAt} ms: ${url}  (health: ${url}/health)`);
    console.log(`\n${lines.join("\n")}`);
  } else {
    console.log(`Node ${broker.nodeID} ready with groups: ${groups.join(", ")}`);
  }
  if (opts.repl) await broker.repl();
  return { broker, config };
}

/**
 * `npm start` and `npm run start:node`: a configuration the platform refuses (missing keys, placeholders in
 * production) is listed for the operator, one problem per line, and the process ends with code 1; a stack
 * trace would bury the list.
 */
export function startFromCommandLine(opts: RunOptions): void {
  runPlatform(opts).catch((e: unknown) => {
    if (e instanceof ConfigError) console.error(`Start refused. ${e.message}`);
    else console.error("Start failed:", e);
    process.exit(1);
  });
}
