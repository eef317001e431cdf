import { QueryTypes } from "sequelize";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { eventually } from "../../helpers/eventually";

/**
 * Issue 12 point 10: flag reads are cached per node, and a change made on one node clears the cache of every
 * node (broadcast over the real NATS server), without waiting for the cache's lifetime (an hour here).
 */
describe("feature flag caches across two nodes over NATS", () => {
  const env = {
    TRANSPORTER: "nats://127.0.0.1:4222",
    NAMESPACE: `flags-${process.pid}`,
    FEATURE_FLAG_CACHE_SECONDS: "3600",
    JOBS_ENABLED: "false",
  };
  let a: TestBroker;
  let b: TestBroker;
  const matching = () => b.broker.getLocalService("matching") as any;
  const admin = { id: 1, email: "admin@test.local", rolle: "admin" };

  beforeAll(async () => {
    a = await startBroker({ groups: ["api"], env });
    b = await startBroker({ groups: ["matching"], env, databaseUrl: a.databaseUrl });
    await a.broker.waitForServices(["matching"], 20_000);
    await b.broker.waitForServices(["featureFlags"], 20_000);
  }, 120_000);
  afterAll(async () => {
    await b?.broker.stop();
    await a?.stop();
  });

  it("keeps serving the cached flag, and drops it on every node when a node changes it", async () => {
    expect((await matching().featureFlag("bundle_matching")).enabled).toBe(true);

    // A write behind the platform's back is not seen: node B answers from its cache.
    await matching().db.query(
      "UPDATE platform.feature_flags SET enabled = false WHERE name = 'bundle_matching'",
      { type: QueryTypes.UPDATE },
    );
    expect((await matching().featureFlag("bundle_matching")).enabled).toBe(true);

    // A change through node A's flag service reaches node B's cache.
    await a.broker.call(
      "featureFlags.update",
      { name: "bundle_matching", rollout_percentage: 10 },
      { meta: { user: admin } },
    );
    const seen = await eventually(
      () => matching().featureFlag("bundle_matching"),
      (f: any) => f.rollout_percentage === 10,
    );
    expect(seen).toMatchObject({ enabled: false, rollout_percentage: 10 });

    // And the job on node B follows it.
    const run = await b.broker.call("matching.runJobNow", { name: "matching.bundle-run" });
    expect(run).toMatchObject({
      result: { skipped: true, reason: "feature flag bundle_matching is disabled" },
    });
  });
});
