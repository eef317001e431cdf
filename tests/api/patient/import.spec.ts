import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Errors } from "moleculer";
import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

const FIXTURES = path.resolve(__dirname, "../../fixtures/registrations");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8"));

/** Drops a fixture into the watched folder, written a minute ago (settled, not an upload in progress). */
function drop(dir: string, fixtureName: string, as = fixtureName, sub = "", ageMs = 60_000) {
  const file = path.join(dir, sub, as);
  fs.copyFileSync(path.join(FIXTURES, fixtureName), file);
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(file, t, t);
}
const ls = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe("registration import (domain.md 3.2, 2.13)", () => {
  let api: TestApi;
  let dir: string;
  let sink: string;
  const runJob = () => api.admin("POST", "/api/jobs/patient.registration-import/run");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "registrations-"));
    sink = fs.mkdtempSync(path.join(os.tmpdir(), "registration-mail-"));
    api = await startApi({
      groups: ["patient", "communication"],
      env: { PATIENT_IMPORT_DIR: dir, MAIL_SINK_DIR: sink, EMAIL_QUEUE_INTERVAL_MS: "100000" },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(sink, { recursive: true, force: true });
  });

  it("imports valid files, keeps broken ones aside with their error, and reports it", async () => {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of [
      "valid-complete.json",
      "valid-minimal.json",
      "invalid-symptom.json",
      "invalid-date.json",
      "missing-patient-data.json",
      "broken-syntax.json",
    ])
      drop(dir, f);
    fs.writeFileSync(path.join(dir, "notes.txt"), "not a registration");

    const run = await runJob();
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      status: "ok",
      result: { files: 6, imported: 2, duplicates: 0, failed: 4 },
    });

    // the shared-folder marker of the platform (mixins/db/shared-folders.ts) is not an import file
    expect(ls(dir).filter((f) => !f.startsWith("."))).toEqual([
      "failed",
      "notes.txt",
      "processed",
      "processing",
    ]);
    const processed = ls(path.join(dir, "processed"));
    expect(processed).toHaveLength(2);
    expect(ls(path.join(dir, "processing"))).toEqual([]);
    const failed = ls(path.join(dir, "failed"));
    expect(failed).toHaveLength(8);
    // The dropped files' names may be the person's: none survives in the kept files or the import log.
    for (const f of [...processed, ...failed])
      expect(f).toMatch(/^registration-\d{8}T\d{6}Z-[0-9a-f]{8}\.json(\.error\.txt)?$/);
    const runs = (await api.staff("GET", "/api/patients/import-status")).body.recent_imports;
    expect(JSON.stringify(runs)).not.toMatch(/valid-|invalid-|missing-|broken-/);
    const failedAs = (error: string) => runs.find((r: any) => r.error?.startsWith(error)).file;
    const reason = (error: string) =>
      fs.readFileSync(path.join(dir, "failed", `${failedAs(error)}.error.txt`), "utf8");
    expect(reason("Invalid symptom")).toContain(
      "Invalid symptom: 'Herzrasen'. Must be from the predefined list",
    );
    expect(reason("Invalid date")).toContain("Invalid date format for geburtsdatum. Use YYYY-MM-DD");
    expect(reason("Missing patient_data")).toContain("Missing patient_data");
    expect(reason("Invalid JSON")).toContain("Invalid JSON");
    // The broken file itself is kept byte for byte.
    expect(fs.readFileSync(path.join(dir, "failed", failedAs("Invalid JSON")))).toEqual(
      fs.readFileSync(path.join(FIXTURES, "broken-syntax.json")),
    );

    const lea = (await api.staff("GET", "/api/patients?search=Import")).body.data;
    expect(lea).toHaveLength(1);
    expect(lea[0]).toMatchObject({
      vorname: "Lea",
      zahlungsreferenz: "a7f3c91b",
      status: "offen",
      vertraege_unterschrieben: true,
      zahlung_eingegangen: false,
      startdatum: null,
      offen_fuer_gruppentherapie: false,
      symptome: ["Schlafstörungen", "Ängste / Panikattacken"],
      krankenversicherungsnummer: "T123456789",
      zeitliche_verfuegbarkeit: { montag: ["08:00-12:00", "14:00-18:00"] },
    });
    const otto = (await api.staff("GET", "/api/patients?search=Ohnemail")).body.data[0];
    expect(otto).toMatchObject({ zahlungsreferenz: "5b2e7c1d", symptome: [], email: null });

    // Confirmation e-mail queued through the communication service, with the Zahlungsreferenz.
    const emails = await api.staff("GET", `/api/emails?patient_id=${lea[0].id}`);
    expect(emails.body.total).toBe(1);
    const email = await api.staff("GET", `/api/emails/${emails.body.data[0].id}`);
    expect(email.body).toMatchObject({
      betreff: "Registrierung Suche Psychotherapieplatz erfolgreich",
      empfaenger_email: "lea.import@example.org",
    });
    expect(["In_Warteschlange", "Gesendet"]).toContain(email.body.status);
    expect(email.body.inhalt_text).toContain("a7f3c91b");
    // No address: the staff are told instead.
    const mails = (await api.admin("GET", "/api/mail-sink")).body.data;
    expect(mails.filter((m: any) => m.to !== "lea.import@example.org").map((m: any) => m.subject)).toEqual([
      "Registrierung ohne E-Mail-Adresse",
    ]);

    const status = await api.staff("GET", "/api/patients/import-status");
    expect(status.body).toMatchObject({
      running: true,
      folder: dir,
      files_waiting: 0,
      files_processed_today: 2,
      files_failed_today: 4,
      total_processed: 2,
      total_failed: 4,
    });
    expect(status.body.last_check).toBeTruthy();
    expect(status.body.last_error).toMatch(/./);
    expect(status.body.recent_imports).toHaveLength(6);
    expect(status.body.recent_imports.find((r: any) => r.patient_id === lea[0].id)).toMatchObject({
      status: "success",
      patient_id: lea[0].id,
      email_status: "queued",
      duplicate: false,
    });
    expect(status.body.recent_imports.find((r: any) => r.error?.startsWith("Invalid date"))).toMatchObject({
      status: "failed",
      error: "Invalid date format for geburtsdatum. Use YYYY-MM-DD",
    });
  });

  it("imports one registration token once, also from a second file or a claim left behind", async () => {
    drop(dir, "valid-complete.json", "lea-again.json");
    // Claimed 20 minutes ago by a node that stopped (PATIENT_IMPORT_STALE_MINUTES is 15).
    drop(dir, "valid-complete.json", "lea-stale.json", "processing", 20 * 60_000);
    const run = await runJob();
    expect(run.body.result).toMatchObject({ files: 2, imported: 0, duplicates: 2, failed: 0, recovered: 1 });
    expect((await api.staff("GET", "/api/patients?search=Import")).body.total).toBe(1);
    const id = (await api.staff("GET", "/api/patients?search=Import")).body.data[0].id;
    expect((await api.staff("GET", `/api/emails?patient_id=${id}`)).body.total).toBe(1);
    const recent = (await api.staff("GET", "/api/patients/import-status")).body.recent_imports;
    expect(recent[0]).toMatchObject({ duplicate: true, email_status: "already_queued", patient_id: id });
  });

  it("leaves a file that is still being written for the next run", async () => {
    fs.writeFileSync(path.join(dir, "uploading.json"), '{"patient_data": {');
    expect((await runJob()).body.result.files).toBe(0);
    expect(ls(dir)).toContain("uploading.json");
    expect((await api.staff("GET", "/api/patients/import-status")).body.files_waiting).toBe(1);
    fs.rmSync(path.join(dir, "uploading.json"));
  });

  it("lets an admin import one registration directly, validated the same way", async () => {
    const body = fixture("valid-complete.json");
    body.registration_token = "f".repeat(64);
    body.patient_data.email = "direkt@example.org";
    expect((await api.staff("POST", "/api/patients/import", body)).status).toBe(403);
    const first = await api.admin("POST", "/api/patients/import", body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      message: "Registration imported",
      zahlungsreferenz: "ffffffff",
      duplicate: false,
      email_status: "queued",
    });
    const again = await api.admin("POST", "/api/patients/import", body);
    expect([again.status, again.body.patient_id, again.body.duplicate]).toEqual([
      200,
      first.body.patient_id,
      true,
    ]);

    const bad = await api.admin("POST", "/api/patients/import", fixture("invalid-symptom.json"));
    expect([bad.status, bad.body]).toEqual([
      400,
      { message: "Invalid symptom: 'Herzrasen'. Must be from the predefined list", type: "VALIDATION_ERROR" },
    ]);
    expect((await api.staff("GET", "/api/patients?search=Herzrasen")).body.total).toBe(0);
  });
});

