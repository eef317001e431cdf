import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { QueryTypes, type Sequelize } from "sequelize";
import type { AuditAnchor } from "./index";

/**
 * The audit chain's head, signed with the chain secret and appended to a file outside the database (and the
 * log) every minute and at shutdown: deleting the newest entries, or rewriting the chain, no longer passes.
 */
const sign = (secret: string, a: AuditAnchor) =>
  crypto.createHmac("sha256", secret).update(`audit-anchor\n${a.id}\n${a.hash}\n${a.at}`).digest("hex");

/** Appends the current head (nothing when the chain is empty or the head is already anchored). */
export async function writeAnchor(db: Sequelize, file: string, secret: string): Promise<AuditAnchor | null> {
  const [head] = await db.query<{ id: number; hash: string }>(
    "SELECT id, hash FROM platform.audit_log ORDER BY id DESC LIMIT 1",
    { type: QueryTypes.SELECT },
  );
  if (!head) return null;
  const last = readAnchor(file, secret);
  if (last && last.id === head.id && last.hash === head.hash) return last;
  const anchor: AuditAnchor = { id: head.id, hash: head.hash, at: new Date().toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(file, JSON.stringify({ ...anchor, sig: sign(secret, anchor) }) + "\n", { mode: 0o600 });
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return anchor;
}

/** The newest correctly signed anchor of the file (lines with a wrong signature are not believed). */
export function readAnchor(file: string, secret: string): AuditAnchor | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n").filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const { id, hash, at, sig } = JSON.parse(lines[i]) as AuditAnchor & { sig: string };
      const a = { id, hash, at };
      const expected = Buffer.from(sign(secret, a), "hex");
      const given = Buffer.from(String(sig), "hex");
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return a;
    } catch {
      // a torn last line (crash while appending): the one before counts
    }
  }
  return null;
}
