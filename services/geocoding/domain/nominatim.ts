/** A place as the API returns it (domain.md 4.6). */
export interface Place {
  latitude: number;
  longitude: number;
  display_name: string;
  address_components: Record<string, string>;
}

const finite = (v: unknown) => (typeof v === "string" || typeof v === "number" ? Number(v) : NaN);

/** One Nominatim object (jsonv2 or json; lat/lon are strings there) as a Place, or null if it has no position. */
export function placeFrom(raw: unknown): Place | null {
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== "object" || "error" in r) return null;
  const latitude = finite(r.lat);
  const longitude = finite(r.lon);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const address: Record<string, string> = {};
  if (r.address && typeof r.address === "object") {
    for (const [k, v] of Object.entries(r.address as Record<string, unknown>)) {
      if (typeof v === "string") address[k] = v;
    }
  }
  return {
    latitude,
    longitude,
    display_name: typeof r.display_name === "string" ? r.display_name : "",
    address_components: address,
  };
}

/** The best hit of a `/search` answer (`[]` = not found). */
export const firstPlace = (body: unknown): Place | null => (Array.isArray(body) ? placeFrom(body[0]) : null);

/** Query parameters of a `/search` for one German address (free text). */
export function searchParams(q: string, email: string | null): URLSearchParams {
  const p = new URLSearchParams({
    q,
    format: "jsonv2",
    addressdetails: "1",
    limit: "1",
    countrycodes: "de",
    "accept-language": "de",
  });
  if (email) p.set("email", email);
  return p;
}

export function reverseParams(lat: number, lon: number, email: string | null): URLSearchParams {
  const p = new URLSearchParams({
    lat: String(lat),
    lon: String(lon),
    format: "jsonv2",
    zoom: "18",
    addressdetails: "1",
    "accept-language": "de",
  });
  if (email) p.set("email", email);
  return p;
}
