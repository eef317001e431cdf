import { Client } from "pg";
import { loadConfig } from "../../../config";
import { acquireSequelize, releaseSequelize } from "../../../mixins/db/connection";
import { discoverMigrations, migrate, pendingMigrations } from "../../../mixins/db/migrations";
import { TEST_KEYS, urlFor, withAdmin } from "../../helpers/pg-admin";

describe("migrations", () => {
  const name = `t_${process.pid}_mig_${Date.now().toString(36)}`;
  const url = urlFor(name);
  beforeAll(() => withAdmin((c) => c.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it("apply to an empty database, concurrently from two runners, and a second run changes nothing", async () => {
    const cfg = loadConfig({ DATABASE_URL: url, ...TEST_KEYS });
    const a = acquireSequelize(cfg);
    try {
      const [first, second] = await Promise.all([migrate(a, url), migrate(a, url)]);
      const all = discoverMigrations().map((m) => m.name);
      expect([...first, ...second].sort()).toEqual([...all].sort());
      expect(await migrate(a, url)).toEqual([]);
      expect(await pendingMigrations(a)).toEqual([]);
    } finally {
      await releaseSequelize(a);
    }
    const c = new Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'platform'",
    );
    await c.end();
    expect(rows).toHaveLength(1);
  });

  it("are ordered core first, then by service group and number", () => {
    const names = discoverMigrations().map((m) => m.name);
    expect(names[0]).toBe("api/0001-users-sessions");
    for (let i = 1; i < names.length; i++) {
      const [g1] = names[i - 1].split("/");
      const [g2] = names[i].split("/");
      if (g1 === g2) expect(names[i - 1] < names[i]).toBe(true);
    }
  });
});
