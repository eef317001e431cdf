import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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

describe("where the keys come from", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "keys-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("refuses server mode without ENCRYPTION_KEY, ANSWER_LINK_SECRET and AUDIT_CHAIN_SECRET, naming them", () => {
    const env = { DATABASE_URL: "postgres://db.example:5432/x", DATA_DIR: path.join(root, "data") };
    expect(() => loadConfig(env)).toThrow(
      /ENCRYPTION_KEY, ANSWER_LINK_SECRET, AUDIT_CHAIN_SECRET must be set when DATABASE_URL or TRANSPORTER is set/,
    );
    expect(() => loadConfig({ ...env, ENCRYPTION_KEY: "server-key-0123456789" })).toThrow(
      /: ANSWER_LINK_SECRET, AUDIT_CHAIN_SECRET must be set/,
    );
    expect(() =>
      loadConfig({
        TRANSPORTER: "nats://127.0.0.1:4222",
        ANSWER_LINK_SECRET: "link-secret-0123456789",
        AUDIT_CHAIN_SECRET: "audit-secret-0123456789",
      }),
    ).toThrow(/: ENCRYPTION_KEY must be set/);
    expect(fs.existsSync(`${env.DATA_DIR}-keys`)).toBe(false); // nothing generated
    const ok = loadConfig({
      ...env,
      ENCRYPTION_KEY: "server-key-0123456789",
      ANSWER_LINK_SECRET: "link-secret-0123456789",
      AUDIT_CHAIN_SECRET: "audit-secret-0123456789",
    });
    expect(ok.keys.answerLinkSecret).toBe("link-secret-0123456789");
  });

  it("keeps generated keys of the embedded default in a private folder beside DATA_DIR, not in it", () => {
    const dataDir = path.join(root, "data");
    const c = loadConfig({ DATA_DIR: dataDir });
    const keyDir = `${dataDir}-keys`;
    expect(fs.readdirSync(keyDir).sort()).toEqual([
      "answer-link.secret",
      "audit-chain.secret",
      "encryption.key",
    ]);
    for (const f of fs.readdirSync(keyDir))
      expect(fs.statSync(path.join(keyDir, f)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyDir).mode & 0o077).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "encryption.key"))).toBe(false);
    expect(c.keys.source).toContain(`generated in ${keyDir} (mode 0600`);
    // The link secret is its own, not derived from the data key; both are stable across starts.
    const again = loadConfig({ DATA_DIR: dataDir });
    expect(again.keys.answerLinkSecret).toBe(c.keys.answerLinkSecret);
    expect(again.keys.byId.k1.equals(c.keys.byId.k1)).toBe(true);
    expect(Buffer.from(c.keys.answerLinkSecret, "base64").equals(c.keys.byId.k1)).toBe(false);
  });

  it("moves a key file of an earlier version out of DATA_DIR", () => {
    const dataDir = path.join(root, "data");
    fs.mkdirSync(dataDir);
    const legacy = Buffer.alloc(32, 9).toString("base64");
    fs.writeFileSync(path.join(dataDir, "encryption.key"), legacy, { mode: 0o644 });
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c.keys.byId.k1.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "encryption.key"))).toBe(false);
    expect(fs.statSync(path.join(`${dataDir}-keys`, "encryption.key")).mode & 0o777).toBe(0o600);
  });
});
