import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startApi, type TestApi } from "../../helpers/api";

const DAY = 86_400_000;

/** Writes a file and dates it `days` back (what the retention jobs judge by). */
function put(file: string, days: number, content = "{}") {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const t = new Date(Date.now() - days * DAY);
  fs.utimesSync(file, t, t);
}

describe("retention of what lies outside the tables (issue 11)", () => {
  let api: TestApi;
  let dir: string;
  let sink: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "retention-registrations-"));
    sink = fs.mkdtempSync(path.join(os.tmpdir(), "retention-mail-"));
    api = await startApi({
      groups: ["patient", "communication"],
      env: {
        PATIENT_IMPORT_DIR: dir,
        MAIL_SINK_DIR: sink,
        MAIL_SINK_KEEP_DAYS: "14",
        PATIENT_IMPORT_KEEP_PROCESSED_DAYS: "30",
        PATIENT_IMPORT_KEEP_FAILED_DAYS: "7",
        PATIENT_IMPORT_KEEP_LOG_DAYS: "90",
      },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(sink, { recursive: true, force: true });
  });

  it("deletes mail-sink messages older than MAIL_SINK_KEEP_DAYS and writes new ones for the owner only", async () => {
    put(path.join(sink, "2026-01-01T00-00-00-000Z-_old@x_.eml"), 15);
    put(path.join(sink, "2026-01-01T00-00-00-000Z-_old@x_.json"), 15);
    put(path.join(sink, "2026-01-10T00-00-00-000Z-_young@x_.eml"), 13);
    expect((await api.staff("POST", "/api/system-messages", { subject: "x", message: "y" })).status).toBe(
      200,
    );
    const fresh = fs
      .readdirSync(sink)
      .filter((f) => !f.includes("_old@") && !f.includes("_young@") && !f.startsWith("."));
    expect(fresh).toHaveLength(2);
    for (const f of fresh) expect(fs.statSync(path.join(sink, f)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(sink).mode & 0o777).toBe(0o700);

    const run = await api.admin("POST", "/api/jobs/communication.mail-sink-retention/run");
    expect(run.body).toMatchObject({ status: "ok", result: { deleted_files: 2, keep_days: 14 } });
    expect(
      fs
        .readdirSync(sink)
        .filter((f) => !f.startsWith("."))
        .sort(),
    ).toEqual(["2026-01-10T00-00-00-000Z-_young@x_.eml", ...fresh].sort());
  });

  it("deletes kept registration files and clears the import log's names after their periods, keeping counts", async () => {
    put(path.join(dir, "processed", "registration-a.json"), 31);
    put(path.join(dir, "processed", "registration-b.json"), 29);
    put(path.join(dir, "failed", "registration-c.json"), 8);
    put(path.join(dir, "failed", "registration-c.json.error.txt"), 8);
    put(path.join(dir, "failed", "registration-d.json"), 6);
    const db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO patient_service.import_runs (file, source, status, error, stored_as, at) VALUES
         ('Lea_Muster.json', 'folder', 'failed', 'Invalid date format for Lea', 'failed/x.json', now() - interval '91 days'),
         ('registration-new.json', 'folder', 'failed', 'Missing patient_data', 'failed/y.json', now() - interval '89 days')`,
    );
    const before = (await api.staff("GET", "/api/patients/import-status")).body;

    const run = await api.admin("POST", "/api/jobs/patient.import-retention/run");
    expect(run.body).toMatchObject({
      status: "ok",
      result: { processed_files_deleted: 1, failed_files_deleted: 2, log_entries_cleared: 1 },
    });
    expect(fs.readdirSync(path.join(dir, "processed"))).toEqual(["registration-b.json"]);
    expect(fs.readdirSync(path.join(dir, "failed"))).toEqual(["registration-d.json"]);
    const runs = await db.query("SELECT file, error, stored_as FROM patient_service.import_runs ORDER BY at");
    await db.end();
    expect(runs.rows).toEqual([
      { file: null, error: null, stored_as: null },
      { file: "registration-new.json", error: "Missing patient_data", stored_as: "failed/y.json" },
    ]);
    const after = (await api.staff("GET", "/api/patients/import-status")).body;
    expect(after.total_failed).toBe(before.total_failed);
  });
});
