import { ADDRESS_FIELDS } from "./fields";

export interface Coordinates {
  latitude: number | null;
  longitude: number | null;
  geo_source: "plz_centroids" | "nominatim" | null;
  /** Geocoding could not be asked; a job tries again. */
  geo_pending: boolean;
}

type Address = Partial<Record<(typeof ADDRESS_FIELDS)[number], unknown>>;

/** True when the update writes an address field with a value different from the stored one. */
export function addressChanged(before: Address, update: Address): boolean {
  return ADDRESS_FIELDS.some((f) => f in update && (update[f] ?? null) !== (before[f] ?? null));
}

/**
 * Coordinates stored with the address at once (decisions.md 5): the PLZ centroid, or none. `"unreachable"`
 * means the geocoding service could not be asked: the record is marked so a job retries it.
 */
export function centroidCoordinates(
  plz: string | null | undefined,
  centroid: { latitude: number; longitude: number } | null | "unreachable",
): Coordinates {
  if (centroid === "unreachable") {
    return { latitude: null, longitude: null, geo_source: null, geo_pending: Boolean(plz) };
  }
  if (!plz || !centroid) return { latitude: null, longitude: null, geo_source: null, geo_pending: false };
  return {
    latitude: centroid.latitude,
    longitude: centroid.longitude,
    geo_source: "plz_centroids",
    geo_pending: false,
  };
}

/** Worth asking for the exact address only when there is more than a PLZ to go on. */
export const canRefine = (a: Address) => Boolean(a.strasse) && Boolean(a.plz || a.ort);

/**
 * The refined position from `geocoding.locate`, or null to keep what is stored. Only a street-level result
 * (nominatim, or its cache) improves on the centroid; a centroid answer fills coordinates that were missing.
 */
export function refinedCoordinates(
  current: Pick<Coordinates, "latitude">,
  found: { latitude: number; longitude: number; source: string } | null,
): Coordinates | null {
  if (!found || !Number.isFinite(found.latitude) || !Number.isFinite(found.longitude)) return null;
  if (found.source === "nominatim" || found.source === "cache") {
    return {
      latitude: found.latitude,
      longitude: found.longitude,
      geo_source: "nominatim",
      geo_pending: false,
    };
  }
  if (current.latitude === null) {
    return {
      latitude: found.latitude,
      longitude: found.longitude,
      geo_source: "plz_centroids",
      geo_pending: false,
    };
  }
  return null;
}
