import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpClient, HttpErrorType } from "../../../mixins/http/client";

describe("HTTP client for external services", () => {
  let server: http.Server;
  let url = "";
  const answers: (number | "hang" | "drop")[] = [];
  const seen: { ua: string; at: number }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ ua: String(req.headers["user-agent"]), at: Date.now() });
      const a = answers.shift() ?? 200;
      if (a === "hang") return;
      if (a === "drop") return req.socket.destroy();
      res.writeHead(a, { "content-type": "application/json", ...(a === 429 ? { "retry-after": "0" } : {}) });
      res.end(JSON.stringify({ status: a }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    answers.length = 0;
    seen.length = 0;
  });

  const client = (over: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
    new HttpClient({
      name: "fake",
      userAgent: "Therapieplatz-Test/1.0 (ops@example.invalid)",
      timeoutMs: 300,
      retries: 2,
      backoffMs: 10,
      maxBackoffMs: 50,
      breakerThreshold: 2,
      breakerResetMs: 60_000,
      ...over,
    });

  it("identifies itself and returns the parsed answer", async () => {
    const r = await client().request(url);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 200 });
    expect(seen[0].ua).toBe("Therapieplatz-Test/1.0 (ops@example.invalid)");
  });

  it("retries 429, 5xx, dropped connections and timeouts, then succeeds", async () => {
    answers.push(429, 503, 200);
    expect((await client().request(url)).status).toBe(200);
    answers.push("drop", "hang", 200);
    expect((await client().request(url)).status).toBe(200);
    expect(seen).toHaveLength(6);
  });

  it("hands a 4xx answer to the caller without retrying", async () => {
    answers.push(400);
    expect((await client().request(url)).status).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it("opens the circuit after repeated failures and then refuses at once without asking", async () => {
    const c = client({ retries: 0 });
    answers.push(500, 500);
    await expect(c.request(url)).rejects.toMatchObject({ type: HttpErrorType.UNAVAILABLE, code: 503 });
    await expect(c.request(url)).rejects.toMatchObject({ type: HttpErrorType.UNAVAILABLE });
    expect(c.state).toBe("open");
    const t0 = Date.now();
    await expect(c.request(url)).rejects.toMatchObject({ type: HttpErrorType.CIRCUIT_OPEN });
    expect(Date.now() - t0).toBeLessThan(50);
    expect(seen).toHaveLength(2);
  });

  it("waits for the shared limit before every attempt; a refusal there is not held against the service", async () => {
    let calls = 0;
    const c = client({
      beforeAttempt: async () => {
        calls++;
        if (calls === 4) throw Object.assign(new Error("queue full"), { type: "GEOCODING_BUSY" });
      },
    });
    answers.push(503, 200);
    await c.request(url);
    expect(calls).toBe(2);
    answers.push(200);
    await c.request(url);
    await expect(c.request(url)).rejects.toMatchObject({ type: "GEOCODING_BUSY" });
    expect(c.state).toBe("closed");
  });
});
