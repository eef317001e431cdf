import { fork, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";
import { loadConfig, processEnv } from "../../config";
import { machine, median, recordSection } from "./record";
import type { CapturedQuery } from "./sql-capture";
import { seedPlatform, seededPlatform } from "./gateway-seed";

// `npm run bench:gateway [-- --seconds 10 --connections 32 --rounds 3 --record]` (quality.md P2, P3).
const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SECONDS = opt("seconds", 10);
const CONNECTIONS = opt("connections", 32);
const ROUNDS = opt("rounds", 3);
const RECORD = args.includes("--record");
// --keep leaves the seeded database `bench_gateway` in place and a later --keep run measures on it again.
const KEEP = args.includes("--keep");
const CSV = path.resolve(__dirname, "../../../shared/data/plz_geocoord.csv");
const POOL = "10";

interface Node {
  child: ChildProcess;
  port: number | null;
}

function startNode(script: string, argv: string[], env: Record<string, string>): Promise<Node> {
  const child = fork(path.resolve(__dirname, script), argv, {
    execArgv: ["--import", "tsx"],
    env: { ...processEnv(), ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    child.on("message", (m: { ready?: boolean; port?: number }) => {
      if (m.ready) resolve({ child, port: m.port ?? null });
    });
  });
}

async function stopNode(n: Node): Promise<void> {
  const exited = new Promise<void>((r) => n.child.once("exit", () => r()));
  n.child.kill("SIGTERM");
  await exited;
}

/** Statements of background pollers (outbox, e-mail queue, jobs) that may run while a request is captured. */
const BACKGROUND =
  /platform\.outbox|platform\.jobs|communication_service\.emails SET status = 'Wird_gesendet'/;

function captureSql(node: Node, run: () => Promise<void>): Promise<CapturedQuery[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { captured?: CapturedQuery[] }) => {
      if (!m.captured) return;
      node.child.off("message", onMessage);
      resolve(m.captured.filter((q) => !BACKGROUND.test(q.text)));
    };
    node.child.on("message", onMessage);
    node.child.send({ capture: "start" });
    run()
      .then(() => new Promise((r) => setTimeout(r, 100)))
      .then(() => node.child.send({ capture: "stop" }))
      .catch(reject);
  });
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  requests: number;
}

async function load(url: string, token: string | null): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r.requests.total,
  };
}

