import { startApi, type TestApi } from "../../helpers/api";

describe("health, readiness, status and metrics", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it("answers /health like the earlier system, without a token", async () => {
    const r = await api.request("GET", "/health", undefined, null);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "healthy", service: "api" });
    expect((await api.request("GET", "/health/liveness", undefined, null)).status).toBe(200);
  });

  it("is ready when the database is reachable and migrations are current", async () => {
    const r = await api.request("GET", "/health/readiness", undefined, null);
    expect(r.status).toBe(200);
    expect(r.body.checks.database.ok).toBe(true);
    expect(r.body.checks.migrations.ok).toBe(true);
  });

  it("reports nodes, services and version to a scraper on loopback (the default METRICS_ALLOW_FROM)", async () => {
    const r = await api.request("GET", "/health/status", undefined, null);
    expect(r.status).toBe(200);
    expect(r.body.services).toHaveProperty("auth");
    expect(r.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("serves Prometheus metrics with per-route request counts", async () => {
    await api.admin("GET", "/api/users");
    const r = await api.request("GET", "/metrics", undefined, null);
    expect(r.headers.get("content-type")).toMatch(/text\/plain/);
    expect(r.body).toMatch(/http_requests_total\{method="GET",route="GET \/api\/users",status="200"\} \d+/);
  });

  it("does not take a request relayed by an untrusted proxy as local", async () => {
    for (const path of ["/metrics", "/health/status"]) {
      const r = await fetch(api.url + path, { headers: { "x-forwarded-for": "127.0.0.1" } });
      expect(r.status).toBe(401);
    }
  });
});
