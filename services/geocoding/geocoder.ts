import { LRUCache } from "lru-cache";
import type { AppConfig } from "../../config";
import type { CentroidIndex } from "./domain/centroid-index";
import { addressText, coordinateKey, normalizeAddress, round6 } from "./domain/keys";
import { nearestPlz } from "./domain/nearest";
import type { Place } from "./domain/nominatim";
import type { Point } from "./domain/osrm";
import type { PlaceIndex } from "./domain/place-index";
import { plzInText } from "./domain/plz";
import type { TravelMode } from "./domain/requests";
import type { CacheRepository, QueryType } from "./persistence/cache-repository";
import type { NominatimClient, OsrmClient } from "./remote/clients";
import { withinDeadline } from "./deadline";
import { AppError } from "../../mixins/errors";
import { GeoErrorType } from "./errors";
import { asAppError, centroidPlace, type Located, type Lookup, type Memo } from "./located";
import { Routes } from "./routes";

export { centroidPlace, greatCircle, precisionOf } from "./located";
export type { Distance, Located, Lookup, PlaceSource, Precision } from "./located";

type Centroids = CentroidIndex;

/** The nearest centroid answers a reverse lookup offline only if it is plausibly the same place. */
const REVERSE_FALLBACK_MAX_KM = 25;

const slow = (ms: number | null) =>
  new AppError(
    503,
    GeoErrorType.SLOW,
    `Nominatim did not answer within ${ms} ms; answered from the fallback`,
  );

/**
 * Where the answers come from, in order (decisions.md 20): memory, the database cache (kept forever, hits
 * counted), the external service (one request per second across the cluster), then the offline fallback (PLZ
 * centroids, great-circle distance). Without network or with GEOCODING_ONLINE=false it answers from the fallback.
 */
export class Geocoder {
  private readonly memo: LRUCache<string, Memo> | null;
  private readonly negativeTtlMs: number;
  private readonly routes: Routes;

  constructor(
    private readonly cache: CacheRepository,
    private readonly nominatim: NominatimClient | null,
    private readonly osrm: OsrmClient | null,
    private readonly centroids: () => Centroids,
    private readonly cfg: AppConfig["geocoding"],
    private readonly onBackgroundError: (e: Error) => void,
    private readonly places: () => PlaceIndex,
  ) {
    this.memo = cfg.lruSize > 0 ? new LRUCache({ max: cfg.lruSize, ttl: cfg.lruTtlSeconds * 1000 }) : null;
    this.negativeTtlMs = cfg.negativeTtlDays * 86_400_000;
    this.routes = new Routes(cache, osrm, this.memo, cfg, onBackgroundError);
  }

  /** Drops remembered lookups of these address queries and coordinates, and routes touching the coordinates. */
  forget(queries: readonly string[], coordinateKeys: readonly string[]): void {
    if (!this.memo) return;
    for (const q of queries) this.memo.delete(`address:${q}`);
    for (const k of coordinateKeys) this.memo.delete(`coordinates:${k}`);
    if (!coordinateKeys.length) return;
    for (const key of [...this.memo.keys()])
      if (key.startsWith("route:") && coordinateKeys.some((k) => key.includes(k))) this.memo.delete(key);
  }

  get online(): boolean {
    return this.nominatim !== null;
  }

  circuits(): Record<string, string> {
    return {
      nominatim: this.nominatim?.http.state ?? "offline",
      osrm: this.osrm?.http.state ?? "offline",
    };
  }

