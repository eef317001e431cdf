/**
 * quality.md P5: therapist import of one nationwide snapshot (8,300 invented records), then the same snapshot
 * again (must change 0 rows).
 *
 *   npm run bench:import [-- --runs 3 --records 8300]
 *
 * Each run: a fresh database on the test server (TEST_DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1),
 * a broker with the therapist service, the snapshot written as a file and imported through the real path
 * (`therapist.importFile`: read, detect, map, identify, write in batches, bookkeeping, audit); then the same
 * content from a second path (the folder bookkeeping would otherwise skip it as already imported).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { loadConfig, processEnv } from "../../config";
import { createBroker } from "../../mixins/platform";
import { rng } from "./dataset";
import { machine, median, recordSection } from "./record";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ms = (t0: number) => performance.now() - t0;

const FIRST = [
  "Anna",
  "Bernd",
  "Clara",
  "Daniel",
  "Eva",
  "Felix",
  "Greta",
  "Hannes",
  "Ida",
  "Jonas",
  "Katrin",
  "Lukas",
  "Maria",
  "Nils",
  "Olga",
  "Paul",
  "Rita",
  "Sven",
  "Tina",
  "Uwe",
];
const LAST = [
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Schulz",
  "Hoffmann",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Neumann",
  "Schwarz",
  "Zimmermann",
  "Braun",
  "Krüger",
  "Hofmann",
];
const CITY = [
  "Aachen",
  "Berlin",
  "Dresden",
  "Essen",
  "Freiburg",
  "Hamburg",
  "Kiel",
  "Leipzig",
  "München",
  "Rostock",
];
const METHODS = [
  ["Verhaltenstherapie für Erwachsene in Einzeltherapie"],
  ["Tiefenpsychologisch fundierte Psychotherapie für Erwachsene in Einzeltherapie"],
  ["Verhaltenstherapie für Erwachsene", "Tiefenpsychologisch fundierte Psychotherapie (Erwachsene)"],
  ["Analytische Psychotherapie (Erwachsene)", "Verhaltenstherapie für Kinder und Jugendliche"],
];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"];

/** One nationwide snapshot (external-apis.md 1.8) of invented therapists, the same for the same seed. */
export function nationwideSnapshot(n: number, seed = 5): object {
  const r = rng(seed);
  const pick = <T>(l: readonly T[]) => l[Math.floor(r() * l.length)];
  const therapists = Array.from({ length: n }, (_, i) => {
    const plz = String(1067 + Math.floor(r() * 98_000)).padStart(5, "0");
    const hours: Record<string, string[]> = {};
    for (const d of DAYS)
      if (r() < 0.4) hours[d] = [`${8 + Math.floor(r() * 4)}:00-${12 + Math.floor(r() * 2)}:00`];
    return {
      id: `bench${i}`,
      basic_info: {
        salutation: r() < 0.7 ? "Frau" : "Herr",
        title: r() < 0.3 ? "Dr." : "",
        first_name: pick(FIRST),
        // The index keeps names unique per PLZ, as they are in the directory.
        last_name: `${pick(LAST)}-${i}`,
      },
      location: {
        street: `${pick(LAST)}straße`,
        house_number: String(1 + Math.floor(r() * 120)),
        postal_code: plz,
        city: pick(CITY),
      },
      contact: {
        phone: `0${Math.floor(r() * 1e9)}`,
        email: r() < 0.4 ? `praxis${i}@example.invalid` : "",
        fax: "",
      },
      therapy_methods: pick(METHODS),
      languages: r() < 0.2 ? ["Deutsch", "Englisch"] : ["Deutsch"],
      telephone_hours: hours,
    };
  });
  return {
    metadata: { scrape_id: `DE_bench_${seed}`, scrape_date: "2026-11-22T06:00:00", total_therapists: n },
    therapists,
  };
}

interface RunResult {
  first: number;
  second: number;
  created: number;
  changedSecond: number;
  historyRows: number;
  touchedRows: number;
}

