/**
 * issue 12.2 / decisions.md 26: a page of 1000 patients with 10,000 stored.
 *
 *   npm run bench:patient-page [-- --patients 10000 --rounds 20 --record]
 *
 * A fresh database on the test server (TEST_DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1), the
 * gateway and the patient service in one process, the patients written as the patient service writes them
 * (encrypted), then `GET /api/patients?limit=1000&page=<n>` timed
 * end to end over HTTP: query, decryption of the protected fields, the audit entry naming the 1000 ids, JSON.
 */
import { Client } from "pg";
import { loadConfig, processEnv } from "../../config";
import { createBroker } from "../../mixins/platform";
import { SYMPTOMS } from "../../services/shared/symptoms";
import { rng } from "./dataset";
import { machine, median, recordSection } from "./record";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ADMIN = { email: "admin@bench.local", password: "Bench-admin-password-2026!" };

async function pool(n: number, width: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function main() {
  const patients = arg("patients", 10_000);
  const rounds = arg("rounds", 20);
  const adminUrl = loadConfig(processEnv()).core.testDatabaseAdminUrl as string;
  const dbName = `bench_page_${process.pid}_${Date.now().toString(36)}`;
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
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "false",
    GEOCODING_ONLINE: "false",
    PORT: "0",
  });
  const broker = createBroker(cfg, ["api", "patient"], { logger: false });
  await broker.start();
  try {
    const base = `http://127.0.0.1:${(broker.getLocalService("api") as any).settings.port}`;
    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const r = await fetch(base + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await r.json()) as any;
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };
    const token = (await call("POST", "/api/auth/login", null, ADMIN)).token as string;
    const r = rng(12);
    const patient = (i: number) => ({
      anrede: i % 2 ? "Herr" : "Frau",
      geschlecht: i % 2 ? "männlich" : "weiblich",
      vorname: `Vorname${i}`,
      nachname: `Nachname${i}`,
      email: `p${i}@example.invalid`,
      telefon: `0${Math.floor(r() * 1e9)}`,
      strasse: `Teststraße ${1 + (i % 90)}`,
      plz: String(10115 + Math.floor(r() * 80_000)).padStart(5, "0"),
      ort: "Teststadt",
      geburtsdatum: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      krankenkasse: "AOK",
      krankenversicherungsnummer: `A${String(i).padStart(9, "0")}`,
      symptome: SYMPTOMS.slice(i % 20, (i % 20) + 1 + (i % 6)),
      erfahrung_mit_psychotherapie: false,
      offen_fuer_gruppentherapie: i % 3 === 0,
      zeitliche_verfuegbarkeit: { montag: ["08:00-12:00"], mittwoch: ["14:00-18:00"] },
      raeumliche_verfuegbarkeit: { max_km: 25 },
    });
    let t0 = performance.now();
    // The first hundred through the API; the rest written by the patient service's own repository (its row
    // encoding and encryption, without the per-request audit entry that makes API seeding take half an hour
    // on a loaded machine).
    const viaApi = Math.min(100, patients);
    await pool(viaApi, 4, (i) => call("POST", "/api/patients", token, patient(i)));
    const svc = broker.getLocalService("patient") as any;
    for (let from = viaApi; from < patients; from += 500) {
      await svc.db.transaction(async (t: any) => {
        for (let i = from; i < Math.min(patients, from + 500); i++)
          await svc.repo.insert({ ...patient(i), zahlungsreferenz: `B${String(i).padStart(7, "0")}` }, t);
      });
    }
    const seedSeconds = (performance.now() - t0) / 1000;
    const times: number[] = [];
    // CPU time of this process (gateway, service, and the client's JSON parse) per request: on a shared, busy
    // machine the wall time mostly measures the wait for a core.
    const cpu: number[] = [];
    const pages = Math.ceil(patients / 1000);
    for (let k = 0; k < rounds; k++) {
      const page = 1 + (k % pages);
      t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await call("GET", `/api/patients?limit=1000&page=${page}`, token);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (res.data.length !== 1000 || res.limit !== 1000 || res.total !== patients)
        throw new Error(`unexpected page: ${res.data.length} rows, limit ${res.limit}, total ${res.total}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    const fmt = (x: number) => `${Math.round(x)} ms`;
    const load = (await import("node:os")).loadavg()[0].toFixed(1);
    const md = `## A page of 1000 patients (issue 12.2, decisions.md 26)

Command: \`npm run bench:patient-page -- --patients ${patients} --rounds ${rounds} --record\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}, load average ${load}.
Data: ${patients} patients (${viaApi} through \`POST /api/patients\`, the rest through the patient service's repository; ${seedSeconds.toFixed(0)} s), every protected field encrypted.
Measured: \`GET /api/patients?limit=1000&page=1..${pages}\` over HTTP (query, decryption, audit entry, JSON), ${rounds} requests in turn.

| figure | target | median | p95 | max |
|---|---|---|---|---|
| one page of 1000 patients, wall time | well under 1 s | ${fmt(median(times))} | ${fmt(p95)} | ${fmt(sorted[sorted.length - 1])} |
| the same, CPU time of the Node process | | ${fmt(median(cpu))} | | ${fmt(Math.max(...cpu))} |

Raw wall (ms): ${times.map((t) => Math.round(t)).join(", ")}; raw CPU (ms): ${cpu.map((t) => Math.round(t)).join(", ")}`;
    console.log(md);
    if (process.argv.includes("--record")) recordSection("patient-page", md);
  } finally {
    await broker.stop();
    await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
