import { Sequelize } from "sequelize";
import {
  claimService,
  releaseService,
  waitForSlot,
} from "../../../services/geocoding/persistence/rate-limiter";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";

/** Issue 17.4: the next request goes out a full interval after the previous one's answer, on every node. */
describe("rate limit hold", () => {
  let db: TestDatabase;
  let sequelize: Sequelize;
  beforeAll(async () => {
    db = await createTestDatabase();
    sequelize = new Sequelize(db.url, { logging: false });
  });
  afterAll(async () => {
    await sequelize.close();
    await db.drop();
  });

  it("refuses a second holder while one holds, and until a full interval after the release", async () => {
    expect(await claimService(sequelize, "nominatim", "a", 300, 10_000)).toEqual({
      claimed: true,
      waitMs: 0,
    });
    // Held: however long ago the last request ended, nobody else may send.
    const held = await claimService(sequelize, "nominatim", "b", 300, 10_000);
    expect(held).toEqual({ claimed: false, waitMs: 300 });
    // Someone else's release does not free it.
    await releaseService(sequelize, "nominatim", "b");
    expect((await claimService(sequelize, "nominatim", "b", 300, 10_000)).claimed).toBe(false);
    const released = Date.now();
    await releaseService(sequelize, "nominatim", "a");
    const after = await claimService(sequelize, "nominatim", "b", 300, 10_000);
    const elapsed = Date.now() - released;
    expect(after.claimed).toBe(false);
    // The rest of the interval after the release (the queries themselves take time on a busy machine).
    expect(after.waitMs).toBeGreaterThanOrEqual(300 - elapsed - 5);
    expect(after.waitMs).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, after.waitMs + 20));
    expect((await claimService(sequelize, "nominatim", "b", 300, 10_000)).claimed).toBe(true);
    await releaseService(sequelize, "nominatim", "b");
  });

  it("lets the hold of a node that died expire", async () => {
    await new Promise((r) => setTimeout(r, 350));
    expect((await claimService(sequelize, "osrm", "dead", 0, 200)).claimed).toBe(true);
    expect((await claimService(sequelize, "osrm", "b", 0, 200)).claimed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect((await claimService(sequelize, "osrm", "b", 0, 200)).claimed).toBe(true);
  });

  it("spaces slow requests by the interval after their answers, not after their start", async () => {
    const ends: number[] = [];
    const starts: number[] = [];
    const one = async () => {
      const release = await waitForSlot(sequelize, "nominatim", 200, 10_000, 5_000);
      expect(release).not.toBeNull();
      starts.push(Date.now());
      // A request whose answer takes longer than the interval.
      await new Promise((r) => setTimeout(r, 300));
      ends.push(Date.now());
      await release!();
    };
    await Promise.all([one(), one(), one()]);
    starts.sort((a, b) => a - b);
    ends.sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - ends[i - 1]).toBeGreaterThanOrEqual(200);
  });
});