async function runOnce(adminUrl: string, file: string, copy: string, records: number): Promise<RunResult> {
  const dbName = `bench_import_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const cfg = loadConfig({
    ...processEnv(),
    DATABASE_URL: url,
    ENCRYPTION_KEY: "bench-key-0123456789abcdef",
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "false",
    PORT: "0",
    THERAPIST_IMPORT_FOLDER_PATH: path.dirname(path.dirname(file)),
  });
  const broker = createBroker(cfg, ["therapist"], { logger: false });
  await broker.start();
  try {
    const call = (p: string) =>
      broker.call<any, object>("therapist.importFile", { path: p }, { timeout: 600_000 });
    let t0 = performance.now();
    const a = await call(file);
    const first = ms(t0);
    const pg = new Client({ connectionString: url });
    await pg.connect();
    const before = new Date();
    t0 = performance.now();
    const b = await call(copy);
    const second = ms(t0);
    const touched = await pg.query(
      "SELECT count(*)::int AS n FROM therapist_service.therapeuten WHERE updated_at >= $1",
      [before],
    );
    const history = await pg.query("SELECT count(*)::int AS n FROM therapist_service.therapeut_aenderungen");
    const total = await pg.query("SELECT count(*)::int AS n FROM therapist_service.therapeuten");
    await pg.end();
    if (a.status !== "imported" || b.status !== "imported")
      throw new Error(`unexpected outcome ${a.status}/${b.status}`);
    if (total.rows[0].n + a.report.skipped !== records)
      throw new Error(`stored ${total.rows[0].n} of ${records}`);
    return {
      first,
      second,
      created: a.report.created,
      changedSecond: b.report.created + b.report.updated,
      historyRows: history.rows[0].n,
      touchedRows: touched.rows[0].n,
    };
  } finally {
    await broker.stop();
    await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  const runs = arg("runs", 3);
  const records = arg("records", 8300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const file = path.join(dir, "20261122", "bundesweit.json");
  const copy = path.join(dir, "20261123", "bundesweit.json");
  fs.mkdirSync(path.dirname(file));
  fs.mkdirSync(path.dirname(copy));
  const snapshot = nationwideSnapshot(records) as { therapists: { location: { postal_code: string } }[] };
  const plzs = new Set(snapshot.therapists.map((t) => t.location.postal_code)).size;
  const text = JSON.stringify(snapshot);
  fs.writeFileSync(file, text);
  fs.writeFileSync(copy, text);
  const adminUrl = loadConfig(processEnv()).core.testDatabaseAdminUrl as string;
  const results: RunResult[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      results.push(await runOnce(adminUrl, file, copy, records));
      console.log(`run ${i + 1}:`, JSON.stringify(results[i]));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const firsts = results.map((r) => r.first);
  const seconds = results.map((r) => r.second);
  const changed = Math.max(...results.map((r) => r.changedSecond + r.touchedRows));
  const lines = [
    "## P5 — therapist import (quality.md P5)",
    "",
    `Command: \`npm run bench:import\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}.`,
    `Data: one nationwide snapshot of ${records.toLocaleString("en")} invented therapists (seed 5, ${(text.length / 2 ** 20).toFixed(1)} MiB JSON,`,
    `${plzs.toLocaleString("en")} postal codes), imported through \`therapist.importFile\` (read, detect, map, identify, batched writes,`,
    "bookkeeping, audit) into a fresh database on PostgreSQL 127.0.0.1:5432 per run; then the same content again.",
    "",
    "| figure | target | measured (median) | raw runs |",
    "|---|---|---|---|",
    `| first import (${results[0].created} created) | < 10 s | ${(median(firsts) / 1000).toFixed(2)} s | ${firsts.map((x) => x.toFixed(0)).join(", ")} ms |`,
    `| re-import of the same snapshot | < 5 s | ${(median(seconds) / 1000).toFixed(2)} s | ${seconds.map((x) => x.toFixed(0)).join(", ")} ms |`,
    `| rows changed by the re-import | 0 | ${changed} | created+updated in the report, rows with a newer updated_at, change-history rows: ${results.map((r) => `${r.changedSecond}/${r.touchedRows}/${r.historyRows}`).join(", ")} |`,
  ];
  console.log(lines.join("\n"));
  if (!process.argv.includes("--no-record")) recordSection("import", lines.join("\n"));
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
