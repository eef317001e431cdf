import type { ServiceBroker } from "moleculer";
import { loadConfig } from "../../../config";
import { brokerConfig } from "../../../mixins/config.mixin";
import { createBroker } from "../../../mixins/platform";

/**
 * Nodes announce themselves to the whole cluster (INFO packets over NATS). The configuration, with the field
 * encryption keys, SMTP and database credentials, must never be part of that announcement.
 */
describe("what a node tells the cluster about itself", () => {
  const namespace = `info-${process.pid}`;
  const cfg = (secret: string) =>
    loadConfig({
      TRANSPORTER: "nats://127.0.0.1:4222",
      NAMESPACE: namespace,
      ENCRYPTION_KEY: secret,
      ANSWER_LINK_SECRET: `link-${secret}`,
      AUDIT_CHAIN_SECRET: `audit-${secret}`,
      SMTP_URL: "smtp://user:smtp-secret@127.0.0.1:2525",
      LOG_LEVEL: "fatal",
    });
  let a: ServiceBroker;
  let b: ServiceBroker;
  beforeAll(async () => {
    a = createBroker(cfg("key-of-node-a-0123456789"), [], { logger: false, nodeID: `a-${process.pid}` });
    b = createBroker(cfg("key-of-node-b-0123456789"), [], { logger: false, nodeID: `b-${process.pid}` });
    await Promise.all([a.start(), b.start()]);
  });
  afterAll(() => Promise.all([a?.stop(), b?.stop()]));

  it("keeps its configuration to itself while each broker still knows its own", async () => {
    for (let i = 0; i < 100 && !b.registry.nodes.get(a.nodeID)?.available; i++)
      await new Promise((r) => setTimeout(r, 50));
    const seen = b.registry.nodes.get(a.nodeID);
    expect(seen?.available).toBe(true);
    const announced = JSON.stringify(seen);
    expect(announced).not.toContain("smtp-secret");
    expect(announced).not.toContain(brokerConfig(a).keys.byId.k1.toString("base64"));
    expect(seen?.metadata ?? {}).not.toHaveProperty("config");
    expect(brokerConfig(a).keys.byId.k1.equals(brokerConfig(b).keys.byId.k1)).toBe(false);
  });
});
