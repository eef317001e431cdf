/**
 * quality.md P4: throughput of the e-mail queue to a local SMTP server, none lost, none sent or marked twice.
 *
 *   npm run bench:email [-- --emails 3000 --runs 3 --record]
 *
 * Three kinds of processes, like production: the SMTP server (smtp-server, its own process), one or two
 * sender nodes (each a broker running only the communication service), and this coordinator, which queues
 * the e-mails in one INSERT, times until all are Gesendet and then checks what the server received.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { loadConfig, processEnv } from "../../config";
import { encryptField } from "../../mixins/crypto";
import { acquireSequelize, releaseSequelize } from "../../mixins/db/connection";
import { ensureMigrated } from "../../mixins/db/migrations";
import { createBroker } from "../../mixins/platform";
import { machine, median, recordSection } from "./record";

const KEY = "bench-key-0123456789abcdef";
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

/** The SMTP server process: counts messages per Message-ID (a resend would show as a duplicate). */
async function runSink() {
  const { SMTPServer } = await import("smtp-server");
  const seen = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    maxClients: 200,
    onData(stream, _session, cb) {
      let head = "";
      stream.on("data", (c: Buffer) => {
        if (head.length < 4096) head += c.toString("latin1");
      });
      stream.on("end", () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? "?";
        seen.set(id, (seen.get(id) ?? 0) + 1);
        cb();
      });
    },
  });
  server.listen(0, "127.0.0.1", () =>
    process.send!({ port: (server.server.address() as { port: number }).port }),
  );
  process.on("message", (m: string) => {
    if (m === "reset") seen.clear();
    if (m === "stats") {
      let received = 0;
      let duplicates = 0;
      for (const n of seen.values()) {
        received += n;
        if (n > 1) duplicates += n - 1;
      }
      process.send!({ received, unique: seen.size, duplicates });
    }
  });
}

/** One sender node. */
async function runWorker(url: string, smtp: string, batch: string, pool: string) {
  const cfg = loadConfig({
    DATABASE_URL: url,
    SMTP_URL: smtp,
    ENCRYPTION_KEY: KEY,
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
    EMAIL_QUEUE_INTERVAL_MS: "20",
    EMAIL_QUEUE_BATCH_SIZE: batch,
    SMTP_POOL_SIZE: pool,
    LOG_LEVEL: "error",
    JOBS_ENABLED: "false",
    DB_POOL_MAX: "10",
    DATA_DIR: path.join(os.tmpdir(), `bench-email-${process.pid}`),
  });
  const broker = createBroker(cfg, ["communication"], { logger: false });
  await broker.start();
  process.send!("ready");
  process.on("SIGTERM", () => void broker.stop().then(() => process.exit(0)));
}

