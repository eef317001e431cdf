import * as os from "node:os";
import { ServiceBroker } from "moleculer";
import { bindConfig } from "../mixins/config.mixin";
import { brokerOptions } from "../moleculer.config";
import { processEnv } from "../config";
import { configWithoutKeys } from "./config-without-keys";

// `npm run repl`: joins the running cluster (TRANSPORTER, NAMESPACE) as a node without services and opens the
// Moleculer REPL there; every call goes to the cluster's nodes. It needs no database and no keys of its own.
async function main() {
  const cfg = configWithoutKeys(processEnv());
  if (!cfg.core.transporter) {
    console.error(
      "npm run repl attaches to a running cluster and needs TRANSPORTER (nats://…, the cluster's NAMESPACE too).\n" +
        "For the single process, open the REPL in it: npm start -- --repl",
    );
    process.exit(1);
  }
  const broker = new ServiceBroker(brokerOptions(cfg, { nodeID: `repl-${os.hostname()}-${process.pid}` }));
  bindConfig(broker, cfg);
  await broker.start();
  // Give the other nodes' INFO packets a moment, so `services` and `nodes` show the cluster at once.
  const others = () => broker.registry.nodes.toArray().filter((n) => !n.local && n.available);
  for (let i = 0; i < 40 && others().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  console.log(
    others().length
      ? `Attached to namespace '${cfg.core.namespace}': ${others()
          .map((n) => n.id)
          .join(", ")}`
      : `No other node answers in namespace '${cfg.core.namespace}' on ${cfg.core.transporter} (yet)`,
  );
  await broker.repl();
}

main().catch((e) => {
  console.error(`REPL failed: ${(e as Error).message}`);
  process.exit(1);
});
