import { loadConfig, processEnv } from "../../config";
import { createBroker } from "../../mixins/platform";
import { installSqlCapture } from "./sql-capture";

// One platform node of the gateway benchmark (scripts/bench/gateway.ts), in its own process:
// `gateway-node.ts <group,group,…>` with DATABASE_URL, PORT, TRANSPORTER… in the environment.
const capture = installSqlCapture();
const groups = (process.argv[2] ?? "").split(",").filter(Boolean);
const cfg = loadConfig({ ...processEnv(), LOG_LEVEL: "warn" });
const broker = createBroker(cfg, groups, { logger: false });

process.on("message", (m: { capture?: "start" | "stop" }) => {
  if (m.capture === "start") capture.start();
  if (m.capture === "stop") process.send?.({ captured: capture.stop() });
});
process.on("SIGTERM", () => void broker.stop().then(() => process.exit(0)));

void broker.start().then(async () => {
  if (groups.includes("api")) {
    // Ready only when every service the benchmark calls is reachable (the other node may still be starting).
    await broker.waitForServices(["patient", "therapist", "matching"], 60_000);
  }
  const api = broker.getLocalService("api") as { settings?: { port?: number } } | undefined;
  process.send?.({ ready: true, port: api?.settings?.port ?? null });
});