const child = (args: string[]) => fork(__filename, args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
const once = <T>(c: ChildProcess) => new Promise<T>((resolve) => c.once("message", (m) => resolve(m as T)));

interface Scenario {
  nodes: number;
  batch: number;
  pool: number;
}
interface Run {
  seconds: number;
  perSecond: number;
  received: number;
  unique: number;
  duplicates: number;
  marked: number;
  events: number;
  eventEmails: number;
}

async function main() {
  const load0 = os.loadavg()[0];
  const emails = arg("emails", 3000);
  const runs = arg("runs", 3);
  const admin = loadConfig(processEnv()).core.testDatabaseAdminUrl as string;
  const dbName = `bench_email_${process.pid}`;
  const adminClient = new Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${dbName}"`);
  const url = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
  const cfg = loadConfig({
    ...processEnv(),
    DATABASE_URL: url,
    ENCRYPTION_KEY: KEY,
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
    LOG_LEVEL: "error",
  });
  const sequelize = acquireSequelize(cfg);
  await ensureMigrated(sequelize, url);
  await releaseSequelize(sequelize);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const sink = child(["--sink"]);
  const { port } = await once<{ port: number }>(sink);

  // A realistic inquiry-sized body (about 2 KB of text, 3 KB of HTML), encrypted at rest like the service does.
  const text = `Sehr geehrte Frau Dr. Beispiel,\n\n${"Patienten-ID 1 - Alter: 34 Jahre - Symptome: Schlafstörungen\n".repeat(30)}`;
  const html = `<p>${text.replace(/\n/g, "<br>")}</p>`;
  const [encText, encHtml] = [encryptField(cfg, text), encryptField(cfg, html)];

  async function measure(s: Scenario, n: number): Promise<Run> {
    await pg.query("TRUNCATE communication_service.emails, platform.outbox, platform.outbox_deliveries");
    sink.send("reset");
    const workers = Array.from({ length: s.nodes }, () =>
      child(["--worker", url, `smtp://127.0.0.1:${port}`, String(s.batch), String(s.pool)]),
    );
    await Promise.all(workers.map((w) => once(w)));
    const t0 = performance.now();
    await pg.query(
      `INSERT INTO communication_service.emails (therapist_id, betreff, inhalt_html, inhalt_text, empfaenger_email, empfaenger_name,
         absender_email, absender_name, status, in_warteschlange_am, message_id, typ)
       SELECT i, 'Suche Psychotherapieplätze - Ref: A' || i, $2, $3, 'praxis' || i || '@example.org', 'Praxis ' || i,
              'info@example.org', 'Vermittlung', 'In_Warteschlange', now(), '<bench-' || i || '@bench>', 'anfrage'
         FROM generate_series(1, $1) i`,
      [n, encHtml, encText],
    );
    let marked = 0;
    while (marked < n) {
      await new Promise((r) => setTimeout(r, 20));
      marked = (
        await pg.query(
          "SELECT count(*)::int AS n FROM communication_service.emails WHERE status = 'Gesendet'",
        )
      ).rows[0].n;
      if (performance.now() - t0 > 300_000) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => new Promise((r) => (w.once("exit", r), w.kill("SIGTERM")))));
    sink.send("stats");
    const stats = await once<{ received: number; unique: number; duplicates: number }>(sink);
    const ev = (
      await pg.query(
        `SELECT count(*)::int AS n, count(DISTINCT envelope->'payload'->>'email_id')::int AS d
           FROM platform.outbox WHERE event_type = 'email.sent'`,
      )
    ).rows[0];
    return { seconds, perSecond: n / seconds, ...stats, marked, events: ev.n, eventEmails: ev.d };
  }

  const scenarios: Scenario[] = [
    { nodes: 1, batch: 10, pool: 5 },
    { nodes: 1, batch: 50, pool: 10 },
    { nodes: 2, batch: 50, pool: 10 },
  ];
  await measure(scenarios[0], 200); // warm-up: tsx compile cache, PostgreSQL plans
  const rows: string[] = [];
  let allCorrect = true;
  for (const s of scenarios) {
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await measure(s, emails));
    const correct = results.every(
      (r) =>
        r.received === emails &&
        r.unique === emails &&
        r.duplicates === 0 &&
        r.marked === emails &&
        r.events === emails &&
        r.eventEmails === emails,
    );
    allCorrect &&= correct;
    const label = `${s.nodes} node${s.nodes > 1 ? "s" : ""}, batch ${s.batch}, ${s.pool} SMTP connections/node`;
    rows.push(
      `| ${label} | ${Math.round(median(results.map((r) => r.perSecond)))} mails/s | ${results.map((r) => `${Math.round(r.perSecond)} (${r.seconds.toFixed(2)} s)`).join(", ")} | ${correct ? `${emails} received, ${emails} distinct Message-IDs, 0 duplicates, ${emails} Gesendet, ${emails} email.sent` : `WRONG: ${JSON.stringify(results)}`} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  sink.kill();
  await pg.end();
  await adminClient.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
  await adminClient.end();

  const section = [
    "## E-mail queue to a local SMTP server (quality.md P4)",
    "",
    `Command: \`npm run bench:email -- --emails ${emails} --runs ${runs} --record\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}.`,
    `Setup: PostgreSQL on 127.0.0.1:5432; ${emails} inquiry-sized e-mails (bodies encrypted at rest) queued in one INSERT;`,
    "sender nodes are separate processes running only the communication service; the SMTP server (smtp-server) is",
    "another process on loopback and counts messages per Message-ID. Time runs from the INSERT until every row is",
    "`Gesendet` (status update and `email.sent` outbox event included). Target: ≥ 200 mails/s, none lost, none twice.",
    `Machine shared with other work: 1-minute load average ${load0.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`,
    "",
    "| configuration | median | runs (throughput, duration) | correctness (every run) |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
  console.log(`\n${section}`);
  if (process.argv.includes("--record")) recordSection("email-queue", section);
  if (!allCorrect) process.exitCode = 1;
}

const mode = process.argv[2];
if (mode === "--sink") void runSink();
else if (mode === "--worker")
  void runWorker(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
