import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";

const snapshot = (plz: string, ...names: [string, string][]) =>
  JSON.stringify({
    metadata: { scrape_id: `${plz}_test`, postcode_area: plz },
    therapists: names.map(([first_name, last_name]) => ({
      basic_info: { salutation: "Frau", first_name, last_name },
      location: { street: "Weg", house_number: "1", postal_code: plz, city: "Ort" },
      therapy_methods: ["Verhaltenstherapie für Erwachsene"],
    })),
  });

describe("watched therapist import folder and its daily job (domain.md 2.12, 3.17)", () => {
  let api: TestApi;
  let base: string;
  const put = (rel: string, content: string) => {
    const file = path.join(
      rel.startsWith("_urgent/") ? `${base}_urgent` : base,
      rel.replace(/^_urgent\//, ""),
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };
  const names = async (plz: string) =>
    (await api.staff("GET", `/api/therapists?plz_prefix=${plz}`)).body.data
      .map((t: any) => t.nachname)
      .sort();

  beforeAll(async () => {
    base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "therapist-import-")), "snapshots");
    api = await startApi({
      groups: ["therapist"],
      env: { THERAPIST_IMPORT_FOLDER_PATH: base, THERAPIST_IMPORT_CRON: "30 4 * * *" },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(path.dirname(base), { recursive: true, force: true });
  });

  it("is a daily job with the configured schedule", async () => {
    const jobs = (await api.staff("GET", "/api/jobs")).body.data;
    expect(jobs.find((j: any) => j.name === "therapist.folder-import")).toMatchObject({
      service: "therapist",
      schedule: "cron 30 4 * * *",
      enabled: true,
    });
  });

  it("imports the newest file per PLZ, the urgent folder first; a broken file is recorded and kept", async () => {
    put("20250110/04107.json", snapshot("04107", ["Anna", "Alt"]));
    put("20250115/04107.json", snapshot("04107", ["Anna", "Neu"], ["Berta", "Neu"]));
    put("20250115/52062.json", '{"therapists": [');
    put("20250115/notizen.json", "{}");
    put("20250115/10115.json", snapshot("10115", ["Carla", "Regulaer"]));
    put("_urgent/20250116/10115.json", snapshot("10115", ["Carla", "Dringend"]));
    put("ohne-datum/12345.json", snapshot("12345", ["Dora", "Ignoriert"]));

    const run = await api.admin("POST", "/api/jobs/therapist.folder-import/run");
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      status: "ok",
      result: {
        files: 3,
        imported: 2,
        failed: 1,
        unchanged: 0,
        superseded: 2,
        ignored: ["20250115/notizen.json"],
      },
    });
    expect(run.body.result.results.map((r: any) => [r.file, r.status])).toEqual([
      ["_urgent/20250116/10115.json", "imported"],
      ["20250115/04107.json", "imported"],
      ["20250115/52062.json", "failed"],
    ]);
    expect(run.body.result.results[2].error).toMatch(/^Unreadable file: invalid JSON/);
    expect(await names("04107")).toEqual(["Neu", "Neu"]);
    expect(await names("10115")).toEqual(["Dringend"]);
    expect(await names("12345")).toEqual([]);
    // The folder is only read: every file is still there.
    expect(fs.readFileSync(path.join(base, "20250115/52062.json"), "utf8")).toBe('{"therapists": [');

    const status = (await api.staff("GET", "/api/therapists/import-status")).body;
    expect(status).toMatchObject({
      running: false,
      enabled: true,
      folder: base,
      urgent_folder: `${base}_urgent`,
      schedule: "30 4 * * *",
      files_processed_today: 2,
      files_failed_today: 1,
      therapists_processed_today: 3,
      therapists_failed_today: 0,
      last_error: expect.stringMatching(/^20250115\/52062\.json: Unreadable file: invalid JSON/),
      totals: { imports: 2, therapists_created: 3, files_failed: 1 },
    });
    expect(status.last_check).not.toBeNull();
    expect(new Date(status.next_import_run).getTime()).toBeGreaterThan(Date.now());
    expect(status.recent_imports[0]).toMatchObject({
      file: "20250115/04107.json",
      plz: "04107",
      therapist_count: 2,
      success_count: 2,
      failed_count: 0,
    });
  });

  it("does not import the same file content twice; a changed or fixed file is imported", async () => {
    const again = await api.admin("POST", "/api/therapists/import/folder");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ files: 3, imported: 0, unchanged: 2, failed_before: 1, failed: 0 });
    put("20250115/52062.json", snapshot("52062", ["Emil", "Repariert"]));
    put("20250115/04107.json", snapshot("04107", ["Anna", "Neu"]));
    const fixed = await api.admin("POST", "/api/therapists/import/folder");
    expect(fixed.body).toMatchObject({ imported: 2, unchanged: 1, failed: 0 });
    expect(await names("52062")).toEqual(["Repariert"]);
    // A complete PLZ snapshot that no longer lists Berta flags her; nobody is deleted.
    const berta = (await api.staff("GET", "/api/therapists?search=Berta")).body.data[0];
    expect(berta.fehlt_in_quelle_seit).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("imports one stored file on request (internal action of the scraper) and refuses a second concurrent run", async () => {
    put("20250120/80331.json", snapshot("80331", ["Fritz", "Einzeln"]));
    const one = await api.broker.call<any, any>("therapist.importFile", {
      path: path.join(base, "20250120/80331.json"),
    });
    expect(one).toMatchObject({ file: "20250120/80331.json", status: "imported", report: { created: 1 } });
    const twice = await api.broker.call<any, any>("therapist.importFile", {
      path: path.join(base, "20250120/80331.json"),
    });
    expect(twice.status).toBe("unchanged");

    const db = (api.broker.getLocalService("therapist") as any).db;
    await db.query(
      "UPDATE therapist_service.import_monitor SET running_since = now(), running_by = 'other-node'",
    );
    const busy = await api.admin("POST", "/api/therapists/import/folder");
    expect(busy.status).toBe(409);
    expect(busy.body.type).toBe("FOLDER_IMPORT_RUNNING");
    expect((await api.staff("GET", "/api/therapists/import-status")).body.running).toBe(true);
    await db.query("UPDATE therapist_service.import_monitor SET running_since = NULL, running_by = NULL");
    expect((await api.staff("POST", "/api/therapists/import/folder")).status).toBe(403);
  });
});
