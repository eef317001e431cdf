/** Great-circle geometry on stored coordinates (decisions.md 5). */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Coordinates {
  latitude: number | null;
  longitude: number | null;
}

export const hasCoordinates = (c: Coordinates): c is { latitude: number; longitude: number } =>
  typeof c.latitude === "number" &&
  typeof c.longitude === "number" &&
  Number.isFinite(c.latitude + c.longitude);

/** Distance between two records, or null when either has no stored location (matching fails closed on null). */
export function distanceKmBetween(a: Coordinates, b: Coordinates): number | null {
  if (!hasCoordinates(a) || !hasCoordinates(b)) return null;
  return haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
}

/** A valid German PLZ: five digits, 01001..99998. */
export const isGermanPlz = (v: unknown): v is string =>
  typeof v === "string" && /^\d{5}$/.test(v) && v !== "00000";
