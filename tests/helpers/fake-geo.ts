import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { haversineKm } from "../../services/shared/geo";

/** A request the fake received: when (ms, monotonic across processes: wall clock), what, from whom. */
export interface SeenRequest {
  at: number;
  path: string;
  query: Record<string, string>;
  userAgent: string;
}

export interface FakePlace {
  lat: number;
  lon: number;
  road: string;
  house_number?: string;
  postcode: string;
  city: string;
}

/**
 * A local stand-in for Nominatim and OSRM with the response shapes of external-apis.md 2 (jsonv2 search and
 * reverse, OSRM route and table). Road distances are the great-circle distance × 1.3 so tests can tell them
 * from the fallback. `failWith(status, n)` answers the next n requests with that status; `down()` closes
 * every connection without an answer.
 */
export class FakeGeoServer {
  readonly requests: SeenRequest[] = [];
  private readonly places = new Map<string, FakePlace>();
  private failures: { status: number; left: number } | null = null;
  private isDown = false;
  reverseNotFoundStatus = 200;
  private server: http.Server | null = null;
  url = "";

  /** Makes `q` (compared lowercased, single-spaced) a known address. */
  addPlace(q: string, place: FakePlace): this {
    this.places.set(q.trim().toLowerCase().replace(/\s+/g, " "), place);
    return this;
  }

  failWith(status: number, times: number): void {
    this.failures = { status, left: times };
  }

  down(): void {
    this.isDown = true;
  }

  up(): void {
    this.isDown = false;
    this.failures = null;
  }

  count(pathPrefix: string): number {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix)).length;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const u = new URL(req.url ?? "/", "http://fake");
    this.requests.push({
      at: Date.now(),
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      userAgent: String(req.headers["user-agent"] ?? ""),
    });
    if (this.isDown) {
      req.socket.destroy();
      return;
    }
    if (this.failures && this.failures.left > 0) {
      this.failures.left--;
      return this.send(res, this.failures.status, { message: "Too Many Requests" });
    }
    if (u.pathname === "/search") return this.search(u, res);
    if (u.pathname === "/reverse") return this.reverse(u, res);
    const osrm = /^\/(route|table)\/v1\/([^/]+)\/(.+)$/.exec(u.pathname);
    if (osrm) return this.osrm(osrm[1], decodeURIComponent(osrm[3]), u, res);
    this.send(res, 404, { error: "unknown path" });
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private jsonv2(p: FakePlace, id: number) {
    const lat = p.lat.toFixed(7);
    const lon = p.lon.toFixed(7);
    return {
      place_id: 100000 + id,
      licence: "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
      osm_type: "way",
      osm_id: 900000 + id,
      lat,
      lon,
      category: "building",
      type: "yes",
      place_rank: 30,
      importance: 0.00001,
      addresstype: "building",
      name: "",
      display_name: `${p.house_number ?? ""}, ${p.road}, ${p.city}, ${p.postcode}, Deutschland`.replace(
        /^, /,
        "",
      ),
      address: {
        ...(p.house_number ? { house_number: p.house_number } : {}),
        road: p.road,
        city: p.city,
        postcode: p.postcode,
        country: "Deutschland",
        country_code: "de",
      },
      boundingbox: [
        String(p.lat - 0.00005),
        String(p.lat + 0.00005),
        String(p.lon - 0.00005),
        String(p.lon + 0.00005),
      ],
    };
  }

  private search(u: URL, res: http.ServerResponse): void {
    const q = (u.searchParams.get("q") ?? "").trim().toLowerCase().replace(/\s+/g, " ");
    if (!q) return this.send(res, 400, { error: { code: 400, message: "Nothing to search for." } });
    const place = this.places.get(q);
    this.send(res, 200, place ? [this.jsonv2(place, this.requests.length)] : []);
  }

  private reverse(u: URL, res: http.ServerResponse): void {
    const lat = Number(u.searchParams.get("lat"));
    const lon = Number(u.searchParams.get("lon"));
    let best: FakePlace | null = null;
    for (const p of this.places.values()) if (haversineKm(lat, lon, p.lat, p.lon) < 0.2) best = p;
    if (!best) return this.send(res, this.reverseNotFoundStatus, { error: "Unable to geocode" });
    this.send(res, 200, this.jsonv2(best, this.requests.length));
  }

  private osrm(service: string, coords: string, u: URL, res: http.ServerResponse): void {
    const points = coords.split(";").map((c) => c.split(",").map(Number));
    if (points.some((p) => p.length !== 2 || p.some((x) => !Number.isFinite(x))))
      return this.send(res, 400, { code: "InvalidUrl", message: "URL string malformed" });
    // lon > 40 lies outside Europe's road network here: "no route".
    const road = (a: number[], b: number[]) =>
      a[0] > 40 || b[0] > 40 ? null : haversineKm(a[1], a[0], b[1], b[0]) * 1300;
    const waypoint = (p: number[]) => ({ hint: "fake", distance: 1.5, name: "Fakeweg", location: p });
    if (service === "route") {
      const d = road(points[0], points[1]);
      if (d === null)
        return this.send(res, 400, { code: "NoRoute", message: "Impossible route between points" });
      return this.send(res, 200, {
        code: "Ok",
        routes: [{ distance: d, duration: d / 13.9, weight: d / 13.9, weight_name: "routability", legs: [] }],
        waypoints: [waypoint(points[0]), waypoint(points[1])],
      });
    }
    const sources = (u.searchParams.get("sources") ?? "0").split(";").map(Number);
    const dests = (u.searchParams.get("destinations") ?? points.map((_, i) => i).join(";"))
      .split(";")
      .map(Number);
    const distances = sources.map((s) => dests.map((d) => road(points[s], points[d])));
    this.send(res, 200, {
      code: "Ok",
      distances,
      durations: distances.map((row) => row.map((d) => (d === null ? null : d / 13.9))),
      sources: sources.map((s) => waypoint(points[s])),
      destinations: dests.map((d) => waypoint(points[d])),
    });
  }
}

/** Invented places in Aachen the geocoding tests share. */
export const PLACES = {
  PONT: {
    lat: 50.7781,
    lon: 6.0817,
    road: "Pontstraße",
    house_number: "1",
    postcode: "52062",
    city: "Aachen",
  },
  DOM: { lat: 50.7747, lon: 6.0839, road: "Domhof", house_number: "1", postcode: "52062", city: "Aachen" },
  MARKT: { lat: 50.7762, lon: 6.0838, road: "Markt", house_number: "1", postcode: "52062", city: "Aachen" },
} satisfies Record<string, FakePlace>;

/** Broker settings that point geocoding at a fake server, without waits between requests unless overridden. */
export const onlineGeoEnv = (url: string, over: Record<string, string> = {}) => ({
  GEOCODING_ONLINE: "true",
  NOMINATIM_URL: url,
  OSRM_URL: url,
  // The fake stands for the operator's own instance (decisions.md 31).
  GEOCODING_PATIENT_ADDRESSES_ONLINE: "true",
  GEOCODING_MIN_INTERVAL_MS: "0",
  GEOCODING_BACKOFF_MS: "10",
  GEOCODING_TIMEOUT_MS: "1000",
  ...over,
});
