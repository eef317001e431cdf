import * as path from "node:path";
import { Client } from "pg";
import { loadConfig, processEnv } from "../../config";
import { encryptField, encryptJson } from "../../mixins/crypto";
import { createBroker } from "../../mixins/platform";
import { proposeBundles } from "../../services/matching/domain/bundle/engine";
import type { BundleRules, BundleSearch, BundleTherapist } from "../../services/matching/domain/bundle/types";
import { learnPreferences, preferenceModel } from "../../services/matching/domain/preferences";
import { generate, readCentroidFile, regionalCentroids } from "./dataset";
import { machine, median, recordSection, withPeakRss } from "./record";
import { referenceBundles } from "./reference";

// `npm run bench:bundles [-- --runs N] [-- --record]` (quality.md P1, P1r). Reads ../shared/data/plz_geocoord.csv
// at run time; --record rewrites the bundle section of docs/benchmarks.md.
const CSV = path.resolve(__dirname, "../../../shared/data/plz_geocoord.csv");
const RULES: BundleRules = {
  today: "2026-11-22",
  minSize: 3,
  maxSize: 6,
  weights: { waiting: 0.4, availability: 0.2, preference: 0.25, distance: 0.15 },
};
// What the run uses before any outcome is recorded: 0.5 for every pair, and it knows that bound.
const neutral = preferenceModel(learnPreferences([]));
const ms = (t0: number) => performance.now() - t0;

