import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { FakeGeoServer } from "../../helpers/fake-geo";

const NODE = path.resolve(__dirname, "../../fixtures/geocoding-node.ts");
const place = (i: number) => ({
  lat: 50.77 + i / 1000,
  lon: 6.08,
  road: "Taktweg",
  house_number: String(i),
  postcode: "52062",
  city: "Aachen",
});

/** decisions.md 20: at most one Nominatim request per second for the whole application, not per process. */
describe("Nominatim rate limit across two processes", () => {
  const fake = new FakeGeoServer();
  let db: TestDatabase;
  beforeAll(async () => {
    for (let i = 1; i <= 6; i++) fake.addPlace(`Taktweg ${i}, 52062 Aachen`, place(i));
    await fake.start();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await fake.stop();
    await db.drop();
  });

  it("spaces the requests of two nodes asking at once at least one second apart", async () => {
    const start = (addresses: string[]) => {
      const child = fork(NODE, [db.url, fake.url, JSON.stringify(addresses)], {
        execArgv: ["--import", "tsx"],
        stdio: "ignore",
      });
      const ready = new Promise<void>((r) => child.once("message", () => r()));
      const done = new Promise<{ sources: string[] }>((resolve, reject) => {
        child.on("message", (m) => typeof m === "object" && resolve(m as { sources: string[] }));
        child.on("exit", (code) => reject(new Error(`node exited with ${code} before answering`)));
      });
      return { child, ready, done };
    };
    const a = start(["Taktweg 1, 52062 Aachen", "Taktweg 2, 52062 Aachen", "Taktweg 3, 52062 Aachen"]);
    const b = start(["Taktweg 4, 52062 Aachen", "Taktweg 5, 52062 Aachen", "Taktweg 6, 52062 Aachen"]);
    const children: ChildProcess[] = [a.child, b.child];
    try {
      await Promise.all([a.ready, b.ready]);
      for (const c of children) c.send("go");
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([...ra.sources, ...rb.sources]).toEqual(Array(6).fill("nominatim"));
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    }
    const times = fake.requests
      .filter((r) => r.path === "/search")
      .map((r) => r.at)
      .sort((x, y) => x - y);
    expect(times).toHaveLength(6);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1000);
  }, 60_000);
});
