import pg from "pg";
import { Sequelize } from "sequelize";
import type { AppConfig } from "../../config";

// DATE columns stay "YYYY-MM-DD" strings (no time-zone shifts); COUNT(*) and bigint ids come back as numbers.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));

interface Shared {
  sequelize: Sequelize;
  users: number;
}
const shared = new Map<string, Shared>();

export function databaseUrl(cfg: AppConfig): string {
  const url = cfg.core.databaseUrl;
  if (!url)
    throw new Error(
      "No database configured: set DATABASE_URL, or start with `npm start` (embedded database)",
    );
  return url;
}

function create(cfg: AppConfig, url: string): Sequelize {
  return new Sequelize(url, {
    dialect: "postgres",
    logging: false,
    benchmark: false,
    pool: { max: cfg.core.dbPoolMax, min: 0, idle: 10_000, acquire: 20_000, evict: 5_000 },
    dialectOptions: { application_name: `therapieplatz:${cfg.core.nodeId ?? process.pid}` },
    define: { underscored: true, timestamps: true, freezeTableName: true },
    retry: { max: 0 },
  });
}

/**
 * The process-wide Sequelize instance for the configured database: every service on a node shares one pool.
 * Released by reference count so the last service to stop closes it.
 */
export function acquireSequelize(cfg: AppConfig): Sequelize {
  const url = databaseUrl(cfg);
  let entry = shared.get(url);
  if (!entry) {
    entry = { sequelize: create(cfg, url), users: 0 };
    shared.set(url, entry);
  }
  entry.users += 1;
  return entry.sequelize;
}

export async function releaseSequelize(sequelize: Sequelize): Promise<void> {
  for (const [url, entry] of shared) {
    if (entry.sequelize !== sequelize) continue;
    entry.users -= 1;
    if (entry.users <= 0) {
      shared.delete(url);
      await sequelize.close().catch(() => undefined);
    }
    return;
  }
}
