import type { IncomingMessage } from "node:http";
import type { Context } from "moleculer";
import { AppError } from "../../../mixins/errors";
import { isValidIdempotencyKey, requestFingerprint, type StoredResponse } from "../domain/idempotency";
import type { ClaimResult } from "../idempotency.service";

type Req = IncomingMessage & { $alias?: { type?: string }; originalUrl?: string };

export const IdempotencyError = {
  INVALID: "INVALID_IDEMPOTENCY_KEY",
  REUSED: "IDEMPOTENCY_KEY_REUSED",
  IN_PROGRESS: "IDEMPOTENCY_REQUEST_IN_PROGRESS",
} as const;

/** How long a repeat waits for the first request with its key to finish before it answers 409. */
const WAIT_MS = 30_000;
const POLL_MS = 50;

export interface IdempotencyClaim {
  userId: number;
  key: string;
}

/**
 * The key of a POST by a logged-in user that carries `Idempotency-Key`, or null when the request is not
 * covered (other methods, no login, multipart and stream uploads whose body the gateway does not read).
 */
export function idempotencyKeyOf(req: Req, user: { id: number } | null | undefined): string | null {
  if (req.method !== "POST" || !user) return null;
  const raw = req.headers["idempotency-key"];
  if (raw === undefined) return null;
  const type = req.$alias?.type;
  if (type === "multipart" || type === "stream") return null;
  const key = String(raw).trim();
  if (!isValidIdempotencyKey(key))
    throw new AppError(
      400,
      IdempotencyError.INVALID,
      "Idempotency-Key must be 1 to 255 printable ASCII characters",
    );
  return key;
}

/**
 * Claims the key for this request: "proceed" (run it), or the first request's stored answer to send instead.
 * A repeat that arrives while the first still runs waits for its answer (parallel double submits all get
 * the one result); another request under the same key is refused with 422.
 */
export async function claimIdempotencyKey(
  ctx: Context,
  req: Req,
  userId: number,
  key: string,
  params: unknown,
): Promise<{ proceed: true } | { proceed: false; response: StoredResponse }> {
  const fingerprint = requestFingerprint(req.method ?? "POST", req.originalUrl ?? req.url ?? "", params);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const r = await ctx.call<ClaimResult, object>("idempotency.claim", { user_id: userId, key, fingerprint });
    if (r.outcome === "proceed") return { proceed: true };
    if (r.outcome === "replay") return { proceed: false, response: r.response };
    if (r.outcome === "mismatch")
      throw new AppError(
        422,
        IdempotencyError.REUSED,
        "This Idempotency-Key was already used for a different request; send a new key",
      );
    if (Date.now() > deadline)
      throw new AppError(
        409,
        IdempotencyError.IN_PROGRESS,
        "A request with this Idempotency-Key is still running; repeat it later",
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** What is kept of an answer for replays; null when it cannot be replayed (binary or streamed answers). */
export function storableResponse(ctx: Context<unknown, any>, data: unknown): StoredResponse | null {
  const isStream = !!data && typeof (data as { pipe?: unknown }).pipe === "function";
  if (Buffer.isBuffer(data) || isStream) return null;
  const status = ctx.meta.$statusCode ?? 200;
  if (status >= 400) return null;
  return {
    status,
    body: data === undefined ? null : data,
    ...(ctx.meta.$responseType ? { responseType: String(ctx.meta.$responseType) } : {}),
    ...(ctx.meta.$location ? { location: String(ctx.meta.$location) } : {}),
  };
}
