import * as crypto from "node:crypto";

/**
 * Idempotency-Key rules (issue 11; IETF draft-ietf-httpapi-idempotency-key-header): a POST repeated with the
 * same key by the same user within the key's lifetime answers the first result and runs nothing; the same key
 * with another request is refused with 422; a repeat while the first is still running waits for its result.
 */

/** Printable ASCII, 1..255 characters (UUIDs, ULIDs and the like). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

export const isValidIdempotencyKey = (key: string) => VALID_KEY.test(key);

/** The stored form of a key: its hash, so the table holds nothing a client chose verbatim. */
export const hashIdempotencyKey = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

/** JSON with object keys sorted, so the same body sent with another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What identifies "the same request": method, path and every parameter (body, query, path). */
export const requestFingerprint = (method: string, path: string, params: unknown) =>
  crypto
    .createHash("sha256")
    .update(`${method.toUpperCase()} ${path.split("?")[0]}\n${canonicalJson(params)}`)
    .digest("hex");

export interface StoredKey {
  fingerprint: string;
  state: "pending" | "done";
}

export type ClaimDecision = "replay" | "mismatch" | "wait";

/** For a key that is already live (not expired, not abandoned): what a new request with it gets. */
export function decideRepeat(stored: StoredKey, fingerprint: string): ClaimDecision {
  if (stored.fingerprint !== fingerprint) return "mismatch";
  return stored.state === "done" ? "replay" : "wait";
}

/** The answer kept for a replay: the status and body sent, and what shaped the response. */
export interface StoredResponse {
  status: number;
  body: unknown;
  responseType?: string;
  location?: string;
}
