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
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return { ok: false, reason: "malformed" };
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
  if (!Number.isInteger(claim?.a) || typeof claim.e !== "number") return { ok: false, reason: "malformed" };
  if (claim.e < nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, claim };
}

/** The key for links only, from their own secret (ANSWER_LINK_SECRET or the generated one), never the data key. */
export const linkKey = (material: Buffer | string) =>
  crypto.createHmac("sha256", material).update("answer-links").digest();

/** The signed links of one inquiry e-mail: per patient accept / no capacity / unsuitable, and one for all. */
export function inquiryLinks(
  baseUrl: string,
  anfrageId: number,
  patientIds: readonly number[],
  expiresAt: number,
  key: Buffer,
) {
  const url = (p: number | null, o: string | null) =>
    `${baseUrl.replace(/\/$/, "")}/api/antwort/${signAnswer({ a: anfrageId, p, o, e: expiresAt }, key)}`;
  return {
    all: url(null, null),
    perPatient: new Map(
      patientIds.map((id) => [
        id,
        {
          angenommen: url(id, "angenommen"),
          abgelehnt_Kapazitaet: url(id, "abgelehnt_Kapazitaet"),
          abgelehnt_nicht_geeignet: url(id, "abgelehnt_nicht_geeignet"),
        },
      ]),
    ),
  };
}
