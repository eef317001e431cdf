import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { Fake116117, inventedPractices, scraperEnv, waitFor } from "../../helpers/fake-116117";

describe("an interrupted scrape job continues from its checkpoint", () => {
  let fake: Fake116117;
  let db: TestDatabase;
  let folder: string;
  let first: TestBroker | null = null;
  let second: TestBroker | null = null;

  beforeAll(async () => {
    fake = await new Fake116117(inventedPractices({ lat: 51.34, lon: 12.375 }, 40)).start();
    fake.cap = 100;
    fake.delayMs = 60;
    db = await createTestDatabase();
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scraper-resume-")), "import");
  });
  afterAll(async () => {
    await first?.broker.stop().catch(() => undefined);
    await second?.broker.stop();
    await db.drop();
    await fake.stop();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it("stops mid-run with the broker and, started again, fetches only the points not yet answered", async () => {
    const env = { ...scraperEnv(fake, folder), SCRAPER_RADIUS_KM: "3", SCRAPER_SPACING_KM: "4" };
    first = await startBroker({ groups: ["scraper"], databaseUrl: db.url, env });
    const job = await first.broker.call<any, any>("scraper.start", {
      bbox: { south: 51.3, west: 12.3, north: 51.38, east: 12.45 },
    });
    expect(job.cells_total).toBeGreaterThanOrEqual(9);
    const get = (tb: TestBroker) => tb.broker.call<any, any>("scraper.get", { id: job.id });
    await waitFor(
      () => get(first!),
      (j) => j.cells_done >= 3,
    );
    await first.broker.stop();
    first = null;

    // Stopped gracefully: the point in hand was finished and stored, the job released for the next start.
    const answeredBefore = fake.answeredPoints();
    const requestsBefore = fake.searches.length;
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query(
      "SELECT status, locked_by, cells_done, cells_total FROM scraper_service.jobs WHERE id = $1",
      [job.id],
    );
    await pg.end();
    const paused = rows[0];
    expect(paused).toMatchObject({ status: "running", locked_by: null });
    expect(paused.cells_done).toBe(answeredBefore.size);
    expect(paused.cells_done).toBeLessThan(paused.cells_total);

    second = await startBroker({ groups: ["scraper"], databaseUrl: db.url, env });
    const done = await waitFor(
      () => get(second!),
      (j) => j.status !== "running",
      30_000,
    );
    expect(done).toMatchObject({ status: "done", cells_pending: 0 });
    const answered = fake.answeredPoints();
    expect(answered.size).toBe(done.cells_total);
    expect([...answered.values()].every((n) => n === 1)).toBe(true);
    expect(fake.searches.length - requestsBefore).toBe(done.cells_total - paused.cells_done);
    expect(done.records).toBe(fake.returnedIds.size);
    expect(done.files.length).toBeGreaterThan(0);
    expect(fs.existsSync(done.files[0].path)).toBe(true);
  });
});
