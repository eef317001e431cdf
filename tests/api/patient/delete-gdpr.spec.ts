import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Errors } from "moleculer";
import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";
import { eventually } from "../../helpers/eventually";
import { ALL_GROUPS, createReadyPatient, createSearch } from "../../helpers/factories";

const FIXTURES = path.resolve(__dirname, "../../fixtures/registrations");
const base = { anrede: "Herr", geschlecht: "männlich", vorname: "Dieter", nachname: "Delete" };

describe("deleting, exporting and erasing a patient with every service running", () => {
  let api: TestApi;
  let dir: string;
  let sink: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "registrations-"));
    sink = fs.mkdtempSync(path.join(os.tmpdir(), "erasure-mail-"));
    api = await startApi({
      groups: ALL_GROUPS,
      env: {
        PATIENT_IMPORT_DIR: dir,
        MAIL_SINK_DIR: sink,
        OUTBOX_POLL_MS: "100",
        EMAIL_QUEUE_INTERVAL_MS: "100000",
      },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(sink, { recursive: true, force: true });
  });
  async function sql(text: string, values: unknown[] = []) {
    const db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, values)).rows;
    } finally {
      await db.end();
    }
  }
  /** The anonymous counts erasure keeps, as "status/search_started" -> erasures. */
  async function erasureCounts(): Promise<Record<string, number>> {
    const rows = await sql(
      "SELECT status, search_started, SUM(erasures)::int AS n FROM patient_service.erasure_stats GROUP BY 1, 2",
    );
    return Object.fromEntries(rows.map((r) => [`${r.status}/${r.search_started}`, r.n]));
  }

  it("refuses while a search is active and changes nothing (decisions.md 27)", async () => {
    const p = await createReadyPatient(api);
    const s = await createSearch(api, p.id);
    const r = await api.staff("DELETE", `/api/patients/${p.id}`);
    expect([r.status, r.body]).toEqual([
      400,
      {
        message: `Cannot delete patient ${p.id}: Active search exists (Platzsuche ${s.id})`,
        type: "ACTIVE_SEARCH_EXISTS",
      },
    ]);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(200);
    expect((await api.staff("GET", `/api/platzsuchen/${s.id}`)).body).toMatchObject({
      patient_id: p.id,
      status: "aktiv",
    });
  });

  it("erases like the GDPR erasure when no search is active, also outside the tables", async () => {
    const p = await createReadyPatient(api, { strasse: "Löschweg 3" });
    const s = await createSearch(api, p.id);
    await api.staff("PUT", `/api/platzsuchen/${s.id}`, { status: "abgebrochen" });
    const email = await api.staff("POST", "/api/emails", {
      patient_id: p.id,
      betreff: "Rückfrage",
      empfaenger_email: p.email,
      empfaenger_name: "Pat",
      inhalt_text: "Hallo",
      status: "In_Warteschlange",
    });
    const call = await api.staff("POST", "/api/phone-calls", {
      patient_id: p.id,
      notizen: "Erzählt von Panikattacken",
    });
    expect([email.status, call.status]).toEqual([201, 201]);
    const sent = await eventually(
      () => api.staff("GET", `/api/emails/${email.body.id}`),
      (r) => r.body.status === "Gesendet",
    );
    expect(sent.body.status).toBe("Gesendet");
    const own = () =>
      fs.readdirSync(sink).filter((f) => fs.readFileSync(path.join(sink, f), "utf8").includes(p.email));
    expect(own().length).toBeGreaterThanOrEqual(1);
    // Whole e-mails about patients: readable by the service's user only.
    for (const f of fs.readdirSync(sink)) expect(fs.statSync(path.join(sink, f)).mode & 0o777).toBe(0o600);
    // An earlier registration of the same person that failed (the form sent a broken file).
    fs.writeFileSync(path.join(dir, "Pat_Anmeldung.json"), `{"patient_data": {"email": "${p.email}",`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, "Pat_Anmeldung.json"), old, old);
    await api.admin("POST", "/api/jobs/patient.registration-import/run");
    const failedBefore = fs.readdirSync(path.join(dir, "failed"));
    expect(failedBefore.length).toBeGreaterThanOrEqual(2);
    // The address as a street-level lookup would have cached it.
    await sql(
      "INSERT INTO geocoding_service.geocache (query, query_type, latitude, longitude) VALUES ($1, 'address', 50.77, 6.08)",
      ["löschweg 3, 52062 aachen"],
    );

    const r = await api.staff("DELETE", `/api/patients/${p.id}`);
    expect([r.status, r.body]).toEqual([200, { message: "Patient deleted successfully" }]);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(404);
    expect((await api.staff("GET", `/api/emails/${email.body.id}`)).status).toBe(404);
    expect((await api.staff("GET", `/api/phone-calls/${call.body.id}`)).status).toBe(404);
    expect((await api.staff("GET", `/api/platzsuchen?patient_id=${p.id}`)).body.total).toBe(0);
    expect((await api.admin("POST", `/api/patients/${p.id}/erasure`)).status).toBe(404);
    expect(own()).toEqual([]);
    expect(fs.readdirSync(path.join(dir, "failed"))).toHaveLength(failedBefore.length - 2);
    expect(await sql("SELECT query FROM geocoding_service.geocache WHERE query LIKE 'löschweg%'")).toEqual(
      [],
    );
    const log = await api.admin("GET", `/api/audit?entity=patient&entity_id=${p.id}`);
    expect(log.body.data[0]).toMatchObject({
      action: "delete",
      user_email: "staff@test.local",
      details: { erased: true, cascaded: ["matching", "communication", "geocoding"], registration_files: 1 },
    });
  });

  it("exports everything stored about the patient, for admins only", async () => {
    const p = await createReadyPatient(api, { telefon: "0241 123", strasse: "Exportweg 1" });
    await createSearch(api, p.id);
    const email = await api.staff("POST", "/api/emails", {
      patient_id: p.id,
      betreff: "Rückfrage",
      empfaenger_email: p.email,
      empfaenger_name: "Pat",
      inhalt_text: "Hallo",
    });
    expect(email.status).toBe(201);
    expect((await api.staff("GET", `/api/patients/${p.id}/export`)).status).toBe(403);
    const r = await api.admin("GET", `/api/patients/${p.id}/export`);
    expect(r.status).toBe(200);
    expect(r.body.patient).toMatchObject({ id: p.id, telefon: "0241 123", strasse: "Exportweg 1" });
    expect(r.body.matching.platzsuchen).toHaveLength(1);
    expect(r.body.communication.emails.map((e: any) => e.id)).toEqual([email.body.id]);
    expect(r.body.registrierung_import).toEqual([]);
    expect(r.body.exported_at).toMatch(/^\d{4}-/);
    const log = await api.admin("GET", `/api/audit?entity=patient&entity_id=${p.id}`);
    expect(log.body.data[0]).toMatchObject({ action: "export", user_email: "admin@test.local" });
  });

  it("erases the patient everywhere, with the kept registration file, leaving anonymous counts", async () => {
    fs.copyFileSync(path.join(FIXTURES, "valid-complete.json"), path.join(dir, "erase-me.json"));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, "erase-me.json"), old, old);
    await api.admin("POST", "/api/jobs/patient.registration-import/run");
    const p = (await api.staff("GET", "/api/patients?search=Import")).body.data[0];
    const kept = fs.readdirSync(path.join(dir, "processed"));
    expect(kept).toHaveLength(1);
    await api.staff("PUT", `/api/patients/${p.id}`, { zahlung_eingegangen: true, krankenkasse: "TK" });
    const s = await createSearch(api, p.id);
    const countedBefore = await erasureCounts();

    expect((await api.staff("POST", `/api/patients/${p.id}/erasure`)).status).toBe(403);
    const r = await api.admin("POST", `/api/patients/${p.id}/erasure`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      message: "Patient data erased",
      patient_id: p.id,
      registration_files_deleted: 1,
      cascaded: { matching: { searches_anonymised: 1 }, communication: {} },
    });
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(404);
    expect(fs.readdirSync(path.join(dir, "processed"))).toEqual([]);
    expect((await api.staff("GET", `/api/emails?patient_id=${p.id}`)).body.total).toBe(0);
    expect((await api.staff("GET", `/api/platzsuchen?patient_id=${p.id}`)).body.total).toBe(0);
    expect((await api.staff("GET", `/api/platzsuchen/${s.id}`)).body.patient_id).not.toBe(p.id);

    const recent = (await api.staff("GET", "/api/patients/import-status")).body.recent_imports;
    expect(recent[0]).toMatchObject({ file: null, patient_id: null, status: "success" });
    expect(await erasureCounts()).toEqual({
      ...countedBefore,
      "auf_der_Suche/true": (countedBefore["auf_der_Suche/true"] ?? 0) + 1,
    });
    const log = await api.admin("GET", `/api/audit?entity=patient&entity_id=${p.id}`);
    expect(log.body.data[0]).toMatchObject({ action: "erase", details: { registration_files: 1 } });
  });
});

