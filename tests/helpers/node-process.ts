import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import { processEnv } from "../../config";
import { TEST_KEYS } from "./pg-admin";

const ROOT = path.resolve(__dirname, "../..");

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

export interface NodeProcess {
  child: ChildProcess;
  /** Resolves on "Platform ready", rejects if the process exits first. */
  ready: Promise<void>;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * A platform node as its own process (`scripts/start-node.ts <groups>`) on the given database and port, with a
 * known admin (admin@drill.local / drill-admin-password) and no scheduled jobs.
 */
export function startNodeProcess(
  db: string,
  port: number,
  groups: string[],
  env: Record<string, string> = {},
): NodeProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-node.ts", ...groups], {
    cwd: ROOT,
    env: {
      PATH: processEnv().PATH,
      HOME: processEnv().HOME,
      DATABASE_URL: db,
      PORT: String(port),
      ...TEST_KEYS,
      ADMIN_EMAIL: "admin@drill.local",
      ADMIN_PASSWORD: "drill-admin-password",
      LOG_LEVEL: "warn",
      JOBS_ENABLED: "false",
      DATA_DIR: `/tmp/therapieplatz-drill-${process.pid}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes("Platform ready")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(new Error(`node exited with ${code} before it was ready:\n${out}`)));
  });
  return { child, ready, exited, output: () => out };
}

/** Logs in the drill admin of a node started by startNodeProcess. */
export async function loginDrillAdmin(base: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@drill.local", password: "drill-admin-password" }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}
