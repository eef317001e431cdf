import { loadConfig } from "../../config";
import { acquireSequelize, releaseSequelize } from "../../mixins/db/connection";
import { migrate } from "../../mixins/db/migrations";
import { TEMPLATE_ENV, TEST_KEYS, urlFor, withAdmin } from "./pg-admin";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Once per jest run: a template database with every migration applied; each test file clones it
 * (tests/helpers/db.ts), which takes a fraction of a second instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const name = `tpl_${process.pid}_${Date.now().toString(36)}`;
  await withAdmin(async (c) => {
    // Databases left behind by runs that were killed (their jest process is gone).
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^(tpl|t)_[0-9]+_'",
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split("_")[1]);
      if (!alive(pid))
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const cfg = loadConfig({
    DATABASE_URL: urlFor(name),
    ...TEST_KEYS,
    DB_POOL_MAX: "2",
  });
  const sequelize = acquireSequelize(cfg);
  try {
    await migrate(sequelize, urlFor(name));
  } finally {
    await releaseSequelize(sequelize);
  }
  // eslint-disable-next-line no-restricted-properties -- hands the template name to the jest workers
  process.env[TEMPLATE_ENV] = name;
}
