import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startApi, type TestApi } from "../../helpers/api";
import { Fake116117, inventedPractices, scraperEnv, waitFor } from "../../helpers/fake-116117";

describe("scraper API (decisions.md 18: off unless the operator configures it)", () => {
  let off: TestApi;
  beforeAll(async () => {
    off = await startApi({ groups: ["scraper"] });
  });
  afterAll(() => off.stop());

  it("refuses to start by default and says what to configure", async () => {
    const r = await off.admin("POST", "/api/scraper/jobs", {
      bbox: { south: 51.3, west: 12.3, north: 51.4, east: 12.4 },
    });
    expect(r.status).toBe(409);
    expect(r.body.type).toBe("SCRAPER_DISABLED");
    expect(r.body.message).toMatch(/SCRAPER_ENABLED=true and SCRAPER_BASE_URL/);
    expect((await off.staff("GET", "/api/scraper/jobs")).body).toEqual({ enabled: false, data: [] });
    expect((await off.staff("POST", "/api/scraper/jobs", {})).status).toBe(403);
    expect((await off.staff("GET", "/api/scraper/jobs/99")).status).toBe(404);
    expect((await off.admin("POST", "/api/scraper/jobs/abc/cancel")).status).toBe(404);
  });
});

describe("scraper API with a configured source", () => {
  let api: TestApi;
  let fake: Fake116117;
  let folder: string;
  beforeAll(async () => {
    fake = await new Fake116117(inventedPractices({ lat: 51.34, lon: 12.375 }, 12)).start();
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scraper-api-")), "import");
    api = await startApi({ groups: ["scraper", "therapist", "geocoding"], env: scraperEnv(fake, folder) });
  });
  afterAll(async () => {
    await api.stop();
    await fake.stop();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it("starts a job for PLZ centroids (202), shows its progress and the therapists it imported", async () => {
    const bad = await api.admin("POST", "/api/scraper/jobs", { plz: ["04107"], bbox: { south: 1 } });
    expect(bad.status).toBe(400);
    expect((await api.admin("POST", "/api/scraper/jobs", { plz: ["04107"], radius_km: -3 })).status).toBe(
      400,
    );
    expect((await api.admin("POST", "/api/scraper/jobs", { plz: ["04107"] })).body.message).toBe(
      "Unknown PLZ: 04107",
    );
    await api.admin("POST", "/api/geocoding/plz-centroids", { csv: "plz,lat,lng\n04107,51.3327,12.3723\n" });
    const started = await api.admin("POST", "/api/scraper/jobs", {
      plz: ["04107"],
      label: "Leipzig Zentrum",
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: "running",
      label: "Leipzig Zentrum",
      cells_total: 1,
      region: { kind: "plz" },
    });
    const done = await waitFor(
      async () => (await api.staff("GET", `/api/scraper/jobs/${started.body.id}`)).body,
      (j) => j.status !== "running",
    );
    expect(done).toMatchObject({ status: "done", progress_percent: 100, cells_pending: 0 });
    expect(done.files.length).toBeGreaterThan(0);
    expect((await api.staff("GET", "/api/scraper/jobs")).body.data[0].id).toBe(started.body.id);
    expect((await api.staff("GET", "/api/therapists?search=Erfunden")).body.total).toBeGreaterThan(0);
    const cancel = await api.admin("POST", `/api/scraper/jobs/${started.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.type).toBe("SCRAPER_JOB_STATE");
  });
});
