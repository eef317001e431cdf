import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import pg from "pg";
import { migrate } from "../../../mixins/db/migrations";
import { Sequelize } from "sequelize";
import { APP_ROLE } from "../../../scripts/embedded-db";

const FIXTURE = path.resolve(__dirname, "../../fixtures/embedded-db.ts");

function startEmbedded(dataDir: string, keyDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, dataDir, keyDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, url: JSON.parse(line).url });
    });
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) => reject(new Error(`embedded database exited ${code}: ${out}`)));
  });
}

/**
 * Issue 11: the embedded default connected as the superuser with the hard-coded password "embedded", and
 * `COPY … TO PROGRAM` ran shell commands. Now the platform's connection is a least-privilege role that owns the
 * platform's schemas, and the superuser's password is generated into KEY_DIR.
 */
describe("the embedded database's roles", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-role-"));
  // As root, PostgreSQL runs as its own user, which must be able to enter the folder.
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, "data");
  const keyDir = path.join(root, "data-keys");
  let db: { child: ChildProcess; url: string };
  let client: pg.Client;

  beforeAll(async () => {
    db = await startEmbedded(dataDir, keyDir);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    if (db) {
      const exited = new Promise((r) => db.child.once("exit", r));
      db.child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("connects the platform as a role that is no superuser and cannot run programs", async () => {
    const me = await client.query(
      "SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') AS program FROM pg_roles WHERE rolname = current_user",
    );
    expect(me.rows[0]).toEqual({
      name: APP_ROLE,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      program: false,
    });
    await expect(client.query("COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toMatchObject({ code: "42501" });
  });

  it("runs the migrations as that role and owns every platform schema", async () => {
    const sequelize = new Sequelize(db.url, { dialect: "postgres", logging: false });
    try {
      await migrate(sequelize, db.url);
    } finally {
      await sequelize.close();
    }
    const owners = await client.query(
      `SELECT DISTINCT pg_get_userbyid(nspowner) AS owner FROM pg_namespace
        WHERE nspname IN ('platform', 'patient_service', 'therapist_service', 'matching_service', 'communication_service')`,
    );
    expect(owners.rows).toEqual([{ owner: APP_ROLE }]);
  }, 120_000);

  it("has a generated superuser password in KEY_DIR (0600), not the former hard-coded one", async () => {
    const file = path.join(keyDir, "db-superuser.secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(db.url).not.toContain("postgres:embedded@");
    const port = new URL(db.url).port;
    const legacy = new pg.Client({
      connectionString: `postgres://postgres:embedded@127.0.0.1:${port}/postgres`,
    });
    legacy.on("error", () => undefined);
    await expect(legacy.connect()).rejects.toMatchObject({ code: "28P01" });
  });
});
