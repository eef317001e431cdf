import { ConfigError, loadConfig } from "../../../config";

const base = { ENCRYPTION_KEY: "unit-test-key-0123456789" };

describe("configuration", () => {
  it("has working defaults for the embedded single-process start", () => {
    const c = loadConfig(base);
    expect(c.core.port).toBe(3000);
    expect(c.core.databaseUrl).toBeNull();
    expect(c.core.transporter).toBeNull();
    expect(c.matching.coolingWeeks).toBe(4);
    expect(Object.isFrozen(c.core)).toBe(true);
  });

  it("names every invalid key with its value and the reason", () => {
    let err: unknown;
    try {
      loadConfig({ ...base, PORT: "eighty", TRANSPORTER: "redis://x", METRICS_ENABLED: "yes please" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('PORT="eighty": expected a whole number');
    expect(msg).toContain('TRANSPORTER="redis://x": expected a URL starting with nats:');
    expect(msg).toContain("METRICS_ENABLED");
  });

  it("refuses an encryption key that is too short", () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: "short" })).toThrow(/ENCRYPTION_KEY: encryption key too short/);
  });

  it("reads old keys for rotation", () => {
    const c = loadConfig({
      ...base,
      ENCRYPTION_KEY_ID: "k2",
      ENCRYPTION_OLD_KEYS: "k1:an-older-key-0123456789",
    });
    expect(c.keys.current).toBe("k2");
    expect(Object.keys(c.keys.byId).sort()).toEqual(["k1", "k2"]);
  });

  it("parses booleans strictly", () => {
    expect(loadConfig({ ...base, ENFORCE_PREQUALIFICATION: "true" }).matching.enforcePrequalification).toBe(
      true,
    );
    expect(loadConfig({ ...base, ENFORCE_PREQUALIFICATION: "false" }).matching.enforcePrequalification).toBe(
      false,
    );
    expect(() => loadConfig({ ...base, ENFORCE_PREQUALIFICATION: "ja" })).toThrow(ConfigError);
  });
});
