import * as http from "node:http";
import { startApi, type TestApi } from "../../helpers/api";

/** issue 11: parameters of the wrong shape are a clear 400 on every route, never a 500 or a polluted object. */
describe("request parameter shapes", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ groups: ["patient"] });
  }, 120_000);
  afterAll(() => api.stop());

  const rawJson = (method: string, path: string, body: string) =>
    fetch(api.url + path, {
      method,
      headers: { authorization: `Bearer ${api.adminToken}`, "content-type": "application/json" },
      body,
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it.each([
    "/api/audit?entity[]=a&entity[]=b",
    "/api/audit?entity=a&entity=b",
    "/api/audit?entity[x]=a",
    "/api/patients?nachname[]=a",
    "/api/patients?page[x]=1",
  ])("answers %s with 400 naming the parameter", async (path) => {
    const r = await api.admin("GET", path);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ type: "INVALID_PARAMETER", field: expect.any(String) });
    expect(r.body.message).toMatch(/must be given once, as a single value/);
  });

  it("refuses a list where a GET expects a single value in a JSON body", async () => {
    // fetch sends no body with a GET; other clients do, and the gateway merges it into the params.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${api.url}/api/audit`, {
        method: "GET",
        headers: { authorization: `Bearer ${api.adminToken}`, "content-type": "application/json" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(JSON.stringify({ entity: ["a", "b"] }));
    });
    expect(status).toBe(400);
  });

  it("still answers single values", async () => {
    expect((await api.admin("GET", "/api/audit?entity=patient&page=1")).status).toBe(200);
  });

  it.each([
    [
      '{"__proto__": {"isAdmin": true}, "anrede": "Frau", "geschlecht": "weiblich", "vorname": "A", "nachname": "B"}',
      "__proto__",
    ],
    [
      '{"anrede": "Frau", "geschlecht": "weiblich", "vorname": "A", "nachname": "B", "kontakt": {"constructor": {"prototype": {}}}}',
      "constructor",
    ],
    [
      '{"anrede": "Frau", "geschlecht": "weiblich", "vorname": "A", "nachname": "B", "x": [{"prototype": 1}]}',
      "prototype",
    ],
  ])("refuses the body %s with 400 and creates nothing", async (body, key) => {
    const before = (await api.staff("GET", "/api/patients")).body.total;
    const r = await rawJson("POST", "/api/patients", body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      message: `Key '${key}' is not allowed in a request`,
      type: "FORBIDDEN_KEY",
      field: key,
    });
    expect((await api.staff("GET", "/api/patients")).body.total).toBe(before);
  });

  it("refuses absurdly nested bodies with 400, not a stack overflow", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const r = await rawJson(
      "POST",
      "/api/patients",
      `{"anrede": "Frau", "geschlecht": "weiblich", "vorname": "A", "nachname": "B", "x": ${deep}}`,
    );
    expect(r.status).toBe(400);
    expect(r.body.type).toBe("BODY_TOO_DEEP");
  });
});
