import { fork } from "node:child_process";
import * as path from "node:path";
import type { ServiceSchema } from "moleculer";
import { Client } from "pg";
import { SqlMixin } from "../../../mixins/db.mixin";
import { alreadyProcessed } from "../../../mixins/outbox";
import { startBroker } from "../../helpers/broker";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";

const received: number[] = [];
const consumer: ServiceSchema = {
  name: "drillconsumer",
  mixins: [SqlMixin("platform")],
  actions: {
    onDrill: {
      subscribe: "drill.happened",
      async handler(this: any, ctx: any) {
        await this.db.transaction(async (t: any) => {
          if (!(await alreadyProcessed(t, "drillconsumer.onDrill", ctx.params.eventId)))
            received.push(ctx.params.payload.n);
        });
      },
    },
  },
};

/** Issue 2 proof: an event written by a process that is killed before delivering it is delivered later, once. */
describe("outbox across a kill -9", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("delivers the event after the writer was killed, exactly once to the consumer", async () => {
    // The consumer has run once, so the platform knows it subscribes (it is down while the event is written).
    const first = await startBroker({ groups: [], databaseUrl: db.url, env: { OUTBOX_POLL_MS: "100" } });
    first.broker.createService(consumer);
    await first.broker.waitForServices(["drillconsumer"]);
    await new Promise((r) => setTimeout(r, 300));
    await first.broker.stop();

    const child = fork(path.resolve(__dirname, "../../fixtures/outbox-writer.ts"), [db.url], {
      execArgv: ["--import", "tsx"],
      stdio: "ignore",
    });
    await new Promise((r) => child.once("message", r));
    child.kill("SIGKILL");

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const pending = await pg.query(
      "SELECT published_at FROM platform.outbox WHERE event_type = 'drill.happened'",
    );
    expect(pending.rows).toHaveLength(1);
    expect(pending.rows[0].published_at).toBeNull();

    const second = await startBroker({ groups: [], databaseUrl: db.url, env: { OUTBOX_POLL_MS: "100" } });
    second.broker.createService(consumer);
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    await second.broker.stop();
    const done = await pg.query(
      "SELECT published_at FROM platform.outbox WHERE event_type = 'drill.happened'",
    );
    await pg.end();
    expect(received).toEqual([1]);
    expect(done.rows[0].published_at).not.toBeNull();
  }, 60_000);
});
