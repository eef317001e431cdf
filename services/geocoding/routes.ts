import type { LRUCache } from "lru-cache";
import type { AppConfig } from "../../config";
import { coordinateKey } from "./domain/keys";
import type { Point, Route } from "./domain/osrm";
import type { TravelMode } from "./domain/requests";
import type { CacheRepository } from "./persistence/cache-repository";
import type { OsrmClient } from "./remote/clients";
import { withinDeadline } from "./deadline";
import { asAppError, greatCircle, type Distance, type Memo } from "./located";

/** The in-memory key of a road distance: same rounding as the database cache. */
export const routeKey = (from: Point, to: Point, mode: TravelMode) =>
  `route:${mode}:${coordinateKey(from.latitude, from.longitude)};${coordinateKey(to.latitude, to.longitude)}`;
/** OSRM servers refuse larger tables (default max-table-size 100, source included). */
const TABLE_CHUNK = 99;

/**
 * Road distances (decisions.md 20): memory, the database cache, OSRM within the answer deadline (later answers
 * only fill the cache), else the great-circle distance.
 */
export class Routes {
  constructor(
    private readonly cache: CacheRepository,
    private readonly osrm: OsrmClient | null,
    private readonly memo: LRUCache<string, Memo> | null,
    private readonly cfg: AppConfig["geocoding"],
    private readonly onBackgroundError: (e: Error) => void,
  ) {}

  /** Road distance (OSRM, cached) or, when OSRM cannot answer, the great-circle distance. */
  async distance(
    from: Point,
    to: Point,
    mode: TravelMode,
    useCache = true,
    deadlineMs: number | null = this.cfg.answerWithinMs,
  ): Promise<Distance> {
    const key = { origin: from, destination: to, mode };
    const memoKey = routeKey(from, to, mode);
    if (useCache) {
      const hit = await this.cachedRoute(memoKey, key);
      if (hit) return hit;
    }
    if (this.osrm) {
      const osrm = this.osrm;
      const ask = async () => {
        const route = await osrm.route(from, to, this.profile(mode));
        if (route) {
          await this.cache.saveDistance(key, route, "osrm");
          this.memo?.set(memoKey, route);
        }
        return route;
      };
      try {
        const r = await withinDeadline(ask(), deadlineMs, this.backgroundFailure);
        if (r.done && r.value) return { ...r.value, source: "osrm", cached: false };
      } catch (e) {
        this.onBackgroundError(asAppError(e));
      }
    }
    return greatCircle(from, to);
  }

  /** Distances from one point to many: cached pairs first, the rest in OSRM table requests. */
  async distancesFrom(
    from: Point,
    to: Point[],
    mode: TravelMode,
    deadlineMs: number | null = this.cfg.answerWithinMs,
  ): Promise<Distance[]> {
    const out: (Distance | null)[] = [];
    const missing: number[] = [];
    for (const [i, p] of to.entries()) {
      const memoKey = routeKey(from, p, mode);
      out[i] = await this.cachedRoute(memoKey, { origin: from, destination: p, mode });
      if (!out[i]) missing.push(i);
    }
    const ask = async () => {
      for (let k = 0; this.osrm && k < missing.length; k += TABLE_CHUNK) {
        const chunk = missing.slice(k, k + TABLE_CHUNK);
        const row = await this.osrm.table(
          from,
          chunk.map((i) => to[i]),
          this.profile(mode),
        );
        for (const [j, i] of chunk.entries()) {
          const route = row[j];
          if (!route) continue;
          const key = { origin: from, destination: to[i], mode };
          await this.cache.saveDistance(key, route, "osrm");
          out[i] = { ...route, source: "osrm", cached: false };
        }
      }
    };
    if (this.osrm && missing.length) {
      try {
        await withinDeadline(ask(), deadlineMs, this.backgroundFailure);
      } catch (e) {
        this.onBackgroundError(asAppError(e));
      }
    }
    // A snapshot: rows OSRM answers after the deadline only fill the cache.
    return out.map((d, i) => d ?? greatCircle(from, to[i]));
  }

  private profile(mode: TravelMode): string {
    return mode === "transit" ? this.cfg.osrmTransitProfile : this.cfg.osrmCarProfile;
  }

  private async cachedRoute(
    memoKey: string,
    key: { origin: Point; destination: Point; mode: string },
  ): Promise<Distance | null> {
    const mem = this.memo?.get(memoKey) as Route | undefined;
    if (mem) {
      this.cache.countDistanceHit(key).catch(this.onBackgroundError);
      return { ...mem, source: "osrm", cached: true };
    }
    const row = await this.cache.findDistance(key);
    if (!row) return null;
    this.memo?.set(memoKey, row);
    return { ...row, source: "osrm", cached: true };
  }

  private readonly backgroundFailure = (e: Error) => this.onBackgroundError(asAppError(e));
}
