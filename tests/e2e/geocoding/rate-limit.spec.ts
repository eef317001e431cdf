import { fork, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { CpuBurners } from "../../helpers/cpu-burners";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { FakeGeoServer } from "../../helpers/fake-geo";

const NODE = path.resolve(__dirname, "../../fixtures/geocoding-node.ts");
const address = (i: number) => `Taktweg ${i}, 52062 Aachen`;
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
  const burners = new CpuBurners();
  const nodes: ChildProcess[] = [];
  let db: TestDatabase;
  beforeAll(async () => {
    for (let i = 1; i <= 12; i++) fake.addPlace(address(i), place(i));
    await fake.start();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    burners.stop();
    for (const c of nodes) if (c.exitCode === null) c.kill("SIGKILL");
    await fake.stop();
    await db.drop();
  });

  /**
   * Starts two nodes; `go()` lets them ask for three addresses each at the same moment and returns the gaps
   * between their requests at the server.
   */
  async function twoNodes(first: number): Promise<{ go: () => Promise<number[]> }> {
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
    const a = start([first, first + 1, first + 2].map(address));
    const b = start([first + 3, first + 4, first + 5].map(address));
    const children: ChildProcess[] = [a.child, b.child];
    nodes.push(...children);
    await Promise.all([a.ready, b.ready]);
    const go = async () => {
      const since = Date.now();
      for (const c of children) c.send("go");
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([...ra.sources, ...rb.sources]).toEqual(Array(6).fill("nominatim"));
      // Measured at the server: when the fake received each request.
      const times = fake.requests
        .filter((r) => r.path === "/search" && r.at >= since)
        .map((r) => r.at)
        .sort((x, y) => x - y);
      expect(times).toHaveLength(6);
      return times.slice(1).map((t, i) => t - times[i]);
    };
    return { go };
  }

  it("spaces the requests of two nodes asking at once at least one second apart", async () => {
    const nodes = await twoNodes(1);
    for (const g of await nodes.go()) expect(g).toBeGreaterThanOrEqual(1000);
  }, 120_000);

  it("keeps the spacing while the machine is busy (load average at least twice the cores)", async () => {
    const nodes = await twoNodes(7);
    const target = 2 * os.cpus().length;
    // Enough burners to lift the one-minute average within about half a minute; each ends by itself after
    // two minutes, and afterAll kills them.
    burners.start(6 * os.cpus().length, 120_000);
    try {
      expect(await burners.untilLoad(target, 90_000)).toBeGreaterThanOrEqual(target);
      const gaps = await nodes.go();
      expect(os.loadavg()[0]).toBeGreaterThanOrEqual(target);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1000);
    } finally {
      burners.stop();
    }
  }, 240_000);
});
