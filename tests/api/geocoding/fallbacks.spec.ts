import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { startApi, type TestApi } from "../../helpers/api";
import { loadCentroids } from "../../helpers/centroids";
import { eventually } from "../../helpers/eventually";

/** A server that accepts every connection and never answers (a blackholed Nominatim/OSRM). */
class SilentServer {
  connections = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((s) => {
    this.connections++;
    this.sockets.add(s);
    s.on("close", () => this.sockets.delete(s));
    s.on("error", () => undefined);
  });
  url = "";
  async start() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

const timed = async <T>(fn: () => Promise<T>) => {
  const t0 = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t0 };
};

/** Issue 17.3: with Nominatim/OSRM unreachable every request answers from the fallback within 1 s. */
describe.each([
  ["a server that accepts connections and never answers", "silent"],
  ["a host name that cannot be resolved", "unresolvable"],
])("geocoding with %s", (_name, kind) => {
  const silent = new SilentServer();
  let api: TestApi;

  beforeAll(async () => {
    await silent.start();
    const url = kind === "silent" ? silent.url : "http://nominatim.unresolvable.invalid";
    api = await startApi({
      groups: ["geocoding"],
      env: {
        GEOCODING_ONLINE: "true",
        NOMINATIM_URL: url,
        OSRM_URL: url,
        GEOCODING_PATIENT_ADDRESSES_ONLINE: "true",
        GEOCODING_MIN_INTERVAL_MS: "0",
        // Fails the background requests sooner than the 5 s default so the circuit opens within the test.
        GEOCODING_TIMEOUT_MS: "1500",
        GEOCODING_RETRIES: "0",
      },
    });
    await loadCentroids(api, ["52062", "04107", "80331"]);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await silent.stop();
  });

  const requests: [string, () => Promise<any>][] = [
    [
      "geocode",
      () => api.staff("GET", "/api/geocode?address=" + encodeURIComponent("Pontstraße 1, 52062 Aachen")),
    ],
    ["reverse", () => api.staff("GET", "/api/reverse-geocode?lat=50.7762&lon=6.0838")],
    [
      "transit distance",
      () =>
        api.staff(
          "GET",
          "/api/calculate-distance?travel_mode=transit&origin=" +
            encodeURIComponent("Pontstraße 1, 52062 Aachen") +
            "&destination=" +
            encodeURIComponent("Marienplatz 1, 80331 München"),
        ),
    ],
    [
      "find therapists",
      () =>
        api.staff("POST", "/api/find-therapists", {
          patient_address: "Pontstraße 1, 52062 Aachen",
          max_distance_km: 50,
          therapists: [{ id: 1, plz: "52062", ort: "Aachen" }],
        }),
    ],
  ];

  it("answers every geocoding and distance request from the fallback within 1 s, then opens the circuits", async () => {
    // Twice over: each failed request counts once for the breaker (3 in a row open it).
    for (const [name, call] of [...requests, ...requests]) {
      const { value, ms } = await timed(call);
      expect({ name, status: value.status }).toEqual({ name, status: 200 });
      expect({ name, ms: ms < 1000 }).toEqual({ name, ms: true });
    }
    const status = await eventually(
      () => api.admin("GET", "/api/geocoding/status").then((r) => r.body),
      (s) => s.circuits.nominatim === "open" && s.circuits.osrm === "open",
      400,
    );
    expect(status.circuits).toEqual({ nominatim: "open", osrm: "open" });
    // With the circuits open nothing waits and nothing is sent.
    const before = silent.connections;
    for (const [name, call] of requests) {
      const { value, ms } = await timed(call);
      expect({ name, status: value.status, fast: ms < 500 }).toEqual({ name, status: 200, fast: true });
    }
    expect(silent.connections).toBe(before);
  }, 60_000);
});
