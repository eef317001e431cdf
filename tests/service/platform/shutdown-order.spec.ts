import type { ServiceSchema } from "moleculer";
import { SqlMixin } from "../../../mixins/db.mixin";
import { startBroker } from "../../helpers/broker";

/** quality.md R7: work still finishing when a node stops must still reach the database. */
describe("stopping a service with database access", () => {
  it("keeps the connection open until the service's other stop hooks have finished", async () => {
    const tb = await startBroker({ groups: [] });
    const results: unknown[] = [];
    const Finisher: Partial<ServiceSchema> = {
      async stopped(this: any) {
        await new Promise((r) => setTimeout(r, 50));
        const [rows] = await this.db.query("SELECT 42 AS answer");
        results.push(rows[0].answer);
      },
    };
    tb.broker.createService({ name: "finisher", mixins: [SqlMixin("platform"), Finisher] });
    await tb.broker.waitForServices(["finisher"]);
    await tb.stop();
    expect(results).toEqual([42]);
  });
});