describe("registration import when the confirmation cannot be queued", () => {
  let api: TestApi;
  let dir: string;
  const messages: { subject: string; message: string }[] = [];
  let emailWorks = false;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "registrations-"));
    api = await startApi({ groups: ["patient"], env: { PATIENT_IMPORT_DIR: dir } });
    // Stands in for the communication service: the e-mail queue refuses until switched on.
    api.broker.createService({
      name: "communication",
      actions: {
        queueTemplateEmail() {
          if (!emailWorks)
            throw new Errors.MoleculerError("template store offline", 500, "TEMPLATE_STORE_DOWN");
          return { email_id: 4711 };
        },
        systemMessage(ctx: any) {
          messages.push(ctx.params);
          return { message: "System message sent successfully" };
        },
      },
    });
    await api.broker.waitForServices("communication");
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports anyway, tells the staff, and queues the e-mail when the registration comes again", async () => {
    drop(dir, "valid-complete.json");
    const run = await api.admin("POST", "/api/jobs/patient.registration-import/run");
    expect(run.body.result).toMatchObject({ imported: 1, failed: 0 });
    expect(ls(path.join(dir, "processed"))).toHaveLength(1);
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toBe("Registrierungsbestätigung nicht versendet");
    expect(messages[0].message).toContain("a7f3c91b");
    const status = (await api.staff("GET", "/api/patients/import-status")).body;
    expect(status.recent_imports[0]).toMatchObject({
      status: "success",
      email_status: "failed: TEMPLATE_STORE_DOWN",
    });

    emailWorks = true;
    drop(dir, "valid-complete.json", "resent.json");
    await api.admin("POST", "/api/jobs/patient.registration-import/run");
    const again = (await api.staff("GET", "/api/patients/import-status")).body.recent_imports[0];
    expect(again).toMatchObject({ duplicate: true, email_status: "queued" });
    expect(messages).toHaveLength(1);
  });

  it("sets aside a file that fails for an unexpected reason instead of retrying it forever", async () => {
    // A constraint the import knows nothing about stands in for an unforeseen database refusal.
    const db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    await db.query(
      "ALTER TABLE patient_service.patienten ADD CONSTRAINT no_poison CHECK (nachname <> 'Gift')",
    );
    const poison = fixture("valid-minimal.json");
    poison.patient_data.nachname = "Gift";
    poison.registration_token = "9".repeat(64);
    fs.writeFileSync(path.join(dir, "a-poison.json"), JSON.stringify(poison));
    drop(dir, "valid-minimal.json", "b-after.json");
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(path.join(dir, "a-poison.json"), old, old);
    const run = await api.admin("POST", "/api/jobs/patient.registration-import/run");
    await db.end();
    expect(run.body).toMatchObject({ status: "ok", result: { files: 2, imported: 1, failed: 1 } });
    const runs = (await api.staff("GET", "/api/patients/import-status")).body.recent_imports;
    const poisoned = runs.find((r: any) => r.status === "failed" && r.error.startsWith("Internal error"));
    const reason = fs.readFileSync(path.join(dir, "failed", `${poisoned.file}.error.txt`), "utf8");
    expect(reason).toContain("Internal error while importing");
    expect(reason).not.toContain("no_poison");
  });
});
