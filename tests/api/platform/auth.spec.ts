import { startApi, type TestApi } from "../../helpers/api";

describe("login, tokens and roles", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { LOGIN_MAX_FAILURES: "5", LOGIN_LOCK_SECONDS: "2" } });
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

  it("locks an account after repeated failures and lets the right password in after the lock expires", async () => {
    await api.admin("POST", "/api/users", { email: "victim@test.local", password: "victim-password-1" });
    const attempts = [];
    for (let i = 0; i < 100; i++) {
      attempts.push(
        (
          await api.request("POST", "/api/auth/login", {
            email: "victim@test.local",
            password: `guess-${i}-xxxx`,
          })
        ).status,
      );
    }
    expect(attempts.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(attempts.filter((s) => s === 429).length).toBeGreaterThan(90);
    const whileLocked = await api.request("POST", "/api/auth/login", {
      email: "victim@test.local",
      password: "victim-password-1",
    });
    expect(whileLocked.status).toBe(429);
    expect(whileLocked.body.type).toBe("ACCOUNT_LOCKED");
    await new Promise((r) => setTimeout(r, 4200));
    const after = await api.request("POST", "/api/auth/login", {
      email: "victim@test.local",
      password: "victim-password-1",
    });
    expect(after.status).toBe(200);
  }, 60_000);

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
