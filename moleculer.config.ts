import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BrokerOptions } from "moleculer";
import { getConfig, type AppConfig } from "./config";

interface ReplCommand {
  command: string;
  description?: string;
  action: (...args: any[]) => unknown;
  [k: string]: unknown;
}

/** REPL commands contributed by service groups in `services/<group>/repl-commands.ts`. */
function replCommands(): ReplCommand[] {
  const dir = path.resolve(__dirname, "services");
  const out: ReplCommand[] = [];
  for (const group of fs.readdirSync(dir)) {
    for (const ext of [".ts", ".js"]) {
      const file = path.join(dir, group, `repl-commands${ext}`);
      if (!fs.existsSync(file)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- files discovered at run time
      const mod = require(file) as { default?: ReplCommand[]; commands?: ReplCommand[] };
      out.push(...(mod.default ?? mod.commands ?? []));
      break;
    }
  }
  return out;
}

/** Broker options of one node, built from the validated config. */
export function brokerOptions(cfg: AppConfig, overrides: Partial<BrokerOptions> = {}): BrokerOptions {
  return {
    namespace: cfg.core.namespace,
    nodeID: cfg.core.nodeId ?? `${os.hostname()}-${process.pid}`,
    transporter: (cfg.core.transporter ?? undefined) as BrokerOptions["transporter"],
    logger: {
      type: "Console",
      options: {
        level: cfg.core.logLevel,
        formatter: cfg.core.logFormat === "json" ? "json" : "short",
        objectPrinter: (o: unknown) => JSON.stringify(o),
      },
    },
    requestTimeout: cfg.core.requestTimeoutMs,
    // Retries a call whose node went away (it lands on another instance; a killed node's transaction rolled
    // back). Never a timeout: the slow call may still commit, and a retry would do the work twice.
    retryPolicy: {
      enabled: true,
      retries: 3,
      delay: 100,
      maxDelay: 1000,
      factor: 2,
      check: (err: Error) =>
        Boolean((err as { retryable?: boolean }).retryable) && err.name !== "RequestTimeoutError",
    },
    circuitBreaker: {
      enabled: true,
      threshold: 0.5,
      windowTime: 60,
      minRequestCount: 20,
      halfOpenTime: 10_000,
    },
    registry: { strategy: "RoundRobin", preferLocal: true },
    // Tracking lets broker.stop() wait for in-flight requests (graceful shutdown).
    tracking: { enabled: true, shutdownTimeout: 15_000 },
    transit: { disableReconnect: false },
    replOptions: { customCommands: replCommands() } as BrokerOptions["replOptions"],
    ...overrides,
  };
}

export default (): BrokerOptions => brokerOptions(getConfig());
