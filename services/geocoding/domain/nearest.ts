import { haversineKm } from "../../shared/geo";

/** The PLZ whose centroid is closest to a point, if one lies within `maxKm` (offline reverse geocoding). */
export function nearestPlz(
  centroids: Iterable<[string, { latitude: number; longitude: number }]>,
  lat: number,
  lon: number,
  maxKm: number,
): { plz: string; latitude: number; longitude: number; distance_km: number } | null {
  let best: { plz: string; latitude: number; longitude: number; distance_km: number } | null = null;
  for (const [plz, c] of centroids) {
    const d = haversineKm(lat, lon, c.latitude, c.longitude);
    if (d <= maxKm && (!best || d < best.distance_km || (d === best.distance_km && plz < best.plz))) {
      best = { plz, ...c, distance_km: d };
    }
  }
  return best;
}
