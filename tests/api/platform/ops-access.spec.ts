import { startApi, type TestApi } from "../../helpers/api";

/**
 * Issue 11: /metrics and /health/status name versions, nodes and jobs; only admins (token) or the scraper
 * addresses of METRICS_ALLOW_FROM read them. Liveness, readiness and /health stay public.
 */
describe("who may read the operations figures", () => {
  describe("with no scraper address (METRICS_ALLOW_FROM=none)", () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi({ env: { METRICS_ALLOW_FROM: "none" } });
    });
    afterAll(() => api.stop());

    it.each(["/metrics", "/health/status"])(
      "%s: 401 without token, 403 for staff, 200 for admins",
      async (path) => {
        const anonymous = await api.request("GET", path, undefined, null);
        expect(anonymous.status).toBe(401);
        expect(JSON.stringify(anonymous.body)).not.toMatch(/version|nodejs|jobs/);
        expect((await api.staff("GET", path)).status).toBe(403);
        const admin = await api.admin("GET", path);
        expect(admin.status).toBe(200);
      },
    );

    it.each(["/health", "/health/liveness", "/health/readiness"])("%s stays public", async (path) => {
      expect((await api.request("GET", path, undefined, null)).status).toBe(200);
    });
  });

  describe("behind a trusted reverse proxy with a scraper network", () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi({
        env: { TRUSTED_PROXIES: "127.0.0.1", METRICS_ALLOW_FROM: "10.0.0.0/8, 192.0.2.7" },
      });
    });
    afterAll(() => api.stop());

    const from = (address: string | null, path = "/metrics") =>
      fetch(api.url + path, { headers: address ? { "x-forwarded-for": address } : {} });

    it("lets the listed addresses in without a token", async () => {
      expect((await from("10.1.2.3")).status).toBe(200);
      expect((await from("192.0.2.7", "/health/status")).status).toBe(200);
    });

    it("refuses other clients, including the proxy's own address", async () => {
      expect((await from("192.0.2.8")).status).toBe(401);
      expect((await from("203.0.113.5", "/health/status")).status).toBe(401);
      expect((await from(null)).status).toBe(401);
    });
  });
});
