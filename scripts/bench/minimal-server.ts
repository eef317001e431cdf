import * as fs from "node:fs";
import * as http from "node:http";
import { Pool } from "pg";
import { processEnv } from "../../config";
import type { CapturedQuery } from "./sql-capture";

// The baseline of quality.md P2: a bare node:http server with a pg pool that runs, per request, exactly the SQL
// the platform ran for the same request (captured from it), and answers the last result's rows as JSON.
// `minimal-server.ts <captured.json>` with DATABASE_URL and POOL_MAX in the environment (a benchmark fixture,
// not part of the platform, so it takes the two values raw).
const [file] = process.argv.slice(2);
const routes = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, CapturedQuery[]>;
const env = processEnv();
const pool = new Pool({ connectionString: env.DATABASE_URL, max: Number(env.POOL_MAX ?? 10) });

const server = http.createServer(async (req, res) => {
  const statements = routes[(req.url ?? "").split("?")[0]];
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  const client = await pool.connect();
  try {
    let rows: unknown[] = [];
    for (const q of statements) rows = (await client.query(q.text, q.values)).rows;
    const body = JSON.stringify({ data: rows });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    res.writeHead(500).end(String((e as Error).message));
  } finally {
    client.release();
  }
});
server.listen(0, "127.0.0.1", () =>
  process.send?.({ ready: true, port: (server.address() as { port: number }).port }),
);
process.on("SIGTERM", () => void pool.end().then(() => process.exit(0)));
