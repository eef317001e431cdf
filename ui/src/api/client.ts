/**
 * The typed fetch wrapper every screen uses: bearer token, JSON in and out, an `Idempotency-Key` on every write
 * (the same key for a retried submission, so a double submit can be recognised by the server), and errors as
 * `ApiError` carrying the API's stable `type` (the UI chooses its German text by that type, never the message).
 */
// The session token lives in sessionStorage: closing the tab ends the session on this machine.
const TOKEN_KEY = "token";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when the server says the token is no longer valid (the app then shows the login page). */
export const onUnauthorized = (l: Listener) => {
  unauthorizedListeners.add(l);
  return () => {
    unauthorizedListeners.delete(l);
  };
};

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export const newIdempotencyKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export type Query = Record<string, string | number | boolean | null | undefined>;

export const queryString = (q: Query = {}) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== "" && v !== undefined && v !== null) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

export interface RequestOptions {
  idempotencyKey?: string;
  /** Login answers 401 for wrong credentials: that is not an expired session. */
  noUnauthorizedHandling?: boolean;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (WRITES.has(method)) headers["idempotency-key"] = opts.idempotencyKey ?? newIdempotencyKey();
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "Network error", {});
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const b = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
    const err = new ApiError(
      res.status,
      typeof b.type === "string" ? b.type : `HTTP_${res.status}`,
      typeof b.message === "string" ? b.message : `HTTP ${res.status}`,
      b,
    );
    if (res.status === 401 && !opts.noUnauthorizedHandling) {
      tokenStore.clear();
      unauthorizedListeners.forEach((l) => l());
    }
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, q?: Query) => request<T>("GET", path + queryString(q)),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>("POST", path, body ?? {}, o),
  put: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>("PUT", path, body ?? {}, o),
  patch: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>("PATCH", path, body ?? {}, o),
  del: <T>(path: string, o?: RequestOptions) => request<T>("DELETE", path, undefined, o),
};
