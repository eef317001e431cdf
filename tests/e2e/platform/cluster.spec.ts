import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { loadConfig } from "../../../config";
import { createBroker } from "../../../mixins/platform";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import type { ServiceBroker } from "moleculer";

const NODE = path.resolve(__dirname, "../../fixtures/cluster-node.ts");

function startNode(url: string, ns: string, id: string, groups: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(NODE, [url, ns, id, ...groups], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    child.once("message", () => resolve(child));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`node ${id} exited with ${code}`)));
  });
}

/** Issue 2 proof: gateway on one broker, a service on two others over the real NATS server. */
describe("a cluster over NATS", () => {
  let db: TestDatabase;
  let gateway: ServiceBroker;
  let url: string;
  const children: ChildProcess[] = [];
  const ns = `cluster-test-${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    children.push(await startNode(db.url, ns, "patient-a", ["patient"]));
    children.push(await startNode(db.url, ns, "patient-b", ["patient"]));
    const cfg = loadConfig({
      DATABASE_URL: db.url,
      TRANSPORTER: "nats://127.0.0.1:4222",
      NAMESPACE: ns,
      NODE_ID: "gateway",
      ENCRYPTION_KEY: "test-key-0123456789-abcdef",
      ANSWER_LINK_SECRET: "test-link-secret-0123456789",
      AUDIT_CHAIN_SECRET: "test-audit-secret-0123456789",
      ADMIN_EMAIL: "admin@test.local",
      ADMIN_PASSWORD: "admin-password-123",
      PORT: "0",
      LOG_LEVEL: "error",
    });
    gateway = createBroker(cfg, ["api"], { logger: false });
    await gateway.start();
    await gateway.waitForServices(["patient"], 20_000);
    url = `http://127.0.0.1:${(gateway.getLocalService("api") as any).settings.port}`;
  }, 60_000);

  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await gateway?.stop();
    await db.drop();
  });

  it("balances calls across both nodes and keeps answering when one is stopped", async () => {
    const login = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@test.local", password: "admin-password-123" }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const create = await fetch(`${url}/api/patients`, {
      method: "POST",
      headers,
      body: JSON.stringify({ anrede: "Frau", geschlecht: "weiblich", vorname: "Clara", nachname: "Cluster" }),
    });
    expect(create.status).toBe(201);

    const seen = new Map<string, number>();
    for (let i = 0; i < 20; i++) {
      // Moleculer hands back the call's context on the promise: its nodeID is the node that answered.
      const p = gateway.call("patient.getMany", { ids: [] }) as Promise<unknown> & {
        ctx: { nodeID: string };
      };
      await p;
      seen.set(p.ctx.nodeID, (seen.get(p.ctx.nodeID) ?? 0) + 1);
      expect((await fetch(`${url}/api/patients`, { headers })).status).toBe(200);
    }
    expect([...seen.keys()].sort()).toEqual(["patient-a", "patient-b"]);
    expect(Math.min(...seen.values())).toBeGreaterThanOrEqual(5);

    children[0].kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    const results = [];
    for (let i = 0; i < 20; i++) results.push((await fetch(`${url}/api/patients`, { headers })).status);
    expect(results.every((s) => s === 200)).toBe(true);
  }, 60_000);
});
