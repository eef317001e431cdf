import { QueryTypes } from "sequelize";
import { startApi, type TestApi } from "../../helpers/api";

/** Issue 12 point 10: named flags, per-user evaluation, admin API (audited), the bundle job behind its flag. */
describe("feature flags through the gateway", () => {
  let api: TestApi;
  const db = () => (api.broker.getLocalService("featureFlags") as any).db;

  beforeAll(async () => {
    api = await startApi({ groups: ["matching", "therapist", "patient"], env: { JOBS_ENABLED: "false" } });
  }, 120_000);
  afterAll(() => api?.stop());

  it("lists bundle_matching as the seeds describe it (admins only)", async () => {
    const res = await api.admin("GET", "/api/feature-flags");
    expect(res.status).toBe(200);
    const f = res.body.data.find((x: any) => x.name === "bundle_matching");
    expect(f).toMatchObject({
      enabled: true,
      rollout_percentage: 50,
      override_users: [],
      override_roles: ["admin"],
    });
    expect((await api.staff("GET", "/api/feature-flags")).status).toBe(403);
    expect((await api.staff("PUT", "/api/feature-flags/bundle_matching", { enabled: false })).status).toBe(
      403,
    );
  });

  it("changes a flag, audits who changed what, and every user's answer follows", async () => {
    const before = await api.staff("GET", "/api/feature-flags/mine");
    expect(before.status).toBe(200);
    expect(typeof before.body.data.bundle_matching).toBe("boolean");
    expect((await api.admin("GET", "/api/feature-flags/mine")).body.data.bundle_matching).toBe(true);

    const res = await api.admin("PUT", "/api/feature-flags/bundle_matching", {
      rollout_percentage: 0,
      override_users: ["Staff@Test.local", "staff@test.local"],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rollout_percentage: 0,
      override_users: ["staff@test.local"],
      updated_by: "admin@test.local",
    });
    expect((await api.staff("GET", "/api/feature-flags/mine")).body.data.bundle_matching).toBe(true);

    const off = await api.admin("PUT", "/api/feature-flags/bundle_matching", { enabled: false });
    expect(off.body.enabled).toBe(false);
    expect((await api.staff("GET", "/api/feature-flags/mine")).body.data.bundle_matching).toBe(false);
    expect((await api.admin("GET", "/api/feature-flags/mine")).body.data.bundle_matching).toBe(false);

    const audit = await api.admin("GET", "/api/audit?entity=feature_flag&entity_id=bundle_matching");
    expect(audit.body.data.map((e: any) => e.details)).toEqual([
      { enabled: { vorher: true, nachher: false } },
      {
        rollout_percentage: { vorher: 50, nachher: 0 },
        override_users: { vorher: [], nachher: ["staff@test.local"] },
      },
    ]);
    expect(audit.body.data[0]).toMatchObject({ action: "update", user_email: "admin@test.local" });
  });

  it.each([
    [{ rollout_percentage: 101 }, "rollout_percentage must be a whole number from 0 to 100"],
    [{ rollout_percentage: 12.5 }, "rollout_percentage must be a whole number from 0 to 100"],
    [{ rollout_percentage: "50" }, "rollout_percentage must be a whole number from 0 to 100"],
    [{ enabled: "yes" }, "enabled must be true or false"],
    [{ override_roles: ["root"] }, "override_roles: valid values are staff, admin"],
    [{ override_users: ["not-an-address"] }, "override_users must be e-mail addresses"],
    [{ override_users: "a@b.de" }, "override_users must be a list of e-mail addresses"],
    [{}, "Nothing to change: send enabled, rollout_percentage, override_users or override_roles"],
  ])("refuses %j with 400 and changes nothing", async (body, message) => {
    const [before] = await db().query("SELECT * FROM platform.feature_flags WHERE name = 'bundle_matching'", {
      type: QueryTypes.SELECT,
    });
    const res = await api.admin("PUT", "/api/feature-flags/bundle_matching", body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    const [after] = await db().query("SELECT * FROM platform.feature_flags WHERE name = 'bundle_matching'", {
      type: QueryTypes.SELECT,
    });
    expect(after).toEqual(before);
  });

  it("refuses unknown fields and unknown flags", async () => {
    const extra = await api.admin("PUT", "/api/feature-flags/bundle_matching", { enabled: true, owner: "x" });
    expect(extra.status).toBe(400);
    const unknown = await api.admin("PUT", "/api/feature-flags/no_such_flag", { enabled: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe("FLAG_NOT_FOUND");
  });

  it("skips the automatic bundle run while bundle_matching is off and records why; runs it when on", async () => {
    await api.admin("PUT", "/api/feature-flags/bundle_matching", { enabled: false });
    const skipped = await api.admin("POST", "/api/jobs/matching.bundle-run/run");
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({
      status: "ok",
      result: { skipped: true, reason: "feature flag bundle_matching is disabled" },
    });
    const [run] = await db().query(
      "SELECT result FROM platform.job_runs WHERE name = 'matching.bundle-run' ORDER BY id DESC LIMIT 1",
      { type: QueryTypes.SELECT },
    );
    expect(run.result).toEqual({ skipped: true, reason: "feature flag bundle_matching is disabled" });

    await api.admin("PUT", "/api/feature-flags/bundle_matching", { enabled: true });
    const ran = await api.admin("POST", "/api/jobs/matching.bundle-run/run");
    expect(ran.body.status).toBe("ok");
    expect(ran.body.result).toMatchObject({ dry_run: false, anzahl_buendel: 0 });
    expect(ran.body.result.skipped).toBeUndefined();
  });
});
