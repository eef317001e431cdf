import { availableGroups } from "../../../mixins/platform";
import { startApi, type TestApi } from "../../helpers/api";

interface RouteRow {
  method: string;
  path: string;
  action: string;
  auth: unknown;
}

/**
 * quality.md S1: generated from the gateway's live route table. Every published action declares its role;
 * no token -> 401, staff on admin routes -> 403, exactly as declared.
 */
describe("every route declares a role and the gateway enforces it", () => {
  let api: TestApi;
  let routes: RouteRow[];

  beforeAll(async () => {
    // No scraper address: /metrics and /health/status are then admin routes like any other (ops-access.spec).
    api = await startApi({ groups: availableGroups(), env: { METRICS_ALLOW_FROM: "none" } });
    const gateway = api.broker.getLocalService("api") as any;
    routes = gateway.aliases
      .filter((a: any) => a.route?.path === "/api" || a.route?.opts?.path === "/api" || a.action)
      .map((a: any) => {
        const endpoint = api.broker.registry.getActionEndpoints(a.action)?.endpoints?.[0];
        return {
          method: a.method,
          path: a.fullPath ?? a.path,
          action: a.action,
          auth: endpoint?.action?.auth,
        };
      });
  }, 60_000);
  afterAll(() => api.stop());

  const concrete = (path: string) =>
    path
      .replace(/:[A-Za-z_]+/g, "999999")
      .replace(/\{[^}]*\}/g, "")
      .replace(/\*\w+/g, "x");

  it("finds the route table", () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.map((r) => r.action)).toContain("auth.login");
  });

  it("has no published action without a declared role", () => {
    const missing = routes.filter((r) => !["public", "staff", "admin"].includes(String(r.auth)));
    expect(missing.map((r) => `${r.method} ${r.path} -> ${r.action}`)).toEqual([]);
  });

  it("answers 401 without a token on every non-public route", async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.auth !== "public")) {
      const method = r.method === "*" ? "GET" : r.method;
      const res = await api.request(method, concrete(r.path), method === "GET" ? undefined : {}, null);
      if (res.status !== 401) wrong.push(`${method} ${r.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("answers 403 to staff on every admin route and lets staff through elsewhere", async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.action !== "auth.logout")) {
      const method = r.method === "*" ? "GET" : r.method;
      const res = await api.request(
        method,
        concrete(r.path),
        method === "GET" ? undefined : {},
        api.staffToken,
      );
      if (r.auth === "admin" && res.status !== 403)
        wrong.push(`${method} ${r.path}: ${res.status}, want 403`);
      if (r.auth !== "admin" && (res.status === 401 || res.status === 403))
        wrong.push(`${method} ${r.path}: ${res.status}`);
      if (res.status >= 500 && res.status !== 503)
        wrong.push(`${method} ${r.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
