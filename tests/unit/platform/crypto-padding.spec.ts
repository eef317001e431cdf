import * as crypto from "node:crypto";
import { loadConfig } from "../../../config";
import { decryptField, encryptField, encryptJson, needsReencryption } from "../../../mixins/crypto";
import { bucketSize, pad, unpad } from "../../../mixins/crypto/padding";
import { SYMPTOMS } from "../../../services/shared/symptoms";

const cfg = loadConfig({ ENCRYPTION_KEY: "first-key-0123456789abcdef" });

/** A value as the first release stored it: enc:v1, no padding. */
function unpaddedV1(plain: string): string {
  const key = cfg.keys.byId[cfg.keys.current];
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(cfg.keys.current));
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return `enc:v1:${cfg.keys.current}:${iv.toString("base64")}:${c.getAuthTag().toString("base64")}:${ct.toString("base64")}`;
}

describe("ciphertexts padded to buckets", () => {
  it("gives every single symptom the same ciphertext length (unpadded, 9 of 30 were recognisable)", () => {
    const lengths = new Set(SYMPTOMS.map((s) => encryptJson(cfg, [s])!.length));
    expect(SYMPTOMS).toHaveLength(30);
    expect(lengths.size).toBe(1);
    // Without padding the lengths told symptoms apart.
    expect(new Set(SYMPTOMS.map((s) => unpaddedV1(JSON.stringify([s])).length)).size).toBeGreaterThan(1);
  });

  it("round-trips every length around the bucket edges, including zero bytes and non-ASCII text", () => {
    for (const n of [0, 1, 62, 63, 64, 65, 127, 128, 4095, 4096, 4097, 10_000]) {
      const plain = "ä".repeat(Math.floor(n / 2)) + "x".repeat(n % 2);
      expect(decryptField(cfg, encryptField(cfg, plain))).toBe(plain);
    }
    expect(unpad(pad(Buffer.from([0x80, 0, 0])))).toEqual(Buffer.from([0x80, 0, 0]));
    expect([bucketSize(1), bucketSize(64), bucketSize(65), bucketSize(4097)]).toEqual([64, 64, 128, 8192]);
  });

  it("still reads unpadded values of the first release and flags them for re-encryption", () => {
    const old = unpaddedV1("Suizidgedanken erwähnt");
    expect(decryptField(cfg, old)).toBe("Suizidgedanken erwähnt");
    expect(needsReencryption(cfg, old)).toBe(true);
    expect(needsReencryption(cfg, encryptField(cfg, "x"))).toBe(false);
  });
});
