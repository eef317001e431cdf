import { startApi, type TestApi } from "../../helpers/api";
import { requestFrom } from "../../helpers/http-from";

describe("login, tokens and roles", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({
      env: { LOGIN_FREE_ATTEMPTS: "5", LOGIN_ADDRESS_FREE_ATTEMPTS: "20", LOGIN_DELAY_SECONDS: "60" },
    });
  });
  afterAll(() => api.stop());

  it("logs the bootstrap admin in and returns the user behind the token", async () => {
    const me = await api.request("GET", "/api/auth/me", undefined, api.adminToken);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: expect.any(Number), email: "admin@test.local", rolle: "admin" });
  });

  it("answers 401 without a token and with a wrong one", async () => {
    expect((await api.request("GET", "/api/auth/me", undefined, null)).body).toEqual({
      message: "Authentication required",
      type: "UNAUTHORIZED",
    });
    const r = await api.request("GET", "/api/auth/me", undefined, "not-a-token");
    expect(r.status).toBe(401);
    expect(r.body.type).toBe("INVALID_TOKEN");
  });

  it("refuses staff on admin routes with 403", async () => {
    const r = await api.staff("GET", "/api/users");
    expect(r.status).toBe(403);
    expect(r.body.type).toBe("FORBIDDEN");
    expect((await api.admin("GET", "/api/users")).status).toBe(200);
  });

  it("answers a wrong password with 401 and the same message as an unknown account", async () => {
    const wrong = await api.request("POST", "/api/auth/login", {
      email: "staff@test.local",
      password: "nope-nope-nope",
    });
    const unknown = await api.request("POST", "/api/auth/login", {
      email: "ghost@test.local",
      password: "nope-nope-nope",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  const login = (from: string, email: string, password: string) =>
    requestFrom(from, api.url, "POST", "/api/auth/login", { email, password });

  it("slows down 100 wrong passwords alike for a known and an unknown account, and the owner still logs in from elsewhere", async () => {
    await api.admin("POST", "/api/users", { email: "victim@test.local", password: "victim-password-1" });
    const answers = async (from: string, email: string) => {
      const out: string[] = [];
      for (let i = 0; i < 100; i++) {
        const r = await login(from, email, `guess-${i}-xxxxxxxx`);
        out.push(`${r.status} ${r.body.type} ${r.body.message} ${r.headers["retry-after"] ? "wait" : "-"}`);
      }
      return out;
    };
    const known = await answers("127.0.0.11", "victim@test.local");
    const unknown = await answers("127.0.0.12", "nobody@test.local");
    expect(known).toEqual(unknown);
    expect(known.slice(0, 5).every((a) => a.startsWith("401 INVALID_CREDENTIALS"))).toBe(true);
    expect(known.filter((a) => a.startsWith("429 LOGIN_THROTTLED")).length).toBeGreaterThan(90);

    // The attacker's address waits, even with the right password; the owner's own address does not.
    const attacker = await login("127.0.0.11", "victim@test.local", "victim-password-1");
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers["retry-after"])).toBeGreaterThan(0);
    const owner = await login("127.0.0.13", "victim@test.local", "victim-password-1");
    expect(owner.status).toBe(200);
  }, 60_000);

  it("throttles an address that tries many accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await login("127.0.0.14", `spray-${i}@test.local`, "Spring2024-guess")).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(21)).toEqual([429, 429, 429, 429]);
    // Another address is not affected.
    expect((await login("127.0.0.15", "staff@test.local", "staff-password-123")).status).toBe(200);
  }, 30_000);

  it("cannot be outrun by parallel guesses", async () => {
    const all = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login("127.0.0.16", "staff@test.local", `parallel-${i}-xxxxx`)),
    );
    expect(all.filter((r) => r.status === 401).length).toBeLessThanOrEqual(6);
    expect(all.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(24);
  }, 30_000);

  it("audits successful and failed logins", async () => {
    await login("127.0.0.17", "staff@test.local", "wrong-password-here");
    await login("127.0.0.17", "staff@test.local", "staff-password-123");
    const r = await api.admin("GET", "/api/audit?entity=user&limit=50");
    const mine = r.body.data.filter((e: any) => e.details?.address === "127.0.0.17");
    expect(mine.map((e: any) => e.action)).toEqual(["login", "login_failed"]);
    expect(mine[0].details.email).toBe("staff@test.local");
  });

  it("refuses short and common passwords", async () => {
    for (const password of ["aaaaaaaaaa", "1234567890", "password12", "123456789012", "aaaaaaaaaaaaaa"]) {
      const r = await api.admin("POST", "/api/users", { email: "weak@test.local", password });
      expect({ password, status: r.status, type: r.body.type }).toEqual({
        password,
        status: 400,
        type: "VALIDATION_ERROR",
      });
    }
    const ok = await api.admin("POST", "/api/users", {
      email: "strong@test.local",
      password: "correct horse battery",
    });
    expect(ok.status).toBe(201);
  });

  it("audits user creation, role changes, deactivation and deletion", async () => {
    const created = await api.admin("POST", "/api/users", {
      email: "audited@test.local",
      password: "audited-password-1",
    });
    const id = created.body.id;
    await api.admin("PUT", `/api/users/${id}`, { rolle: "admin" });
    await api.admin("PUT", `/api/users/${id}`, { aktiv: false, password: "another-password-2" });
    await api.admin("DELETE", `/api/users/${id}`);
    const r = await api.admin("GET", `/api/audit?entity=user&entity_id=${id}`);
    const entries = r.body.data.reverse().map((e: any) => ({
      action: e.action,
      by: e.user_email,
      details: e.details,
    }));
    expect(entries).toEqual([
      { action: "create", by: "admin@test.local", details: { email: "audited@test.local", rolle: "staff" } },
      { action: "role_change", by: "admin@test.local", details: { from: "staff", to: "admin" } },
      { action: "deactivate", by: "admin@test.local", details: {} },
      { action: "password_change", by: "admin@test.local", details: {} },
      { action: "delete", by: "admin@test.local", details: { email: "audited@test.local", rolle: "admin" } },
    ]);
  });

  it("filters the audit log by action, user and day, and refuses a malformed day", async () => {
    const created = await api.admin("POST", "/api/users", {
      email: "filtered@test.local",
      password: "filtered-password-1",
    });
    await api.admin("PUT", `/api/users/${created.body.id}`, { rolle: "admin" });
    await api.admin("PUT", `/api/users/${created.body.id}`, { rolle: "staff" });
    const q = async (s: string) =>
      (await api.admin("GET", `/api/audit?entity_id=${created.body.id}&${s}`)).body;
    expect((await q("action=role_change")).data.map((e: any) => e.details.to)).toEqual(["staff", "admin"]);
    expect((await q("action=role_change&user=ADMIN@test")).total).toBe(2);
    expect((await q("action=role_change&user=staff@")).total).toBe(0);
    expect((await q(`entity=user&von=2000-01-01&bis=2999-12-31`)).total).toBe(3);
    expect((await q(`entity=user&bis=2000-01-01`)).total).toBe(0);
    expect((await q(`entity=user&von=2999-01-01`)).total).toBe(0);
    const bad = await api.admin("GET", "/api/audit?von=01.02.2026");
    expect([bad.status, bad.body.message]).toEqual([400, "Invalid date format for von. Use YYYY-MM-DD"]);
  });

  it("invalidates a token on logout", async () => {
    await api.admin("POST", "/api/users", { email: "leaver@test.local", password: "leaver-password-1" });
    const { body } = await api.request("POST", "/api/auth/login", {
      email: "leaver@test.local",
      password: "leaver-password-1",
    });
    expect((await api.request("POST", "/api/auth/logout", undefined, body.token)).status).toBe(200);
    expect((await api.request("GET", "/api/auth/me", undefined, body.token)).status).toBe(401);
  });

  it("keeps at least one active admin", async () => {
    const users = await api.admin("GET", "/api/users");
    const admin = users.body.data.find((u: any) => u.email === "admin@test.local");
    const r = await api.admin("PUT", `/api/users/${admin.id}`, { rolle: "staff" });
    expect(r.status).toBe(400);
    expect(r.body.type).toBe("LAST_ADMIN");
  });
});
