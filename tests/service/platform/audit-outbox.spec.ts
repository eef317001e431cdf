import type { ServiceSchema } from "moleculer";
import { Client } from "pg";
import { audit, verifyAuditChain } from "../../../mixins/audit";
import { SqlMixin } from "../../../mixins/db.mixin";
import { alreadyProcessed, writeEvent } from "../../../mixins/outbox";
import { startBroker, type TestBroker } from "../../helpers/broker";

const received: string[] = [];
const Consumer: ServiceSchema = {
  name: "probe",
  mixins: [SqlMixin("platform")],
  actions: {
    onThing: {
      subscribe: "thing.happened",
      async handler(this: any, ctx: any) {
        await this.db.transaction(async (t: any) => {
          if (await alreadyProcessed(t, "probe.onThing", ctx.params.eventId)) return;
          received.push(ctx.params.payload.n);
        });
      },
    },
  },
};

describe("audit log and outbox", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: ["api"], env: { OUTBOX_POLL_MS: "50" } });
    tb.broker.createService(Consumer);
    await tb.broker.waitForServices(["probe"]);
  });
  afterAll(() => tb.stop());
  const db = () => (tb.broker.getLocalService("users") as any).db;

  it("chains audit entries and names the first entry altered by hand", async () => {
    for (let i = 0; i < 5; i++) await audit(null, db(), { action: "read", entity: "patient", entity_id: i });
    expect(await verifyAuditChain(db())).toMatchObject({ valid: true, checked: 5 });
    const c = new Client({ connectionString: tb.databaseUrl });
    await c.connect();
    await c.query("ALTER TABLE platform.audit_log DISABLE TRIGGER audit_log_no_change");
    const { rows } = await c.query("SELECT id FROM platform.audit_log ORDER BY id OFFSET 2 LIMIT 1");
    await c.query("UPDATE platform.audit_log SET entity_id = '999' WHERE id = $1", [rows[0].id]);
    await c.query("ALTER TABLE platform.audit_log ENABLE TRIGGER audit_log_no_change");
    await c.end();
    expect(await verifyAuditChain(db())).toMatchObject({ valid: false, first_broken_id: rows[0].id });
  });

  it("refuses to change audit entries through normal SQL", async () => {
    await expect(db().query("DELETE FROM platform.audit_log")).rejects.toThrow(/append-only/);
  });

  it("delivers an event written in a committed transaction once, and none from a rolled back one", async () => {
    await db().transaction((t: any) =>
      writeEvent(t, { eventType: "thing.happened", producer: "test", payload: { n: "a" } }),
    );
    await db()
      .transaction(async (t: any) => {
        await writeEvent(t, { eventType: "thing.happened", producer: "test", payload: { n: "b" } });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    for (let i = 0; i < 50 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toEqual(["a"]);
  });
});
