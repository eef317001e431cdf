import { startApi, type TestApi } from "../../helpers/api";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ordinaryCalls = 0;
// The timeout applies to every call, the login and each request's token check included: it is long enough that
// only the slow action below reaches it, also on a loaded machine (a 1.5 s timeout once cut off the login).
const TIMEOUT_MS = 6000;
const SLOW_MS = TIMEOUT_MS + 1500;

/** Ordinary requests end at REQUEST_TIMEOUT_MS; actions that run long by nature declare their own timeout. */
describe("request timeouts at the gateway", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
    api.broker.createService({
      name: "slowpoke",
      settings: { rest: "/" },
      actions: {
        ordinary: {
          rest: "GET /slowpoke/ordinary",
          auth: "staff",
          handler: () => (ordinaryCalls++, sleep(SLOW_MS).then(() => ({ ok: 1 }))),
        },
        long: {
          rest: "GET /slowpoke/long",
          auth: "staff",
          timeout: 4 * TIMEOUT_MS,
          handler: () => sleep(SLOW_MS).then(() => ({ ok: 2 })),
        },
      },
    });
    await api.broker.waitForServices(["slowpoke"]);
    await sleep(300); // the gateway rebuilds its routes when a service appears
  }, 120_000);
  afterAll(() => api.stop());

  it("answers a long-running action that declares its timeout, and cuts off an ordinary one", async () => {
    expect(await api.staff("GET", "/api/slowpoke/long")).toMatchObject({ status: 200, body: { ok: 2 } });
    const cut = await api.staff("GET", "/api/slowpoke/ordinary");
    expect(cut).toMatchObject({ status: 504, body: { type: "REQUEST_TIMEOUT" } });
    // Not retried: the slow call may still have done its work.
    expect(ordinaryCalls).toBe(1);
  }, 60_000);
});
