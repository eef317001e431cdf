import type { ServiceSchema } from "moleculer";
import { DataTypes } from "sequelize";
import { DbMixin } from "../../../mixins/db.mixin";
import { startBroker, type TestBroker } from "../../helpers/broker";

// moleculer-db with the Sequelize adapter on the shared connection, on a table created by a migration.
const Centroids: ServiceSchema = {
  name: "centroidstore",
  mixins: [
    DbMixin({
      schema: "geocoding_service",
      table: "plz_centroids",
      modelName: "test.plzCentroid",
      attributes: {
        plz: { type: DataTypes.STRING(5), primaryKey: true },
        latitude: DataTypes.DOUBLE,
        longitude: DataTypes.DOUBLE,
      },
      options: { timestamps: false },
    }),
  ],
  settings: { idField: "plz" },
  actions: {
    put: {
      async handler(this: any, ctx: any) {
        return this.adapter.insert(ctx.params);
      },
    },
    near: {
      async handler(this: any) {
        return this.adapter.find({ query: {}, sort: ["plz"] });
      },
    },
  },
};

describe("DbMixin: moleculer-db with the Sequelize adapter", () => {
  let tb: TestBroker;
  beforeAll(async () => {
    tb = await startBroker({ groups: [] });
    tb.broker.createService(Centroids);
    await tb.broker.waitForServices(["centroidstore"]);
  });
  afterAll(() => tb.stop());

  it("reads and writes through the adapter on the migrated table and shares the node's connection", async () => {
    await tb.broker.call("centroidstore.put", { plz: "52062", latitude: 50.77, longitude: 6.08 });
    await tb.broker.call("centroidstore.put", { plz: "01067", latitude: 51.05, longitude: 13.72 });
    const rows: any[] = await tb.broker.call("centroidstore.near");
    expect(rows.map((r) => r.get("plz"))).toEqual(["01067", "52062"]);
    const svc = tb.broker.getLocalService("centroidstore") as any;
    const [[{ n }]] = await svc.db.query("SELECT count(*)::int AS n FROM geocoding_service.plz_centroids");
    expect(n).toBe(2);
  });

  it("does not publish moleculer-db's generated CRUD actions", () => {
    const names = tb.broker.registry.getActionList({}).map((a: any) => a.name);
    expect(names.filter((n: string) => n.startsWith("centroidstore.")).sort()).toEqual([
      "centroidstore.near",
      "centroidstore.put",
    ]);
  });
});