async function main() {
  const adminUrl = loadConfig(processEnv()).core.testDatabaseAdminUrl as string;
  const dbName = KEEP ? "bench_gateway" : `bench_gateway_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-gateway-"));
  const base = {
    DATABASE_URL: url,
    DB_POOL_MAX: POOL,
    ENCRYPTION_KEY: "bench-key-0123456789abcdef",
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
    ADMIN_EMAIL: "admin@bench.local",
    ADMIN_PASSWORD: "bench-admin-password",
    DATA_DIR: tmp,
    PLZ_CENTROIDS_FILE: CSV,
    GEOCODING_ONLINE: "false",
    JOBS_ENABLED: "false",
  };
  const results: Record<string, Record<string, Load[]>> = {};
  const add = (setup: string, endpoint: string, l: Load) => {
    ((results[setup] ??= {})[endpoint] ??= []).push(l);
    console.log(
      `${setup} ${endpoint}: p50 ${l.p50} ms, p99 ${l.p99} ms, ${Math.round(l.rps)} req/s, ${l.errors} errors`,
    );
  };
  try {
    // P2: every service in one process.
    let node = await startNode(
      "gateway-node.ts",
      [["api", "patient", "therapist", "matching", "communication", "geocoding"].join(",")],
      {
        ...base,
        PORT: "0",
      },
    );
    const gw = `http://127.0.0.1:${node.port}`;
    const size = { patients: 10_000, therapists: 5_000 };
    const seeded = exists ? await seededPlatform(gw, size) : await seedPlatform(gw, size);
    const endpoints: Record<string, string> = {
      patients: "/api/patients?limit=20",
      selection: "/api/therapeuten-zur-auswahl?plz_prefix=52",
      inquiry: `/api/therapeutenanfragen/${seeded.inquiryId}`,
    };
    const captured: Record<string, CapturedQuery[]> = {};
    for (const [name, p] of Object.entries(endpoints)) {
      await load(gw + p, seeded.staffToken); // warm-up
      // Requests of the warm-up still queued in the server must not be captured with the one we look at.
      await new Promise((r) => setTimeout(r, 3000));
      captured[`/${name}`] = await captureSql(node, async () => {
        const r = await fetch(gw + p, { headers: { authorization: `Bearer ${seeded.staffToken}` } });
        if (r.status !== 200) throw new Error(`${p}: ${r.status} ${await r.text()}`);
      });
    }
    const sqlFile = path.join(tmp, "captured.json");
    fs.writeFileSync(sqlFile, JSON.stringify(captured));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, p] of Object.entries(endpoints))
        add("platform", name, await load(gw + p, seeded.staffToken));
      const minimal = await startNode("minimal-server.ts", [sqlFile], { DATABASE_URL: url, POOL_MAX: POOL });
      for (const name of Object.keys(endpoints))
        add("minimal", name, await load(`http://127.0.0.1:${minimal.port}/${name}`, null));
      await stopNode(minimal);
    }
    await stopNode(node);

    // P3: the gateway on one node, the services it calls on another, over NATS.
    const nats = { TRANSPORTER: "nats://127.0.0.1:4222", NAMESPACE: `bench-${process.pid}` };
    const back = await startNode("gateway-node.ts", ["patient,therapist,matching"], {
      ...base,
      ...nats,
      PORT: "0",
    });
    node = await startNode("gateway-node.ts", ["api,communication,geocoding"], {
      ...base,
      ...nats,
      PORT: "0",
    });
    const gw3 = `http://127.0.0.1:${node.port}`;
    for (const p of Object.values(endpoints)) await load(gw3 + p, seeded.staffToken); // warm-up
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, p] of Object.entries(endpoints))
        add("nats", name, await load(gw3 + p, seeded.staffToken));
    await stopNode(node);
    await stopNode(back);

    const report = render(results, captured, seeded);
    console.log(report);
    if (RECORD) recordSection("gateway", report);
  } finally {
    if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function render(
  results: Record<string, Record<string, Load[]>>,
  captured: Record<string, CapturedQuery[]>,
  seeded: { patients: number; therapists: number; selectionSize: number },
): string {
  const m = (ls: Load[], k: keyof Load) => median(ls.map((l) => l[k]));
  const raw = (ls: Load[]) => ls.map((l) => `${l.p99} ms / ${Math.round(l.rps)} rps`).join("; ");
  const lines = [
    "## Gateway under load (quality.md P2, P3)",
    "",
    `Command: \`npm run bench:gateway -- --seconds ${SECONDS} --connections ${CONNECTIONS} --rounds ${ROUNDS} --record\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}.`,
    `Data: ${seeded.patients} patients, ${seeded.therapists} therapists (PLZ from ../shared/data, ${seeded.selectionSize} selectable under prefix 52), created through the API; one inquiry of 6 patients.`,
    `Load: autocannon in the benchmark process, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per endpoint and round, staff token; PostgreSQL on 127.0.0.1:5432 shares the 2 cores.`,
    `Baseline: \`scripts/bench/minimal-server.ts\`, node:http + pg (pool ${POOL}, as the platform) replaying per request exactly the SQL statements the platform ran for that request (captured from the platform process: ${Object.entries(
      captured,
    )
      .map(([k, v]) => `${k.slice(1)} ${v.length}`)
      .join(
        ", ",
      )} statements incl. the audit entry), answering the rows as JSON; measured in the same rounds, alternating.`,
    "",
    "| endpoint | P2 p50 / p99 (target p99 < 50 ms) | P2 req/s | baseline req/s | P2 / baseline (target ≥ 60 %) | P3 over NATS p50 / p99 (target < 100 ms) | P3 errors | raw P2 (p99 / rps per round) | raw baseline | raw P3 |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const name of Object.keys(results.platform)) {
    const p = results.platform[name];
    const b = results.minimal[name];
    const n = results.nats[name];
    lines.push(
      `| ${name} | ${m(p, "p50")} / ${m(p, "p99")} ms | ${Math.round(m(p, "rps"))} | ${Math.round(m(b, "rps"))} | ${Math.round((m(p, "rps") / m(b, "rps")) * 100)} % | ${m(n, "p50")} / ${m(n, "p99")} ms | ${n.reduce((s, l) => s + l.errors, 0)} of ${n.reduce((s, l) => s + l.requests, 0)} | ${raw(p)} | ${raw(b)} | ${raw(n)} |`,
    );
  }
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
