import { Client } from "pg";
import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { freePort, loginDrillAdmin, startNodeProcess } from "../../helpers/node-process";

const startNode = (db: string, port: number) => startNodeProcess(db, port, ["api", "patient"]);

/** quality.md R7: SIGTERM during work lets in-flight requests finish; nothing is half-done; start-up resumes. */
describe("daily shutdown (SIGTERM) under load", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("answers every request it accepted, commits exactly those, and starts again on the same data", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let node = startNode(db.url, port);
    await node.ready;
    const token = await loginDrillAdmin(base);
    const created: number[] = [];
    const failures: string[] = [];
    let sent = 0;
    let stopping = false;
    const exited = node.exited;
    // A client that keeps sending on its keep-alive connections until the node is gone.
    const worker = async () => {
      while (sent < 5000) {
        const n = sent++;
        try {
          const r = await fetch(`${base}/api/patients`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({
              anrede: "Frau",
              geschlecht: "weiblich",
              vorname: "Drill",
              nachname: `N${n}`,
            }),
          });
          const body = (await r.json().catch(() => null)) as { id?: number } | null;
          if (r.status === 201 && body?.id) created.push(body.id);
          else failures.push(`HTTP ${r.status}`);
        } catch (e) {
          // Refused or reset before the request was accepted: the node is going down.
          failures.push((e as { cause?: { code?: string } }).cause?.code ?? "network");
          if (stopping) return;
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    while (created.length < 40) await new Promise((r) => setTimeout(r, 10));
    stopping = true;
    node.child.kill("SIGTERM");
    await Promise.all(workers);
    expect(await exited).toBe(0);

    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query<{ id: number }>("SELECT id FROM patient_service.patienten ORDER BY id");
    await c.end();
    // Nothing committed that the client was not told about, nothing told that was not committed.
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...created].sort((a, b) => a - b));
    // Requests after the SIGTERM were answered 503 while stopping or refused once the port closed: never a 500.
    expect(failures.filter((f) => f !== "HTTP 503" && !/^(E[A-Z]+|UND_ERR_SOCKET)$/.test(f))).toEqual([]);

    node = startNode(db.url, port);
    await node.ready;
    const list = await fetch(`${base}/api/patients?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { total: number }).total).toBe(created.length);
    const again = new Promise((r) => node.child.once("exit", r));
    node.child.kill("SIGTERM");
    await again;
  }, 120_000);
});
