/** The address the stored coordinates belong to; same expression as the migration's index. */
export const addressKey = (r: { strasse?: string | null; plz?: string | null; ort?: string | null }) =>
  [r.strasse ?? "", r.plz ?? "", r.ort ?? ""].join("|");

/** Coordinates the 116117 source brought (decisions.md 5): trusted, never replaced by a geocoder's guess. */
export const SOURCE_GEO = "116117";

export interface Position {
  latitude: number | null;
  longitude: number | null;
  geo_source: string | null;
}

/** The centroid position for a PLZ, or none (the record is then shown as location unknown). */
export const centroidPosition = (c: { latitude: number; longitude: number } | null): Position =>
  c
    ? { latitude: c.latitude, longitude: c.longitude, geo_source: "plz_centroids" }
    : { latitude: null, longitude: null, geo_source: null };

/**
 * What a `geocoding.locate` answer changes: a street-level position always improves on a centroid; a centroid
 * only fills a missing position; source coordinates are kept.
 */
export function refinedPosition(
  current: Position,
  found: { latitude: number; longitude: number; source: string } | null,
): Position | null {
  if (!found || current.geo_source === SOURCE_GEO) return null;
  if (found.source === "nominatim")
    return { latitude: found.latitude, longitude: found.longitude, geo_source: "nominatim" };
  if (current.latitude === null) return centroidPosition(found);
  return null;
}
