import { QueryTypes, type Sequelize } from "sequelize";
import type { Place } from "../domain/nominatim";
import type { Route } from "../domain/osrm";
import { round6 } from "../domain/keys";

export type QueryType = "address" | "coordinates";

/** A cached lookup: a place, or a remembered "not found" (place null) with the time it was stored. */
export interface CachedPlace {
  place: Place | null;
  createdAt: Date;
}

export interface DistanceKey {
  origin: { latitude: number; longitude: number };
  destination: { latitude: number; longitude: number };
  mode: string;
}

const distanceParams = (k: DistanceKey) => ({
  olat: round6(k.origin.latitude),
  olon: round6(k.origin.longitude),
  dlat: round6(k.destination.latitude),
  dlon: round6(k.destination.longitude),
  mode: k.mode,
});

/**
 * The database caches of domain.md 2.11: results are kept forever and count their hits. A read that finds a
 * row counts the hit in the same statement.
 */
export class CacheRepository {
  constructor(private readonly db: Sequelize) {}

  async findPlace(type: QueryType, query: string): Promise<CachedPlace | null> {
    const rows = await this.db.query<Record<string, any>>(
      `UPDATE geocoding_service.geocache SET hit_count = hit_count + 1, updated_at = now()
        WHERE query_type = :type AND query = :query
        RETURNING latitude, longitude, display_name, result_data, created_at`,
      { replacements: { type, query }, type: QueryTypes.SELECT },
    );
    const r = rows[0];
    if (!r) return null;
    if (r.latitude === null) return { place: null, createdAt: r.created_at };
    const components = r.result_data ? (JSON.parse(r.result_data).address_components ?? {}) : {};
    return {
      place: {
        latitude: r.latitude,
        longitude: r.longitude,
        display_name: r.display_name ?? "",
        address_components: components,
      },
      createdAt: r.created_at,
    };
  }

  /** Stores a Nominatim answer (or a "not found"); a repeated store refreshes it and starts counting again. */
  async savePlace(type: QueryType, query: string, place: Place | null): Promise<void> {
    await this.db.query(
      `INSERT INTO geocoding_service.geocache (query, query_type, latitude, longitude, display_name, result_data)
       VALUES (:query, :type, :lat, :lon, :name, :data)
       ON CONFLICT (query_type, query) DO UPDATE SET latitude = EXCLUDED.latitude,
         longitude = EXCLUDED.longitude, display_name = EXCLUDED.display_name,
         result_data = EXCLUDED.result_data, created_at = now(), updated_at = now()`,
      {
        replacements: {
          query,
          type,
          lat: place?.latitude ?? null,
          lon: place?.longitude ?? null,
          name: place?.display_name ?? null,
          data: place ? JSON.stringify({ address_components: place.address_components }) : null,
        },
      },
    );
  }

  /** Counts a hit served from memory, so the database's hit counts stay the whole truth. */
  async countPlaceHit(type: QueryType, query: string): Promise<void> {
    await this.db.query(
      `UPDATE geocoding_service.geocache SET hit_count = hit_count + 1, updated_at = now()
        WHERE query_type = :type AND query = :query`,
      { replacements: { type, query } },
    );
  }

  /** GDPR erasure: the cached lookups of these address queries and coordinates, and routes from or to the points. */
  async forget(
    queries: string[],
    coordinateKeys: string[],
    points: { lat: number; lon: number }[],
  ): Promise<{ geocache_deleted: number; distances_deleted: number }> {
    const places = await this.db.query(
      `DELETE FROM geocoding_service.geocache
        WHERE (query_type = 'address' AND query = ANY(ARRAY[:queries]::text[]))
           OR (query_type = 'coordinates' AND query = ANY(ARRAY[:keys]::text[]))
        RETURNING id`,
      { replacements: { queries: [...queries, ""], keys: [...coordinateKeys, ""] }, type: QueryTypes.SELECT },
    );
    let routes = 0;
    for (const pt of points) {
      const rows = await this.db.query(
        `DELETE FROM geocoding_service.distance_cache
          WHERE (origin_latitude = :lat AND origin_longitude = :lon)
             OR (destination_latitude = :lat AND destination_longitude = :lon)
          RETURNING id`,
        { replacements: pt, type: QueryTypes.SELECT },
      );
      routes += rows.length;
    }
    return { geocache_deleted: places.length, distances_deleted: routes };
  }

  async findDistance(k: DistanceKey): Promise<Route | null> {
    const rows = await this.db.query<Record<string, any>>(
      `UPDATE geocoding_service.distance_cache SET hit_count = hit_count + 1, updated_at = now()
        WHERE origin_latitude = :olat AND origin_longitude = :olon AND destination_latitude = :dlat
          AND destination_longitude = :dlon AND travel_mode = :mode
        RETURNING distance_km, travel_time_minutes`,
      { replacements: distanceParams(k), type: QueryTypes.SELECT },
    );
    return rows[0]
      ? { distance_km: rows[0].distance_km, travel_time_minutes: rows[0].travel_time_minutes }
      : null;
  }

  async saveDistance(k: DistanceKey, route: Route, source: string): Promise<void> {
    await this.db.query(
      `INSERT INTO geocoding_service.distance_cache (origin_latitude, origin_longitude, destination_latitude,
         destination_longitude, travel_mode, distance_km, travel_time_minutes, route_data)
       VALUES (:olat, :olon, :dlat, :dlon, :mode, :km, :min, :data)
       ON CONFLICT (origin_latitude, origin_longitude, destination_latitude, destination_longitude, travel_mode)
       DO UPDATE SET distance_km = EXCLUDED.distance_km, travel_time_minutes = EXCLUDED.travel_time_minutes,
         route_data = EXCLUDED.route_data, updated_at = now()`,
      {
        replacements: {
          ...distanceParams(k),
          km: route.distance_km,
          min: route.travel_time_minutes,
          data: JSON.stringify({ source }),
        },
      },
    );
  }

  async countDistanceHit(k: DistanceKey): Promise<void> {
    await this.db.query(
      `UPDATE geocoding_service.distance_cache SET hit_count = hit_count + 1, updated_at = now()
        WHERE origin_latitude = :olat AND origin_longitude = :olon AND destination_latitude = :dlat
          AND destination_longitude = :dlon AND travel_mode = :mode`,
      { replacements: distanceParams(k) },
    );
  }

  async stats(): Promise<Record<string, number>> {
    const [r] = await this.db.query<Record<string, any>>(
      `SELECT (SELECT count(*) FROM geocoding_service.geocache)::int AS geocache_entries,
              (SELECT coalesce(sum(hit_count), 0) FROM geocoding_service.geocache)::int AS geocache_hits,
              (SELECT count(*) FROM geocoding_service.distance_cache)::int AS distance_cache_entries,
              (SELECT coalesce(sum(hit_count), 0) FROM geocoding_service.distance_cache)::int AS distance_cache_hits,
              (SELECT count(*) FROM geocoding_service.plz_centroids)::int AS plz_centroids`,
      { type: QueryTypes.SELECT },
    );
    return r;
  }
}
