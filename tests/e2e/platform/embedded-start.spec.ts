import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { processEnv } from "../../../config";

const ROOT = path.resolve(__dirname, "../../..");

function start(
  dataDir: string,
  port: number,
): { child: ChildProcess; output: () => string; ready: Promise<number> } {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    // No DATABASE_URL: the embedded default. Only what the platform needs, nothing from the test runner.
    env: {
      PATH: processEnv().PATH,
      HOME: processEnv().HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const t0 = Date.now();
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes("Platform ready")) resolve(Date.now() - t0);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });

/** Issue 2 proof: `npm start` with no DATABASE_URL serves /health, stops cleanly and starts again on the same data. */
describe("embedded default start", () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "embedded-")), "data");
  const port = 30000 + (process.pid % 20000);
  beforeAll(() => fs.chmodSync(path.dirname(dataDir), 0o755));
  afterAll(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it("starts without a database server, prints the admin login, stops, and restarts on the same data", async () => {
    const first = start(dataDir, port);
    await first.ready;
    expect(first.output()).toMatch(/Admin login: admin@localhost \/ \S+/);
    const password = /Admin login: admin@localhost \/ (\S+)/.exec(first.output())![1];
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: "healthy", service: "api" });
    expect(await stop(first.child)).toBe(0);

    const second = start(dataDir, port);
    await second.ready;
    expect(second.output()).not.toMatch(/Admin login/);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@localhost", password }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/health/readiness`)).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
