import * as crypto from "node:crypto";
import type { AppConfig } from "../../config";
import { AppError } from "../errors";
import { pad, unpad } from "./padding";

/**
 * Field encryption at rest (decisions.md 22): AES-256-GCM with a random IV; the stored text names the key id,
 * so values written with an older key stay readable while keys rotate.
 * Format: enc:v2:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>, the plaintext padded to a bucket (padding.ts);
 * enc:v1: values (unpadded, written before) stay readable.
 */
const PREFIX = "enc:v2:";
const PREFIX_LENGTH = PREFIX.length;
const isPadded = (stored: string) => stored.startsWith(PREFIX);

type KeyConfig = Pick<AppConfig, "keys">;

export function encryptField(cfg: KeyConfig, plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined) return null;
  const keyId = cfg.keys.current;
  const key = cfg.keys.byId[keyId];
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ct = Buffer.concat([cipher.update(pad(Buffer.from(String(plain), "utf8"))), cipher.final()]);
  return `${PREFIX}${keyId}:${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${ct.toString("base64")}`;
}

export const isEncrypted = (v: unknown): v is string => typeof v === "string" && /^enc:v[12]:/.test(v);

export function decryptField(cfg: KeyConfig, stored: string | null | undefined): string | null {
  if (stored === null || stored === undefined) return null;
  if (!isEncrypted(stored)) return stored; // written before encryption was enabled
  const [keyId, iv, tag, ct] = stored.slice(PREFIX_LENGTH).split(":");
  const key = cfg.keys.byId[keyId];
  if (!key)
    throw new AppError(
      500,
      "ENCRYPTION_KEY_MISSING",
      `No key '${keyId}' configured to decrypt a stored value`,
    );
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]);
    return (isPadded(stored) ? unpad(plain) : plain).toString("utf8");
  } catch {
    throw new AppError(500, "ENCRYPTION_TAMPERED", "A stored encrypted value failed its integrity check");
  }
}

export const encryptJson = (cfg: KeyConfig, value: unknown): string | null =>
  value === null || value === undefined ? null : encryptField(cfg, JSON.stringify(value));

export function decryptJson<T>(cfg: KeyConfig, stored: string | null | undefined): T | null {
  const s = decryptField(cfg, stored);
  return s === null ? null : (JSON.parse(s) as T);
}

/** True when the value was written with a key other than the current one (rotation re-encrypts it). */
export const needsReencryption = (cfg: KeyConfig, stored: string | null) =>
  isEncrypted(stored) &&
  (!isPadded(stored) || stored.slice(PREFIX_LENGTH).split(":")[0] !== cfg.keys.current);
