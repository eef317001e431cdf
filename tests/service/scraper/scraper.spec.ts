import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { Fake116117, inventedPractices, scraperEnv, waitFor } from "../../helpers/fake-116117";

const LEIPZIG = { lat: 51.34, lon: 12.375 };
const BBOX = { south: 51.3, west: 12.3, north: 51.38, east: 12.45 };

describe("scraper jobs against a fake 116117 (external-apis.md 1.1, 1.8)", () => {
  let fake: Fake116117;
  let tb: TestBroker;
  let folder: string;
  const job = (id: number) => tb.broker.call<any, any>("scraper.get", { id });

  beforeAll(async () => {
    fake = await new Fake116117(inventedPractices(LEIPZIG, 24)).start();
    fake.cap = 8;
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scraper-")), "import");
    tb = await startBroker({ groups: ["scraper", "therapist"], env: scraperEnv(fake, folder) });
  });
  afterAll(async () => {
    await tb.stop();
    await fake.stop();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it("covers a bounding box, splits truncated queries, survives a 429, de-duplicates and writes PLZ snapshots", async () => {
    fake.failNext(429, 1, "0");
    const started = await tb.broker.call<any, any>("scraper.start", { bbox: BBOX, label: "Leipzig" });
    expect(started).toMatchObject({
      status: "running",
      cells_total: 4,
      settings: { radius_km: 5, spacing_km: 6 },
    });
    const done = await waitFor(
      () => job(started.id),
      (j) => j.status !== "running",
    );
    expect(done).toMatchObject({ status: "done", error: null, cells_pending: 0 });
    expect(done.truncated_cells).toBeGreaterThan(0);
    expect(done.cells_total).toBeGreaterThan(4);

    // The 429 was retried; every query carried the newer request body and an identifying User-Agent.
    expect(fake.searches[0].status).toBe(429);
    expect(fake.searches[1].body).toEqual(fake.searches[0].body);
    expect(fake.searches[1]).toMatchObject({ status: 200, contentType: "application/json" });
    expect(fake.searches[0].body).toMatchObject({
      r: 5,
      locType: "LATLON",
      plz: null,
      filterSelections: [{ fieldName: "fgg", selectedCodes: ["12"] }],
      searchTrigger: "INITIAL",
      viaDeeplink: false,
    });
    expect(fake.searches[0].userAgent).toMatch(/^Therapieplatz-Vermittlung/);

    // Overlapping circles return the same practices: each is kept once.
    const returned = fake.practices.filter((p) => fake.returnedIds.has(p.id));
    const inBox = fake.practices.filter(
      (p) => p.lat >= BBOX.south && p.lat <= BBOX.north && p.lon >= BBOX.west && p.lon <= BBOX.east,
    );
    expect(inBox.every((p) => fake.returnedIds.has(p.id))).toBe(true);
    expect(fake.searches.filter((s) => s.status === 200).length).toBe(done.cells_total);
    expect(done.records).toBe(returned.length);

    const day = fs.readdirSync(folder).filter((f) => !f.startsWith(".")); // not the shared-folder marker
    expect(day).toHaveLength(1);
    const files = fs.readdirSync(path.join(folder, day[0])).sort();
    expect(files.every((f) => /^0410\d\.json$/.test(f))).toBe(true);
    const snap = JSON.parse(fs.readFileSync(path.join(folder, day[0], files[0]), "utf8"));
    expect(snap.metadata).toMatchObject({
      postcode_area: files[0].slice(0, 5),
      source: "116117.de",
      job_id: started.id,
    });
    expect(snap.metadata.total_therapists).toBe(snap.therapists.length);
    const ids = Object.values(
      Object.fromEntries(
        files.flatMap((f) =>
          JSON.parse(fs.readFileSync(path.join(folder, day[0], f), "utf8")).therapists.map((t: any) => [
            t.id,
            t,
          ]),
        ),
      ),
    );
    // Practice entries (arzt: false) are not people: not in the snapshots.
    expect(ids.length).toBe(returned.filter((p) => p.arzt !== false).length);
    expect(snap.therapists[0]).toMatchObject({
      basic_info: { first_name: expect.stringMatching(/^Vorname/) },
      location: { city: "Leipzig", latitude: expect.any(Number) },
      telephone_hours: expect.any(Object),
    });

    // Each file was handed to the therapist import at once.
    expect(done.files.every((f: any) => f.import?.status === "imported")).toBe(true);
    const list = await tb.broker.call<any, any>("therapist.list", { limit: 100 });
    // Children-only practices are skipped by the importer.
    expect(list.total).toBe(returned.filter((p) => p.arzt !== false && !/Kinder/.test(p.fg[0])).length);
    const imported = list.data.find((t: any) => t.nachname === "Erfunden1");
    expect(imported).toMatchObject({
      psychotherapieverfahren: "tiefenpsychologisch_fundierte_Psychotherapie",
    });
    expect(imported.latitude).toEqual(expect.any(Number));
  });

  it("stops a job when the source keeps failing (circuit open) and resumes it without re-fetching answered points", async () => {
    const before = fake.searches.length;
    fake.delayMs = 100;
    const points = [
      LEIPZIG,
      { lat: 51.31, lon: 12.32 },
      { lat: 51.36, lon: 12.41 },
      { lat: 51.33, lon: 12.35 },
    ];
    const started = await tb.broker.call<any, any>("scraper.start", { points });
    const firstDone = await waitFor(
      () => job(started.id),
      (j) => j.cells_done >= 1 || j.status !== "running",
    );
    fake.failNext(500, 1000);
    fake.delayMs = 0;
    const failed = await waitFor(
      () => job(started.id),
      (j) => j.status !== "running",
    );
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/circuit open/);
    expect(failed.error).toMatch(/HTTP 500/);
    // threshold 2 × (1 + 2 retries) requests, then no more.
    const failedRequests = fake.searches.slice(before).filter((s) => s.status === 500).length;
    expect(failedRequests).toBeLessThanOrEqual(6);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.searches.slice(before).filter((s) => s.status === 500).length).toBe(failedRequests);

    fake.failNext(500, 0);
    const resumed = await tb.broker.call<any, any>("scraper.resume", { id: started.id });
    expect(resumed.status).toBe("running");
    const done = await waitFor(
      () => job(started.id),
      (j) => j.status !== "running",
    );
    expect(done.status).toBe("done");
    expect(done.cells_done).toBe(done.cells_total);
    expect(firstDone.cells_done).toBeGreaterThanOrEqual(1);
    const answered = new Map<string, number>();
    for (const s of fake.searches.slice(before))
      if (s.status === 200)
        answered.set(
          `${s.body.lat},${s.body.lon},${s.body.r}`,
          (answered.get(`${s.body.lat},${s.body.lon},${s.body.r}`) ?? 0) + 1,
        );
    expect([...answered.values()].every((n) => n === 1)).toBe(true);
    expect(answered.size).toBe(done.cells_total);
  });

  it("refuses a second job while one runs, bad regions, and cancels", async () => {
    fake.delayMs = 200;
    const a = await tb.broker.call<any, any>("scraper.start", { points: [LEIPZIG] });
    await expect(tb.broker.call("scraper.start", { points: [LEIPZIG] })).rejects.toMatchObject({
      code: 409,
      type: "SCRAPER_JOB_RUNNING",
    });
    const cancelled = await tb.broker.call<any, any>("scraper.cancel", { id: a.id });
    expect(cancelled.status).toBe("cancelled");
    fake.delayMs = 0;
    await expect(
      tb.broker.call("scraper.start", { bbox: { south: 52, north: 51, west: 12, east: 13 } }),
    ).rejects.toMatchObject({
      code: 400,
    });
    await expect(tb.broker.call("scraper.start", { bbox: BBOX, spacing_km: 20 })).rejects.toMatchObject({
      code: 400,
      message: expect.stringMatching(/leaves gaps/),
    });
    await expect(
      tb.broker.call("scraper.start", {
        bbox: { south: 47, north: 55, west: 6, east: 15 },
        spacing_km: 1,
        radius_km: 1,
      }),
    ).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/SCRAPER_MAX_CELLS/) });
  });
});
