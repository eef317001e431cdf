import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Where the platform's secrets come from (issue 11, issue 18): in server or cluster mode from the
 * environment only (every node must hold the same keys); in the embedded default from generated files in a
 * key folder apart from DATA_DIR (a copy of DATA_DIR alone does not decrypt anything), mode 0600.
 */
export interface ResolvedKeys {
  /** Key id used to encrypt; `byId` also holds older keys still readable during rotation. */
  readonly current: string;
  readonly byId: Readonly<Record<string, Buffer>>;
  /** Signs the one-click answer links; never derived from the data key. */
  readonly answerLinkSecret: string;
  /** Keys the audit chain (HMAC): the database does not hold it, so a superuser cannot recompute the chain. */
  readonly auditChainSecret: string;
  /** One line for the start log: where the keys came from. */
  readonly source: string;
}

export interface KeyInputs {
  encryptionKey: string | null;
  encryptionKeyId: string;
  encryptionOldKeys: string;
  answerLinkSecret: string | null;
  auditChainSecret: string | null;
  keyDir: string | null;
  dataDir: string;
  /** DATABASE_URL set by the operator, or TRANSPORTER set: several processes must share the keys. */
  serverMode: boolean;
}

/** A key given as base64 of 32 bytes is used as is; anything else of 16+ characters is a passphrase. */
export function deriveKey(material: string): Buffer {
  const b = Buffer.from(material, "base64");
  if (b.length === 32 && /^[A-Za-z0-9+/=]+$/.test(material)) return b;
  if (material.length < 16)
    throw new Error("encryption key too short (need 32 base64 bytes or 16+ characters)");
  return crypto.createHash("sha256").update(material, "utf8").digest();
}

/** The default key folder: beside DATA_DIR, not inside it (backups and copies of DATA_DIR leave it out). */
export const defaultKeyDir = (dataDir: string) => `${path.resolve(dataDir)}-keys`;

/** The generated encryption key file of the embedded default (backup and restore read and write it). */
export const keyFilePath = (c: { dataDir: string }, keyDir?: string | null): string =>
  path.join(keyDir ? path.resolve(keyDir) : defaultKeyDir(c.dataDir), "encryption.key");

/** Reads a generated secret, creating it (and a private folder) on first use; tightens loose modes. */
export function generatedSecret(
  dir: string,
  name: string,
  legacy?: string,
): { value: string; created: boolean } {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  let created = false;
  if (!fs.existsSync(file)) {
    if (legacy && fs.existsSync(legacy)) {
      // Earlier versions kept the key inside DATA_DIR, next to the database it protects.
      fs.copyFileSync(legacy, file);
      fs.rmSync(legacy);
    } else {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
      created = true;
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return { value: fs.readFileSync(file, "utf8").trim(), created };
}

export function resolveKeys(k: KeyInputs): ResolvedKeys {
  if (k.serverMode) {
    const missing = [
      !k.encryptionKey && "ENCRYPTION_KEY",
      !k.answerLinkSecret && "ANSWER_LINK_SECRET",
      !k.auditChainSecret && "AUDIT_CHAIN_SECRET",
    ].filter(Boolean);
    if (missing.length)
      throw new Error(
        `${missing.join(", ")} must be set when DATABASE_URL or TRANSPORTER is set: every node of a platform ` +
          "needs the same keys from the environment (a generated key file would differ per node)",
      );
  }
  const dir = path.dirname(keyFilePath(k, k.keyDir));
  const files: string[] = [];
  let material = k.encryptionKey;
  if (!material) {
    material = generatedSecret(dir, "encryption.key", path.resolve(k.dataDir, "encryption.key")).value;
    files.push("encryption.key");
  }
  let linkSecret = k.answerLinkSecret;
  if (!linkSecret) {
    linkSecret = generatedSecret(dir, "answer-link.secret").value;
    files.push("answer-link.secret");
  }
  let auditSecret = k.auditChainSecret;
  if (!auditSecret) {
    auditSecret = generatedSecret(dir, "audit-chain.secret").value;
    files.push("audit-chain.secret");
  }
  const byId: Record<string, Buffer> = { [k.encryptionKeyId]: deriveKey(material) };
  for (const part of k.encryptionOldKeys.split(",").filter(Boolean)) {
    const i = part.indexOf(":");
    if (i < 1) throw new Error(`ENCRYPTION_OLD_KEYS entry '${part.slice(0, 3)}…' is not id:key`);
    byId[part.slice(0, i)] = deriveKey(part.slice(i + 1));
  }
  const source = files.length
    ? `Keys: ${files.join(", ")} generated in ${dir} (mode 0600, kept apart from DATA_DIR: back it up separately)` +
      "; set ENCRYPTION_KEY, ANSWER_LINK_SECRET and AUDIT_CHAIN_SECRET to manage them yourself"
    : "Keys: ENCRYPTION_KEY, ANSWER_LINK_SECRET and AUDIT_CHAIN_SECRET from the environment";
  return {
    current: k.encryptionKeyId,
    byId,
    answerLinkSecret: linkSecret,
    auditChainSecret: auditSecret,
    source,
  };
}
