import * as fs from "node:fs";
import * as path from "node:path";
import pg from "pg";
import type { QueryInterface, Sequelize } from "sequelize";
import { SequelizeStorage, Umzug } from "umzug";

export interface MigrationContext {
  sequelize: Sequelize;
  qi: QueryInterface;
}
type Step = (args: { context: MigrationContext }) => Promise<void>;
interface MigrationModule {
  up: Step;
  down?: Step;
}

const SERVICES_DIR = path.resolve(__dirname, "../../services");
// Core tables first; the rest has no cross-service order (no foreign keys between services).
const GROUP_ORDER = ["api", "patient", "therapist", "matching", "communication", "geocoding", "scraper"];
const MIGRATION_FILE = /^\d{4}-[\w-]+\.(ts|js)$/;
const LOCK_KEY = 727274;

interface Found {
  name: string;
  file: string;
}

/** Every migration file of every service group, in the order they apply. */
export function discoverMigrations(servicesDir = SERVICES_DIR): Found[] {
  const groups = fs
    .readdirSync(servicesDir, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && fs.existsSync(path.join(servicesDir, d.name, "persistence", "migrations")),
    )
    .map((d) => d.name)
    .sort((a, b) => {
      const ia = GROUP_ORDER.indexOf(a) === -1 ? 99 : GROUP_ORDER.indexOf(a);
      const ib = GROUP_ORDER.indexOf(b) === -1 ? 99 : GROUP_ORDER.indexOf(b);
      return ia - ib || a.localeCompare(b);
    });
  const out: Found[] = [];
  for (const group of groups) {
    const dir = path.join(servicesDir, group, "persistence", "migrations");
    const files = fs
      .readdirSync(dir)
      .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith(".d.ts"))
      .sort();
    for (const f of files)
      out.push({ name: `${group}/${f.replace(/\.(ts|js)$/, "")}`, file: path.join(dir, f) });
  }
  return out;
}

export function createMigrator(sequelize: Sequelize) {
  const context: MigrationContext = { sequelize, qi: sequelize.getQueryInterface() };
  return new Umzug<MigrationContext>({
    context,
    storage: new SequelizeStorage({ sequelize, schema: "public", tableName: "schema_migrations" }),
    logger: undefined,
    migrations: discoverMigrations().map(({ name, file }) => ({
      name,
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- files discovered at run time
      up: async () => (require(file) as MigrationModule).up({ context }),
      down: async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- files discovered at run time
        const m = require(file) as MigrationModule;
        if (!m.down) throw new Error(`migration ${name} cannot be reverted`);
        await m.down({ context });
      },
    })),
  });
}

/** Applies pending migrations; concurrent runners on several nodes are serialised by an advisory lock. */
export async function migrate(sequelize: Sequelize, url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    const applied = await createMigrator(sequelize).up();
    return applied.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

const done = new Map<string, Promise<string[]>>();
/** Migrates a database once per process (every service awaits the same promise). */
export function ensureMigrated(sequelize: Sequelize, url: string): Promise<string[]> {
  let p = done.get(url);
  if (!p) {
    p = migrate(sequelize, url);
    done.set(url, p);
    p.catch(() => done.delete(url));
  }
  return p;
}

/** Names of migrations not yet applied (readiness reports them). */
export async function pendingMigrations(sequelize: Sequelize): Promise<string[]> {
  return (await createMigrator(sequelize).pending()).map((m) => m.name);
}
