import * as crypto from "node:crypto";

/** One-click answer links (decisions.md 15): what a link answers, signed so it cannot be forged or altered. */
export interface AnswerClaim {
  a: number; // inquiry id
  p: number | null; // patient id, null = the whole inquiry
  o: string | null; // suggested outcome
  e: number; // expiry, epoch seconds
}

const b64 = (b: Buffer) => b.toString("base64url");

export function signAnswer(claim: AnswerClaim, key: Buffer): string {
  const body = b64(Buffer.from(JSON.stringify(claim)));
  const sig = b64(crypto.createHmac("sha256", key).update(body).digest());
  return `${body}.${sig}`;
}

export type VerifyResult =
  { ok: true; claim: AnswerClaim } | { ok: false; reason: "malformed" | "signature" | "expired" };

export function verifyAnswer(token: string, key: Buffer, nowSeconds: number): VerifyResult {
  const [body, sig] = token.split(".");
  if (!body || !sig) return { ok: false, reason: "malformed" };
  const expected = crypto.createHmac("sha256", key).update(body).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: "signature" };
  let claim: AnswerClaim;
  try {
    claim = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claim.a !== "number" || typeof claim.e !== "number") return { ok: false, reason: "malformed" };
  if (claim.e < nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, claim };
}

/** A key for links only, derived from the field-encryption key so no extra secret must be configured. */
export const linkKey = (encryptionKey: Buffer) =>
  crypto.createHmac("sha256", encryptionKey).update("answer-links").digest();
