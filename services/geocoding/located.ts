import { AppError, isAppError } from "../../mixins/errors";
import { haversineKm } from "../shared/geo";
import type { Place } from "./domain/nominatim";
import type { Point, Route } from "./domain/osrm";
import { GeoErrorType } from "./errors";

export type PlaceSource = "nominatim" | "plz_centroids" | "place_index";
export type Precision = "strasse" | "plz" | "ort";
export interface Located extends Place {
  source: PlaceSource;
  cached: boolean;
}
/** A lookup's answer, and why the external service did not give it if it could not be asked. */
export interface Lookup {
  place: Located | null;
  remoteError: AppError | null;
}
export interface Distance extends Route {
  source: "osrm" | "haversine";
  cached: boolean;
}

/** What the in-memory cache holds: a lookup's answer or a road distance. */
export type Memo = { place: Place | null } | Route;

const round2 = (x: number) => Math.round(x * 100) / 100;

export const asAppError = (e: unknown) =>
  isAppError(e) ? (e as AppError) : new AppError(503, GeoErrorType.UNAVAILABLE, (e as Error).message);

export function centroidPlace(
  plz: string,
  c: { latitude: number; longitude: number },
  ort: string | null = null,
): Located {
  return {
    latitude: c.latitude,
    longitude: c.longitude,
    display_name: ort ? `${plz} ${ort}, Deutschland` : `${plz}, Deutschland`,
    address_components: {
      postcode: plz,
      ...(ort ? { city: ort } : {}),
      country: "Deutschland",
      country_code: "de",
    },
    source: "plz_centroids",
    cached: false,
  };
}

/** How precisely a found place is located (issue 17.2). */
export function precisionOf(l: Located): Precision {
  if (l.source === "plz_centroids") return "plz";
  if (l.source === "place_index") return "ort";
  return l.address_components.road ? "strasse" : l.address_components.postcode ? "plz" : "ort";
}

export const greatCircle = (a: Point, b: Point): Distance => ({
  distance_km: round2(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude)),
  travel_time_minutes: null,
  source: "haversine",
  cached: false,
});
