import { Client } from "pg";
import { audit, verifyAuditChain } from "../../../mixins/audit";
import { startBroker, type TestBroker } from "../../helpers/broker";

/** Reads and lists are audited on every request: under load their entries share one lock and one commit. */
describe("audit entries of concurrent requests", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: ["api"] });
  });
  afterAll(() => tb.stop());
  const db = () => (tb.broker.getLocalService("users") as any).db;

  it("commits every entry before answering, keeps one valid chain, and writes many in few transactions", async () => {
    const reads = Array.from({ length: 200 }, (_, i) =>
      audit(null, db(), { action: "read", entity: "patient", entity_id: i }),
    );
    const changes = Array.from({ length: 10 }, (_, i) =>
      db().transaction((t: any) =>
        audit(null, db(), { action: "update", entity: "patient", entity_id: i }, t),
      ),
    );
    await Promise.all([...reads, ...changes]);
    const c = new Client({ connectionString: tb.databaseUrl });
    await c.connect();
    const { rows } = await c.query(
      "SELECT count(*)::int AS n, count(DISTINCT xmin::text)::int AS transactions FROM platform.audit_log WHERE entity = 'patient'",
    );
    await c.end();
    expect(rows[0].n).toBe(210);
    expect(rows[0].transactions).toBeLessThan(100);
    expect(await verifyAuditChain(db())).toMatchObject({ valid: true, checked: 210 });
  });

  it("fails the callers of a batch that could not be written, and keeps working for the next ones", async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(audit(null, db(), { action: "read", entity: "x", details: circular })).rejects.toThrow();
    await audit(null, db(), { action: "read", entity: "x", entity_id: 1 });
    expect(await verifyAuditChain(db())).toMatchObject({ valid: true, checked: 211 });
  });
});