async function loadIntoDatabase(url: string, therapists: BundleTherapist[], searches: BundleSearch[]) {
  const cfg = loadConfig({
    ...processEnv(),
    DATABASE_URL: url,
    ENCRYPTION_KEY: "bench-key-0123456789abcdef",
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
  });
  const c = new Client({ connectionString: url });
  await c.connect();
  const chunk = 2000;
  for (let k = 0; k < therapists.length; k += chunk) {
    const rows = therapists.slice(k, k + chunk).map((t) => ({
      id: t.id,
      anrede: t.geschlecht === "männlich" ? "Herr" : "Frau",
      geschlecht: t.geschlecht,
      titel: t.titel ?? "",
      vorname: t.vorname,
      nachname: t.nachname,
      plz: t.plz,
      ort: "Ort",
      email: t.email,
      psychotherapieverfahren: t.psychotherapieverfahren,
      alter_min: t.alter_min,
      alter_max: t.alter_max,
      geschlechtspraeferenz: t.geschlechtspraeferenz,
      bevorzugt_gruppentherapie: t.bevorzugt_gruppentherapie,
      potenziell_verfuegbar: t.potenziell_verfuegbar,
      ueber_curavani_informiert: t.ueber_curavani_informiert,
      naechster_kontakt_moeglich: t.naechster_kontakt_moeglich,
      latitude: t.latitude,
      longitude: t.longitude,
      arbeitszeiten: t.arbeitszeiten,
    }));
    await c.query(
      `INSERT INTO therapist_service.therapeuten (id, anrede, geschlecht, titel, vorname, nachname, plz, ort, email, psychotherapieverfahren,
         alter_min, alter_max, geschlechtspraeferenz, bevorzugt_gruppentherapie, potenziell_verfuegbar, ueber_curavani_informiert,
         naechster_kontakt_moeglich, latitude, longitude, arbeitszeiten)
       SELECT id, anrede, geschlecht, titel, vorname, nachname, plz, ort, email, psychotherapieverfahren, alter_min, alter_max,
              geschlechtspraeferenz, bevorzugt_gruppentherapie, potenziell_verfuegbar, ueber_curavani_informiert,
              naechster_kontakt_moeglich::date, latitude, longitude, arbeitszeiten
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, anrede text, geschlecht text, titel text, vorname text, nachname text, plz text,
              ort text, email text, psychotherapieverfahren text, alter_min int, alter_max int, geschlechtspraeferenz text,
              bevorzugt_gruppentherapie bool, potenziell_verfuegbar bool, ueber_curavani_informiert bool, naechster_kontakt_moeglich text,
              latitude float8, longitude float8, arbeitszeiten jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  for (let k = 0; k < searches.length; k += chunk) {
    const part = searches.slice(k, k + chunk);
    const patients = part.map((s) => ({
      id: s.patient_id,
      anrede: "Frau",
      geschlecht: s.geschlecht,
      vorname: `P${s.patient_id}`,
      nachname: "Bench",
      plz: "00000",
      ort: "Ort",
      geburtsdatum: encryptField(cfg, s.age === null ? null : `${2026 - s.age - 1}-06-01`),
      symptome: encryptJson(cfg, ["Schlafstörungen"]),
      krankenkasse: "AOK",
      zahlungsreferenz: "BENCH000",
      zeitliche_verfuegbarkeit: s.zeitliche_verfuegbarkeit,
      raeumliche_verfuegbarkeit: { max_km: s.max_km },
      offen_fuer_gruppentherapie: s.offen_fuer_gruppentherapie,
      bevorzugtes_therapeutengeschlecht: s.bevorzugtes_therapeutengeschlecht,
      bevorzugtes_therapieverfahren: s.bevorzugtes_therapieverfahren,
      latitude: s.latitude,
      longitude: s.longitude,
    }));
    await c.query(
      `INSERT INTO patient_service.patienten (id, anrede, geschlecht, vorname, nachname, plz, ort, geburtsdatum, symptome, krankenkasse,
         zahlungsreferenz, zeitliche_verfuegbarkeit, raeumliche_verfuegbarkeit, offen_fuer_gruppentherapie, bevorzugtes_therapeutengeschlecht,
         bevorzugtes_therapieverfahren, latitude, longitude, erfahrung_mit_psychotherapie)
       SELECT id, anrede, geschlecht, vorname, nachname, plz, ort, geburtsdatum, symptome, krankenkasse, zahlungsreferenz,
              zeitliche_verfuegbarkeit, raeumliche_verfuegbarkeit, offen_fuer_gruppentherapie, bevorzugtes_therapeutengeschlecht,
              bevorzugtes_therapieverfahren, latitude, longitude, false
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, anrede text, geschlecht text, vorname text, nachname text, plz text, ort text,
              geburtsdatum text, symptome text, krankenkasse text, zahlungsreferenz text, zeitliche_verfuegbarkeit jsonb,
              raeumliche_verfuegbarkeit jsonb, offen_fuer_gruppentherapie bool, bevorzugtes_therapeutengeschlecht text,
              bevorzugtes_therapieverfahren text, latitude float8, longitude float8)`,
      [JSON.stringify(patients)],
    );
    const rows = part.map((s) => ({
      id: s.platzsuche_id,
      patient_id: s.patient_id,
      created_at: s.created_at,
      budget: s.remaining_budget,
      ex: [...s.excluded_therapist_ids],
    }));
    await c.query(
      `INSERT INTO matching_service.platzsuche (id, patient_id, created_at, gesamt_angeforderte_kontakte, ausgeschlossene_therapeuten)
       SELECT id, patient_id, created_at::timestamptz, budget, to_jsonb(ex)
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, patient_id int, created_at text, budget int, ex int[])`,
      [JSON.stringify(rows)],
    );
  }
  await c.end();
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--runs");
  const runs = Number(at >= 0 ? args[at + 1] : (args.find((a) => /^\d+$/.test(a)) ?? 3));
  const all = readCentroidFile(CSV);
  const national = generate(all, 32_500, 20_000, 42);
  const regional = generate(regionalCentroids(all), 3_000, 2_000, 42);

  const propose: number[] = [];
  let bundles = 0;
  const { peakMiB: proposePeak } = await withPeakRss(() => {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      bundles = proposeBundles(national.therapists, national.searches, new Set(), RULES, neutral).bundles
        .length;
      propose.push(ms(t0));
    }
  });

  const engineRegional: number[] = [];
  const referenceRegional: number[] = [];
  let identical = true;
  // Five pairs: one run of each is noisy on a shared machine, and the first engine run still warms up.
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const a = proposeBundles(regional.therapists, regional.searches, new Set(), RULES, neutral).bundles;
    engineRegional.push(ms(t0));
    t0 = performance.now();
    const b = referenceBundles(regional.therapists, regional.searches, new Set(), RULES, neutral);
    referenceRegional.push(ms(t0));
    identical &&= JSON.stringify(a) === JSON.stringify(b);
  }

  // Whole run: load from and write to PostgreSQL through the services (patient.getMany, therapist.listForMatching, matching).
  const admin = loadConfig(processEnv()).core.testDatabaseAdminUrl as string;
  const dbName = `bench_bundles_${process.pid}`;
  const adminClient = new Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${dbName}"`);
  const url = Object.assign(new URL(admin), { pathname: `/${dbName}` }).toString();
  const cfg = loadConfig({
    ...processEnv(),
    DATABASE_URL: url,
    ENCRYPTION_KEY: "bench-key-0123456789abcdef",
    ANSWER_LINK_SECRET: "bench-link-secret-0123456789",
    AUDIT_CHAIN_SECRET: "bench-audit-secret-0123456789",
    LOG_LEVEL: "warn",
    DB_POOL_MAX: "10",
    PORT: "0",
  });
  const broker = createBroker(cfg, ["patient", "therapist", "matching"], { logger: false });
  await broker.start();
  await loadIntoDatabase(url, national.therapists, national.searches);
  const whole: number[] = [];
  const phaseRuns: Record<string, number>[] = [];
  let written = 0;
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const { peakMiB: wholePeak } = await withPeakRss(async () => {
    for (let i = 0; i < 3; i++) {
      await pg.query("DELETE FROM matching_service.therapeutenanfrage; DELETE FROM platform.outbox");
      const t0 = performance.now();
      const r = await broker.call<
        { anzahl_buendel: number; phasen_ms: Record<string, number>; ladezeiten_ms: Record<string, number> },
        object
      >("matching.runBundlesInternal", {}, { timeout: 120_000 });
      whole.push(ms(t0));
      written = r.anzahl_buendel;
      phaseRuns.push({ ...r.phasen_ms, ...r.ladezeiten_ms });
    }
  });
  await pg.end();
  await broker.stop();
  await adminClient.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
  await adminClient.end();

  const ratio = median(referenceRegional) / median(engineRegional);
  const lines = [
    "## Automatic bundle run (quality.md P1, P1r)",
    "",
    `Command: \`npm run bench:bundles -- --runs ${runs} --record\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine()}.`,
    "Data: generated from `../shared/data/plz_geocoord.csv` (seed 42): 32,500 therapists and 20,000 active searches nationally;",
    "3,000 × 2,000 in the 600 postal codes around Cologne/Bonn/Aachen for the reference comparison.",
    "",
    "| figure | target | measured (median) | raw runs |",
    "|---|---|---|---|",
    `| proposal, data in memory, national (${bundles} bundles) | ≤ 1 s | ${(median(propose) / 1000).toFixed(2)} s | ${propose.map((x) => x.toFixed(0)).join(", ")} ms |`,
    `| whole run: load via services + propose + write to PostgreSQL (${written} bundles) | ≤ 5 s | ${(median(whole) / 1000).toFixed(2)} s | ${whole.map((x) => x.toFixed(0)).join(", ")} ms |`,
    `| peak memory (RSS) | < 1 GiB | ${Math.max(proposePeak, wholePeak)} MiB | proposal ${proposePeak} MiB, whole run ${wholePeak} MiB (includes the in-process services) |`,
    `| engine vs. reference, regional 3,000 × 2,000 (5 runs each) | ≥ 50× | ${ratio.toFixed(1)}× | engine ${engineRegional.map((x) => x.toFixed(0)).join(", ")} ms; reference ${referenceRegional.map((x) => x.toFixed(0)).join(", ")} ms |`,
    `| identical bundles, engine vs. reference | identical | ${identical ? "identical" : "DIFFERENT"} | |`,
    "",
    `Whole-run phases (ms, per run): ${phaseRuns.map((p) => JSON.stringify(p)).join("; ")}`,
  ];
  console.log(lines.join("\n"));
  if (args.includes("--record")) recordSection("bundles", lines.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
