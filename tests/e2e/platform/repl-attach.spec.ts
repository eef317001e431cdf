import { spawn } from "node:child_process";
import * as path from "node:path";
import { processEnv } from "../../../config";
import { startBroker, type TestBroker } from "../../helpers/broker";

const ROOT = path.resolve(__dirname, "../../..");

/** Runs `npm run repl` with the given REPL input; resolves with everything it printed. */
function repl(env: Record<string, string | undefined>, input: string[]) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    let out = "";
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/repl.ts"], { cwd: ROOT, env });
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.once("exit", (code) => resolve({ code, out }));
    const send = () => {
      const line = input.shift();
      if (line === undefined) return;
      child.stdin.write(`${line}\n`);
      setTimeout(send, 1500);
    };
    const waitForPrompt = setInterval(() => {
      if (out.includes("Attached to namespace")) {
        clearInterval(waitForPrompt);
        send();
      }
    }, 100);
    child.once("exit", () => clearInterval(waitForPrompt));
  });
}

/** Issue 18: `npm run repl` joins a running cluster as one more node instead of starting a second platform. */
describe("npm run repl", () => {
  const namespace = `repl-${process.pid}`;
  let node: TestBroker;
  beforeAll(async () => {
    node = await startBroker({
      groups: ["communication"],
      env: { TRANSPORTER: "nats://127.0.0.1:4222", NAMESPACE: namespace },
    });
  });
  afterAll(() => node?.stop());

  it("attaches to the cluster and runs the platform's commands on its nodes", async () => {
    const env = { PATH: processEnv().PATH, HOME: processEnv().HOME, LOG_LEVEL: "warn" };
    const r = await repl({ ...env, TRANSPORTER: "nats://127.0.0.1:4222", NAMESPACE: namespace }, [
      "nodes",
      "queue",
      "exit",
    ]);
    expect(r.out).toContain(`Attached to namespace '${namespace}': ${node.broker.nodeID}`);
    expect(r.out).toContain(node.broker.nodeID);
    // `queue` is answered by the communication node (the REPL node has no services of its own).
    expect(r.out).toMatch(/\(index\)/);
    expect(r.out).not.toMatch(/ServiceNotFound|not found/i);
    expect(r.code).toBe(0);
  }, 60_000);

  it("without TRANSPORTER explains how to open the REPL of the single process", async () => {
    const r = await repl({ PATH: processEnv().PATH, HOME: processEnv().HOME }, []);
    expect(r.code).toBe(1);
    expect(r.out).toContain("npm start -- --repl");
  });
});
