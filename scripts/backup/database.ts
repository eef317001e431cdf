import * as fs from "node:fs";
import * as path from "node:path";
import { Client } from "pg";
import { keyFilePath, type AppConfig } from "../../config";
import { runningEmbeddedUrl, startEmbeddedPostgres } from "../embedded-db";

export interface Opened {
  client: Client;
  kind: "embedded" | "server";
  close(): Promise<void>;
}

const keyDirOf = (cfg: AppConfig) => path.dirname(keyFilePath(cfg.core, cfg.security.keyDir));

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: "therapieplatz:backup" });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/**
 * The database to back up: DATABASE_URL, else the embedded database of DATA_DIR, used where a running platform
 * serves it or started for the backup (and stopped again) when none runs.
 */
export async function openSource(cfg: AppConfig, log: (m: string) => void): Promise<Opened> {
  if (cfg.core.databaseUrl) {
    const client = await connect(cfg.core.databaseUrl);
    return { client, kind: "server", close: () => client.end() };
  }
  const running = runningEmbeddedUrl(cfg.core.dataDir, keyDirOf(cfg));
  if (running) {
    const client = await connect(running);
    return { client, kind: "embedded", close: () => client.end() };
  }
  if (!fs.existsSync(path.resolve(cfg.core.dataDir, "postgres", "PG_VERSION")))
    throw new Error(
      `No database to back up: DATABASE_URL is unset and ${cfg.core.dataDir} has no embedded database`,
    );
  const db = await startEmbeddedPostgres(cfg.core.dataDir, keyDirOf(cfg), log);
  const client = await connect(db.url);
  return {
    client,
    kind: "embedded",
    close: async () => {
      await client.end();
      await db.stop();
    },
  };
}

/**
 * The database to restore into, which must hold no platform data: DATABASE_URL (an empty database), else a new
 * embedded database created in DATA_DIR.
 */
export async function openTarget(
  cfg: AppConfig,
  log: (m: string) => void,
): Promise<Opened & { url: string }> {
  if (cfg.core.databaseUrl) {
    const url = cfg.core.databaseUrl;
    const client = await connect(url);
    const used = await client.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS used");
    if (used.rows[0].used) {
      await client.end();
      throw new Error("The target database is not empty (it has been migrated): restore into a new database");
    }
    return { client, url, kind: "server", close: () => client.end() };
  }
  if (fs.existsSync(path.resolve(cfg.core.dataDir, "postgres")))
    throw new Error(`${cfg.core.dataDir} already has an embedded database: restore into a new DATA_DIR`);
  const db = await startEmbeddedPostgres(cfg.core.dataDir, keyDirOf(cfg), log);
  const client = await connect(db.url);
  return {
    client,
    url: db.url,
    kind: "embedded",
    close: async () => {
      await client.end();
      await db.stop();
    },
  };
}
