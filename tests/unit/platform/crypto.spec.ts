import { loadConfig } from "../../../config";
import {
  decryptField,
  decryptJson,
  encryptField,
  encryptJson,
  needsReencryption,
} from "../../../mixins/crypto";

const cfg = loadConfig({ ENCRYPTION_KEY: "first-key-0123456789abcdef" });

describe("field encryption", () => {
  it("round-trips text and JSON without revealing it", () => {
    const stored = encryptField(cfg, "A123456789")!;
    expect(stored).toMatch(/^enc:v2:k1:/);
    expect(stored).not.toContain("A123456789");
    expect(decryptField(cfg, stored)).toBe("A123456789");
    expect(decryptJson(cfg, encryptJson(cfg, ["Schlafstörungen"]))).toEqual(["Schlafstörungen"]);
    expect(encryptField(cfg, null)).toBeNull();
  });

  it("uses a new IV each time", () => {
    expect(encryptField(cfg, "x")).not.toBe(encryptField(cfg, "x"));
  });

  it("detects tampering", () => {
    const stored = encryptField(cfg, "1990-01-01")!;
    const parts = stored.split(":");
    parts[5] = Buffer.from("1999-01-01").toString("base64");
    expect(() => decryptField(cfg, parts.join(":"))).toThrow(
      expect.objectContaining({ type: "ENCRYPTION_TAMPERED" }),
    );
  });

  it("reads values of an old key after rotation and flags them for re-encryption", () => {
    const old = encryptField(cfg, "secret")!;
    const rotated = loadConfig({
      ENCRYPTION_KEY: "second-key-0123456789abcdef",
      ENCRYPTION_KEY_ID: "k2",
      ENCRYPTION_OLD_KEYS: "k1:first-key-0123456789abcdef",
    });
    expect(decryptField(rotated, old)).toBe("secret");
    expect(needsReencryption(rotated, old)).toBe(true);
    expect(needsReencryption(rotated, encryptField(rotated, "secret"))).toBe(false);
  });
});
