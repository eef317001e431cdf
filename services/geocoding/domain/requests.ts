import type { Point } from "./osrm";

/** A parsed request, or the contract's message for the 400 (domain.md 4.6). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export type TravelMode = "car" | "transit";
export const TRAVEL_MODES: readonly TravelMode[] = ["car", "transit"];

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A coordinate pair from query or body values (strings or numbers); null when either is absent. */
export function point(lat: unknown, lon: unknown, what: string): Parsed<Point | null> {
  if (!present(lat) && !present(lon)) return ok(null);
  if (!present(lat) || !present(lon)) return fail(`Both ${what} latitude and longitude are required`);
  const latitude =
    typeof lat === "number" ? lat : /^\s*-?\d+(\.\d+)?\s*$/.test(String(lat)) ? Number(lat) : NaN;
  const longitude =
    typeof lon === "number" ? lon : /^\s*-?\d+(\.\d+)?\s*$/.test(String(lon)) ? Number(lon) : NaN;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude))
    return fail(`Invalid ${what} latitude or longitude: numbers expected`);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    return fail(`Invalid ${what} coordinates: latitude must be within ±90 and longitude within ±180`);
  return ok({ latitude, longitude });
}

export function travelMode(v: unknown): Parsed<TravelMode> {
  if (!present(v)) return ok("car");
  return TRAVEL_MODES.includes(v as TravelMode)
    ? ok(v as TravelMode)
    : fail(`Invalid travel_mode '${String(v)}'. Mode of transport (car or transit) expected`);
}

/** Query flags: "true"/"1" or a JSON boolean; anything else is the default. */
export const flag = (v: unknown, def: boolean) =>
  v === true || v === "true" || v === "1" ? true : v === false || v === "false" || v === "0" ? false : def;

export function reverseRequest(q: Record<string, unknown>): Parsed<Point> {
  if (!present(q.lat) || !present(q.lon))
    return fail("latitude (lat) and longitude (lon) parameters are required");
  const p = point(q.lat, q.lon, "");
  if (!p.ok) return fail(p.error.replace("  ", " "));
  return ok(p.value as Point);
}

export interface TherapistLocationInput {
  id: unknown;
  strasse?: string | null;
  plz?: string | null;
  ort?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface FindTherapistsRequest {
  patient: { address: string } | Point;
  maxKm: number;
  mode: TravelMode;
  therapists: TherapistLocationInput[];
}

export const MAX_THERAPISTS_PER_REQUEST = 2000;

export function findTherapistsRequest(
  b: Record<string, unknown>,
  defaultMaxKm: number,
): Parsed<FindTherapistsRequest> {
  const coords = point(b.patient_lat, b.patient_lon, "patient");
  if (!coords.ok) return fail(coords.error);
  const address = typeof b.patient_address === "string" ? b.patient_address.trim() : "";
  if (!coords.value && !address)
    return fail("Patient location is required (patient_address or patient_lat and patient_lon)");
  const mode = travelMode(b.travel_mode);
  if (!mode.ok) return fail(mode.error);
  let maxKm = defaultMaxKm;
  if (present(b.max_distance_km)) {
    maxKm = Number(b.max_distance_km);
    if (typeof b.max_distance_km === "boolean" || !Number.isFinite(maxKm) || maxKm <= 0 || maxKm > 1000)
      return fail("max_distance_km must be a number greater than 0 and at most 1000");
  }
  if (!Array.isArray(b.therapists)) return fail("therapists must be a list of {id, strasse, plz, ort}");
  if (b.therapists.length > MAX_THERAPISTS_PER_REQUEST)
    return fail(`At most ${MAX_THERAPISTS_PER_REQUEST} therapists per request`);
  for (const [i, t] of b.therapists.entries()) {
    if (!t || typeof t !== "object" || Array.isArray(t) || !present((t as { id?: unknown }).id))
      return fail(`therapists[${i}] must be an object with an id`);
    for (const f of ["strasse", "plz", "ort"] as const) {
      const v = (t as Record<string, unknown>)[f];
      if (v !== undefined && v !== null && typeof v !== "string")
        return fail(`therapists[${i}].${f} must be text`);
    }
    const tp = point(
      (t as Record<string, unknown>).latitude,
      (t as Record<string, unknown>).longitude,
      `therapists[${i}]`,
    );
    if (!tp.ok) return fail(tp.error);
  }
  return ok({
    patient: coords.value ?? { address },
    maxKm,
    mode: mode.value,
    therapists: b.therapists as TherapistLocationInput[],
  });
}
