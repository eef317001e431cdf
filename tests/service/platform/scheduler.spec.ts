import { spawn } from "node:child_process";
import * as path from "node:path";
import type { ServiceSchema } from "moleculer";
import { Client } from "pg";
import { SqlMixin } from "../../../mixins/db.mixin";
import { JobsMixin } from "../../../mixins/scheduler";
import { startBroker, type TestBroker } from "../../helpers/broker";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";

const counterJob = (name: string): ServiceSchema => ({
  name: "ticker",
  mixins: [SqlMixin("platform"), JobsMixin],
  jobs: [{ name, every: 2, handler: "tick" }],
  methods: {
    async tick(this: any) {
      await this.db.query(
        "INSERT INTO platform.job_runs (name, node, started_at, finished_at, status) VALUES ('probe', :n, now(), now(), 'probe')",
        {
          replacements: { n: this.broker.nodeID },
        },
      );
    },
  },
});

async function probeRuns(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query("SELECT count(*)::int AS n FROM platform.job_runs WHERE name = 'probe'");
  await c.end();
  return rows[0].n;
}

describe("scheduler: persistent jobs shared by several nodes", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("runs a job registered on two brokers in two processes once per due time", async () => {
    const a: TestBroker = await startBroker({ groups: [], databaseUrl: db.url, env: { JOB_POLL_MS: "100" } });
    a.broker.createService(counterJob("probe.two-nodes"));
    await a.broker.waitForServices(["ticker"]);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.resolve(__dirname, "../../fixtures/scheduler-node.ts"),
        db.url,
        "probe.two-nodes",
      ],
      { stdio: "ignore" },
    );
    await new Promise((r) => setTimeout(r, 7_500));
    child.kill("SIGTERM");
    await a.broker.stop();
    const runs = await probeRuns(db.url);
    // every 2 s for ~7.5 s: 4 or 5 due times, each run exactly once across both nodes
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(5);
  }, 30_000);

  it("runs a job that fell due while the platform was stopped once after start", async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query("DELETE FROM platform.job_runs WHERE name = 'probe'");
    await c.query(
      `INSERT INTO platform.jobs (name, service, schedule, next_run_at) VALUES ('probe.missed', 'ticker', 'every 3600s', now() - interval '3 hours')
       ON CONFLICT (name) DO NOTHING`,
    );
    await c.end();
    const b = await startBroker({ groups: [], databaseUrl: db.url, env: { JOB_POLL_MS: "100" } });
    const svc = counterJob("probe.missed");
    svc.jobs = [{ name: "probe.missed", every: 3600, handler: "tick" }];
    b.broker.createService(svc);
    await new Promise((r) => setTimeout(r, 1_500));
    await b.broker.stop();
    expect(await probeRuns(db.url)).toBe(1);
  }, 30_000);
});