  /**
   * An address in free text; with `plzFallback` the centroid of a PLZ in the text when nothing better is known.
   * `remote = false` answers from the caches and centroids only (for lists: no bulk geocoding, external-apis.md 2.3).
   */
  async geocode(
    address: string,
    plzFallback = true,
    remote = this.cfg.patientAddressesOnline,
    deadlineMs: number | null = this.cfg.answerWithinMs,
  ): Promise<Lookup> {
    const found = await this.cachedOrRemote(
      "address",
      normalizeAddress(address),
      () => this.nominatim!.search(address.trim()),
      remote,
      deadlineMs,
    );
    if (found.place || !plzFallback) return found;
    // Offline (issue 17.2): the PLZ in the text, else a place named in it.
    const plz = plzInText(address);
    const c = plz ? this.centroids().locate(plz) : null;
    if (plz && c)
      return { place: centroidPlace(plz, c, this.places().placeOf(plz)), remoteError: found.remoteError };
    const named = this.places().find(address, (code) => this.centroids().locate(code));
    const place: Located | null = named && {
      latitude: named.latitude,
      longitude: named.longitude,
      display_name: `${named.name}, Deutschland`,
      address_components: {
        city: named.name,
        ...(named.plz ? { postcode: named.plz } : {}),
        country: "Deutschland",
        country_code: "de",
      },
      source: "place_index",
      cached: false,
    };
    return { place, remoteError: found.remoteError };
  }

  /** A record's address (decisions.md 5), as text of domain.md 3.5. */
  locate(
    a: { strasse?: string | null; plz?: string | null; ort?: string | null },
    kind: "patient" | "therapist",
  ): Promise<Lookup> {
    // Called in the background: it may wait for its turn in the rate limit (no deadline).
    return this.geocode(addressText(a), true, kind === "therapist" || this.cfg.patientAddressesOnline, null);
  }

  async reverse(p: Point): Promise<Lookup> {
    const point = { latitude: round6(p.latitude), longitude: round6(p.longitude) };
    // A point may be a patient's home: asked online only where patient addresses may go.
    const found = await this.cachedOrRemote(
      "coordinates",
      coordinateKey(p.latitude, p.longitude),
      () => this.nominatim!.reverse(point),
      this.cfg.patientAddressesOnline,
      this.cfg.answerWithinMs,
    );
    if (found.place) return found;
    const near = nearestPlz(
      this.centroids().entries(),
      point.latitude,
      point.longitude,
      REVERSE_FALLBACK_MAX_KM,
    );
    return {
      place: near ? centroidPlace(near.plz, near, this.places().placeOf(near.plz)) : null,
      remoteError: found.remoteError,
    };
  }

  /** Road distance (OSRM, cached) or, when OSRM cannot answer, the great-circle distance. */
  distance(from: Point, to: Point, mode: TravelMode, useCache = true, deadlineMs = this.cfg.answerWithinMs) {
    return this.routes.distance(from, to, mode, useCache, deadlineMs);
  }

  /** Distances from one point to many: cached pairs first, the rest in OSRM table requests. */
  distancesFrom(from: Point, to: Point[], mode: TravelMode, deadlineMs = this.cfg.answerWithinMs) {
    return this.routes.distancesFrom(from, to, mode, deadlineMs);
  }

  private readonly backgroundFailure = (e: Error) => this.onBackgroundError(asAppError(e));

  private async cachedOrRemote(
    type: QueryType,
    query: string,
    ask: () => Promise<Place | null>,
    remote: boolean,
    deadlineMs: number | null,
  ): Promise<Lookup> {
    const memoKey = `${type}:${query}`;
    const mem = this.memo?.get(memoKey) as { place: Place | null } | undefined;
    if (mem) {
      this.cache.countPlaceHit(type, query).catch(this.onBackgroundError);
      return { place: mem.place && { ...mem.place, source: "nominatim", cached: true }, remoteError: null };
    }
    const row = await this.cache.findPlace(type, query);
    const stale = row && !row.place && Date.now() - row.createdAt.getTime() > this.negativeTtlMs;
    if (row && !stale) {
      this.memo?.set(memoKey, { place: row.place });
      return { place: row.place && { ...row.place, source: "nominatim", cached: true }, remoteError: null };
    }
    if (!this.nominatim || !remote) return { place: null, remoteError: null };
    const asked = (async () => {
      const place = await ask();
      await this.cache.savePlace(type, query, place);
      this.memo?.set(memoKey, { place });
      return place;
    })();
    try {
      const r = await withinDeadline(asked, deadlineMs, this.backgroundFailure);
      if (!r.done) return { place: null, remoteError: slow(deadlineMs) };
      return { place: r.value && { ...r.value, source: "nominatim", cached: false }, remoteError: null };
    } catch (e) {
      return { place: null, remoteError: asAppError(e) };
    }
  }
}
