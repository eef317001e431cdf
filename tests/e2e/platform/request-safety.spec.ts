import { createTestDatabase, type TestDatabase } from "../../helpers/db";
import { freePort, loginDrillAdmin, startNodeProcess, type NodeProcess } from "../../helpers/node-process";

/**
 * issue 11: no request may end the process. Each probe is sent to a platform running as its own process, and
 * the process must still answer /health/liveness afterwards (a crash here took the embedded database down).
 */
describe("no request can end the process", () => {
  let db: TestDatabase;
  let node: NodeProcess;
  let base: string;
  let token: string;
  let therapistId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    node = startNodeProcess(db.url, port, ["api", "therapist"]);
    await node.ready;
    token = await loginDrillAdmin(base);
    const t = await fetch(`${base}/api/therapists`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ anrede: "Herr", geschlecht: "männlich", vorname: "A", nachname: "B" }),
    });
    therapistId = ((await t.json()) as { id: number }).id;
  }, 90_000);

  afterAll(async () => {
    if (node.child.exitCode === null) {
      node.child.kill("SIGTERM");
      await node.exited;
    }
    await db.drop();
  });

  const post = (path: string, form: FormData) =>
    fetch(base + path, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });

  async function expectAlive() {
    const started = Date.now();
    const r = await fetch(`${base}/health/liveness`);
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(node.child.exitCode).toBeNull();
    expect(node.output()).not.toMatch(/ERR_HTTP_HEADERS_SENT|Unhandled 'error' event/i);
  }

  it("answers an oversized PDF upload 413 and keeps running", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(Math.round(10.6 * 2 ** 20))]);
    const form = new FormData();
    form.append("file", new Blob([pdf], { type: "application/pdf" }), "gross.pdf");
    const r = await post(`/api/therapists/${therapistId}/pdfs`, form);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { type: string }).type).toBe("PAYLOAD_TOO_LARGE");
    // Give a second error path (the action's own failure) the time to fire, as it did before the fix.
    await new Promise((r) => setTimeout(r, 500));
    await expectAlive();
  }, 60_000);

  it.each([["/api/therapists/{id}/pdfs"], ["/api/therapists/import"]])(
    "caps multipart form fields on %s (size and count)",
    async (route) => {
      const path = route.replace("{id}", String(therapistId));
      const big = new FormData();
      big.append("note", "x".repeat(2 * 2 ** 20));
      big.append("file", new Blob(["%PDF-1.4\n"], { type: "application/pdf" }), "a.pdf");
      const r1 = await post(path, big);
      expect(r1.status).toBe(413);
      expect(((await r1.json()) as { type: string }).type).toBe("FORM_FIELD_TOO_LARGE");

      const many = new FormData();
      for (let i = 0; i < 1000; i++) many.append(`f${i}`, "x");
      many.append("file", new Blob(["%PDF-1.4\n"], { type: "application/pdf" }), "a.pdf");
      const r2 = await post(path, many);
      expect(r2.status).toBe(413);
      expect(((await r2.json()) as { type: string }).type).toBe("TOO_MANY_FORM_FIELDS");
      await expectAlive();
    },
    60_000,
  );

  it("survives truncated and malformed multipart bodies", async () => {
    for (const body of [
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
      "garbage",
    ]) {
      const r = await fetch(`${base}/api/therapists/${therapistId}/pdfs`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=x" },
        body,
      });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    await expectAlive();
  }, 60_000);
});
