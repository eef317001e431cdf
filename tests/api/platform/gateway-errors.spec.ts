import { startApi, type TestApi } from "../../helpers/api";

describe("gateway error handling", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  const raw = (path: string, init: RequestInit) =>
    fetch(api.url + path, {
      ...init,
      headers: { authorization: `Bearer ${api.adminToken}`, ...(init.headers ?? {}) },
    });

  it("answers unknown routes with 404 JSON", async () => {
    const r = await api.admin("GET", "/api/does-not-exist");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: "Not found", type: "ROUTE_NOT_FOUND" });
  });

  it("answers malformed JSON with 400", async () => {
    const r = await raw("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ message: "Malformed JSON in request body", type: "MALFORMED_JSON" });
  });

  it("answers bodies over 1 MiB with 413", async () => {
    const body = JSON.stringify({ email: "a@b.c", password: "x".repeat(1_100_000) });
    const r = await raw("/api/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as any).type).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers a wrong content type with 415 and creates nothing", async () => {
    const r = await raw("/api/users", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "email=a",
    });
    expect(r.status).toBe(415);
    expect(((await r.json()) as any).type).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await api.admin("GET", "/api/users")).body.total).toBe(2);
  });

  it("carries a request id and never a stack trace", async () => {
    const r = await raw("/api/users/999999", { method: "GET" });
    expect(r.headers.get("x-request-id")).toMatch(/\w{8,}/);
    const text = await r.text();
    expect(text).not.toMatch(/at .*\.ts:\d+|stack/i);
    expect(JSON.parse(text)).toEqual({ message: "User not found", type: "NOT_FOUND" });
  });
});