describe("deleting and erasing while other services fail", () => {
  let api: TestApi;
  const calls: string[] = [];
  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
    api.broker.createService({
      name: "geocoding",
      actions: { forgetAddresses: () => ({ geocache_deleted: 0 }) },
    });
  });
  afterAll(() => api.stop());

  it("keeps the patient and answers 503 when a service holding data is unreachable", async () => {
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const erase = await api.admin("POST", `/api/patients/${p.id}/erasure`);
    expect([erase.status, erase.body]).toEqual([
      503,
      { message: "Cannot erase patient: matching service unavailable", type: "SERVICE_UNAVAILABLE" },
    ]);
    const exp = await api.admin("GET", `/api/patients/${p.id}/export`);
    expect([exp.status, exp.body.type]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(200);
  });

  it("keeps the patient and touches nothing when one holder is down", async () => {
    api.broker.createService({
      name: "matching",
      actions: {
        erasePatient() {
          calls.push("erase");
          return { searches_anonymised: 0 };
        },
        exportPatient: () => ({ platzsuchen: [], anfragen: [] }),
      },
    });
    await api.broker.waitForServices("matching");
    const { body: p } = await api.staff("POST", "/api/patients", base);
    const del = await api.staff("DELETE", `/api/patients/${p.id}`);
    expect([del.status, del.body]).toEqual([
      503,
      { message: "Cannot delete patient: Communication service unavailable", type: "SERVICE_UNAVAILABLE" },
    ]);
    const erase = await api.admin("POST", `/api/patients/${p.id}/erasure`);
    expect([erase.status, erase.body.message]).toEqual([
      503,
      "Cannot erase patient: communication service unavailable",
    ]);
    expect(calls).toEqual([]);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(200);
  });
  it("keeps the patient when a holder fails half-way, and a repeated erasure completes it", async () => {
    let commDown = true;
    api.broker.createService({
      name: "communication",
      actions: {
        erasePatient() {
          calls.push("comm-erase");
          if (commDown)
            throw new Errors.ServiceNotAvailableError({ action: "communication.erasePatient", nodeID: "x" });
          return { emails_deleted: 0 };
        },
        exportPatient() {
          throw new Errors.MoleculerError("disk full", 500, "IO_ERROR");
        },
      },
    });
    await api.broker.waitForServices("communication");
    const { body: p } = await api.staff("POST", "/api/patients", base);
    calls.length = 0;
    const first = await api.admin("POST", `/api/patients/${p.id}/erasure`);
    expect([first.status, first.body]).toEqual([
      503,
      { message: "Cannot erase patient: communication service unavailable", type: "SERVICE_UNAVAILABLE" },
    ]);
    // Matching erased first; communication was tried (the broker retries an unavailable node).
    expect(calls[0]).toBe("erase");
    expect([...new Set(calls.slice(1))]).toEqual(["comm-erase"]);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(200);

    const exp = await api.admin("GET", `/api/patients/${p.id}/export`);
    expect([exp.status, exp.body]).toEqual([
      500,
      { message: "Cannot export patient: communication service error", type: "GDPR_CASCADE_FAILED" },
    ]);

    commDown = false;
    const again = await api.admin("POST", `/api/patients/${p.id}/erasure`);
    expect(again.status).toBe(200);
    expect((await api.staff("GET", `/api/patients/${p.id}`)).status).toBe(404);
  });
});
