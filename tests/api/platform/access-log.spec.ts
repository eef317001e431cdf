import { linkKey, signAnswer } from "../../../services/communication/domain/links";
import { startApi, type TestApi } from "../../helpers/api";

/**
 * Issue 11: the access log shows no answer-link token, and refusals and creations are logged and counted in
 * /metrics with the status actually sent (they were logged and counted as 200).
 */
describe("access log and request metrics", () => {
  let api: TestApi;
  let lines: string[];
  beforeAll(async () => {
    api = await startApi({ groups: ["communication"] });
    const gateway = api.broker.getLocalService("api") as any;
    lines = [];
    jest.spyOn(gateway.logger, "info").mockImplementation((...args: unknown[]) => {
      lines.push(String(args[0]));
    });
  });
  afterAll(() => api.stop());

  const count = async (route: string, status: number) => {
    const r = await api.admin("GET", "/metrics");
    const esc = route.replace(/[/]/g, "\\/");
    const m = new RegExp(
      `http_requests_total\\{method="[A-Z]+",route="${esc}",status="${status}"\\} (\\d+)`,
    ).exec(r.body);
    return m ? Number(m[1]) : 0;
  };

  it("logs and counts a creation as 201 and a refusal as 400", async () => {
    const before201 = await count("POST /api/users", 201);
    const before400 = await count("POST /api/users", 400);
    const created = await api.admin("POST", "/api/users", {
      email: "protokoll@test.local",
      password: "ein-langes-passwort-9",
      rolle: "staff",
    });
    expect(created.status).toBe(201);
    const refused = await api.admin("POST", "/api/users", { email: "kaputt" });
    expect(refused.status).toBe(400);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/api\/users 201 /)]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^POST \/api\/users 400 /)]));
    expect(lines.filter((l) => /^POST \/api\/users 200 /.test(l))).toEqual([]);
    expect(await count("POST /api/users", 201)).toBe(before201 + 1);
    expect(await count("POST /api/users", 400)).toBe(before400 + 1);
  });

  it("logs and counts an expired answer link as 410 and never shows its token", async () => {
    const key = linkKey(api.config.keys.answerLinkSecret);
    const token = signAnswer({ a: 424242, p: null, o: null, e: Math.floor(Date.now() / 1000) - 60 }, key);
    const before = await count("GET /api/antwort/:token", 410);
    const r = await fetch(`${api.url}/api/antwort/${token}?utm=x`);
    expect(r.status).toBe(410);
    await r.text();
    const line = lines.find((l) => l.startsWith("GET /api/antwort/"));
    expect(line).toMatch(/^GET \/api\/antwort\/\[redacted\] 410 /);
    expect(lines.join("\n")).not.toContain(token.slice(0, 20));
    expect(await count("GET /api/antwort/:token", 410)).toBe(before + 1);
  });
});
