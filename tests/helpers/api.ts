import { startBroker, type StartBrokerOptions, type TestBroker } from "./broker";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApi extends TestBroker {
  url: string;
  adminToken: string;
  staffToken: string;
  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<ApiResponse<T>>;
  /** Same as request with the staff token. */
  staff<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  admin<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

/**
 * The gateway plus the given service groups on a free port and a fresh database, with a logged-in admin and
 * staff user. `request(method, path, body, token)`; token `null` sends no Authorization header.
 */
export async function startApi(
  o: Omit<StartBrokerOptions, "groups"> & { groups?: string[] } = {},
): Promise<TestApi> {
  const groups = Array.from(new Set(["api", ...(o.groups ?? [])]));
  const tb = await startBroker({ ...o, groups });
  const api = tb.broker.getLocalService("api") as any;
  const url = `http://127.0.0.1:${api.settings.port}`;

  const request = async <T>(method: string, path: string, body?: unknown, token?: string | null) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(url + path, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (HTML pages, metrics) */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  const login = async (email: string, password: string) => {
    const r = await request<{ token: string }>("POST", "/api/auth/login", { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  };
  const adminToken = await login("admin@test.local", "admin-password-123");
  const created = await request(
    "POST",
    "/api/users",
    { email: "staff@test.local", password: "staff-password-123", rolle: "staff" },
    adminToken,
  );
  if (created.status !== 201)
    throw new Error(`staff user: ${created.status} ${JSON.stringify(created.body)}`);
  const staffToken = await login("staff@test.local", "staff-password-123");

  return {
    ...tb,
    url,
    adminToken,
    staffToken,
    request,
    staff: (m, p, b) => request(m, p, b, staffToken),
    admin: (m, p, b) => request(m, p, b, adminToken),
  };
}
