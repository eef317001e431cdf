import { startApi, type TestApi } from "../../helpers/api";

/**
 * Issue 11: every answer carries the security headers (CSP with frame-ancestors 'none', nosniff, no referrer),
 * data answers also Cache-Control: no-store — API JSON, errors, unmatched paths and the therapists' answer page.
 */
describe("security headers on every response", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["communication"] });
  });
  afterAll(() => api.stop());

  const expectSecurityHeaders = (h: Headers) => {
    const csp = h.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("x-frame-options")).toBe("DENY");
  };

  it.each([
    ["an API list", "GET", "/api/jobs", "staff", 200],
    ["a creation", "POST", "/api/users", "admin", 400],
    ["a refusal without token", "GET", "/api/jobs", null, 401],
    ["an unknown API route", "GET", "/api/gibt-es-nicht", "staff", 404],
    ["health", "GET", "/health/liveness", null, 200],
  ] as const)("%s (%s %s) carries them and is not cached", async (_what, method, path, who, status) => {
    const token = who === "staff" ? api.staffToken : who === "admin" ? api.adminToken : null;
    const r = await api.request(method, path, method === "POST" ? {} : undefined, token);
    expect(r.status).toBe(status);
    expectSecurityHeaders(r.headers);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("an unmatched path outside the API carries them too", async () => {
    const r = await fetch(`${api.url}/gibt-es-nicht.txt`);
    expect(r.status).toBe(404);
    expectSecurityHeaders(r.headers);
  });

  it("the answer page a therapist opens carries them and is not cached", async () => {
    const r = await fetch(`${api.url}/api/antwort/${"x".repeat(40)}.invalid`);
    expect(r.headers.get("content-type")).toMatch(/^text\/html/);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expectSecurityHeaders(r.headers);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });
});
