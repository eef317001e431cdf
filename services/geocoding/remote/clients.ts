import type { Sequelize } from "sequelize";
import type { AppConfig } from "../../../config";
import { AppError } from "../../../mixins/errors";
import { HttpClient } from "../../../mixins/http/client";
import { firstPlace, placeFrom, reverseParams, searchParams, type Place } from "../domain/nominatim";
import { coordinatePath, routeFrom, tableRowFrom, type Point, type Route } from "../domain/osrm";
import { JITTER_MARGIN_MS, waitForSlot } from "../persistence/rate-limiter";
import { GeoErrorType } from "../errors";

const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** An answer the remote service gave that we cannot use (not an outage: the circuit stays closed). */
const upstreamRefused = (service: string, status: number) =>
  new AppError(502, GeoErrorType.UPSTREAM_REFUSED, `${service} refused the request (HTTP ${status})`);

function httpFor(name: "nominatim" | "osrm", cfg: AppConfig, db: Sequelize): HttpClient {
  const g = cfg.geocoding;
  return new HttpClient({
    name,
    userAgent: `${g.userAgent} ${g.contactEmail ?? cfg.company.email}`,
    timeoutMs: g.timeoutMs,
    retries: g.retries,
    backoffMs: g.backoffMs,
    maxBackoffMs: Math.max(g.backoffMs, 30_000),
    breakerThreshold: g.breakerThreshold,
    breakerResetMs: g.breakerResetMs,
    // Every attempt, retries included, takes its turn in the cluster-wide queue and holds the service until
    // its answer is in. The hold outlasts the attempt's timeout, so it only expires for a node that died.
    beforeAttempt: async () => {
      const release = await waitForSlot(
        db,
        name,
        g.minIntervalMs,
        g.maxQueueWaitMs,
        g.timeoutMs + g.minIntervalMs + JITTER_MARGIN_MS,
      );
      if (!release)
        throw new AppError(
          503,
          GeoErrorType.BUSY,
          `${name} request queue is full; answering from the fallback`,
        );
      return release;
    },
  });
}

/** Nominatim `/search` and `/reverse` (external-apis.md 2.1-2.2). */
export class NominatimClient {
  readonly http: HttpClient;
  private readonly base: string;
  private readonly email: string | null;

  constructor(cfg: AppConfig, db: Sequelize) {
    this.http = httpFor("nominatim", cfg, db);
    this.base = trimSlash(cfg.geocoding.nominatimUrl as string);
    this.email = cfg.geocoding.contactEmail ?? cfg.company.email;
  }

  /** The best match for a free-text German address, or null when Nominatim knows none. */
  async search(q: string): Promise<Place | null> {
    const res = await this.http.request(`${this.base}/search?${searchParams(q, this.email)}`);
    if (res.status !== 200) throw upstreamRefused("Nominatim", res.status);
    return firstPlace(res.json);
  }

  /** The address at a point, or null ("Unable to geocode", answered with 200 or 404). */
  async reverse(p: Point): Promise<Place | null> {
    const res = await this.http.request(
      `${this.base}/reverse?${reverseParams(p.latitude, p.longitude, this.email)}`,
    );
    if (res.status === 404) return null;
    if (res.status !== 200) throw upstreamRefused("Nominatim", res.status);
    return placeFrom(res.json);
  }
}

/** OSRM `route` and `table` (external-apis.md 2.4). */
export class OsrmClient {
  readonly http: HttpClient;
  private readonly base: string;

  constructor(cfg: AppConfig, db: Sequelize) {
    this.http = httpFor("osrm", cfg, db);
    this.base = trimSlash(cfg.geocoding.osrmUrl as string);
  }

  /** Road distance between two points, or null when there is no route. */
  async route(from: Point, to: Point, profile: string): Promise<Route | null> {
    const res = await this.http.request(
      `${this.base}/route/v1/${encodeURIComponent(profile)}/${coordinatePath([from, to])}?overview=false`,
    );
    const route = routeFrom(res.json);
    if (route instanceof Error) throw upstreamRefused("OSRM", res.status);
    return route;
  }

  /** Road distances from one point to many in one request (one source, n destinations). */
  async table(from: Point, to: Point[], profile: string): Promise<(Route | null)[]> {
    const destinations = to.map((_, i) => i + 1).join(";");
    const res = await this.http.request(
      `${this.base}/table/v1/${encodeURIComponent(profile)}/${coordinatePath([from, ...to])}` +
        `?sources=0&destinations=${destinations}&annotations=distance,duration`,
    );
    const row = tableRowFrom(res.json, to.length);
    if (row instanceof Error) throw upstreamRefused("OSRM", res.status);
    return row;
  }
}
