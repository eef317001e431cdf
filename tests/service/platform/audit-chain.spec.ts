import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { audit, entryHash } from "../../../mixins/audit";
import { startBroker, type TestBroker } from "../../helpers/broker";

/** quality.md S4: a superuser rewriting the chain with the project's own function, or deleting its newest entries. */
describe("keyed audit chain with an anchored head", () => {
  let tb: TestBroker;
  let dir: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-anchor-"));
    tb = await startBroker({ groups: ["api"], env: { AUDIT_ANCHOR_FILE: path.join(dir, "anchors.jsonl") } });
  });
  afterEach(async () => {
    await tb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const db = () => (tb.broker.getLocalService("audit") as any).db;
  const verify = () => tb.broker.call<any>("audit.verify");
  const superuser = async (fn: (c: Client) => Promise<void>) => {
    const c = new Client({ connectionString: tb.databaseUrl });
    await c.connect();
    await c.query("ALTER TABLE platform.audit_log DISABLE TRIGGER audit_log_no_change");
    try {
      await fn(c);
    } finally {
      await c.query("ALTER TABLE platform.audit_log ENABLE TRIGGER audit_log_no_change");
      await c.end();
    }
  };
  const writeEntries = async (n: number) => {
    for (let i = 0; i < n; i++) await audit(null, db(), { action: "read", entity: "patient", entity_id: i });
  };

  /** What an attacker with the database but not the secret can do: recompute every link with the plain hash. */
  const recomputeWithoutSecret = (c: Client, fromId: number, alg: string) =>
    c.query("SELECT * FROM platform.audit_log ORDER BY id").then(async ({ rows }) => {
      let prev = "0".repeat(64);
      for (const r of rows) {
        if (r.id >= fromId) {
          const hash = entryHash(prev, r);
          await c.query("UPDATE platform.audit_log SET prev_hash = $1, hash = $2, alg = $3 WHERE id = $4", [
            prev,
            hash,
            alg,
            r.id,
          ]);
          prev = hash;
        } else prev = r.hash;
      }
    });

  it("detects an entry rewritten by a superuser who recomputes the following links", async () => {
    await writeEntries(5);
    expect(await verify()).toMatchObject({ valid: true, checked: 5, unkeyed: 0 });
    const [rows] = await db().query("SELECT id FROM platform.audit_log ORDER BY id OFFSET 2 LIMIT 1");
    const target = rows[0].id;
    await superuser(async (c) => {
      await c.query("UPDATE platform.audit_log SET entity_id = '999' WHERE id = $1", [target]);
      await recomputeWithoutSecret(c, target, "hmac-sha256");
    });
    expect(await verify()).toMatchObject({
      valid: false,
      first_broken_id: target,
      reason: "content changed",
    });
  });

  it("detects a chain rewritten from the start as plain (unkeyed) entries through the anchor", async () => {
    await writeEntries(4);
    const anchor = await tb.broker.call<any>("audit.anchor");
    expect(anchor).toMatchObject({ id: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const [first] = (await db().query("SELECT min(id) AS id FROM platform.audit_log"))[0];
    await superuser(async (c) => {
      await c.query("UPDATE platform.audit_log SET entity_id = 'forged' WHERE id = $1", [first.id]);
      await recomputeWithoutSecret(c, first.id, "sha256");
    });
    expect(await verify()).toMatchObject({
      valid: false,
      first_broken_id: anchor.id,
      reason: "anchored entry differs from its anchor",
    });
  });

  it("detects deletion of the newest entries after the head was anchored", async () => {
    await writeEntries(6);
    const anchor = await tb.broker.call<any>("audit.anchor");
    expect(await verify()).toMatchObject({ valid: true, anchor: { id: anchor.id } });
    await superuser(async (c) => {
      await c.query("DELETE FROM platform.audit_log WHERE id > $1", [anchor.id - 2]);
    });
    const r = await verify();
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(
      new RegExp(`^truncated: entry ${anchor.id} was anchored at .*, the chain ends at ${anchor.id - 2}$`),
    );
  });

  it("anchors the head at shutdown, signed: a forged anchor line is not believed", async () => {
    await writeEntries(2);
    const file = path.join(dir, "anchors.jsonl");
    fs.appendFileSync(
      file,
      JSON.stringify({ id: 1, hash: "0".repeat(64), at: "2026-01-01T00:00:00Z", sig: "ab" }) + "\n",
    );
    expect(await verify()).toMatchObject({ valid: true, anchor: null });
    await tb.broker.stop();
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({
      id: expect.any(Number),
      sig: expect.any(String),
    });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });
});
