import type { Context, ServiceSchema } from "moleculer";
import { geocodingMode } from "../domain/mode";
import { flag, reverseRequest } from "../domain/requests";
import { GeoErrorType } from "../errors";
import { precisionOf, type Lookup } from "../geocoder";
import { geoError, valueOr400 } from "./respond";

type Ctx = Context<Record<string, any>, any>;

/** The API shape of a found place (domain.md 4.6). */
const placeBody = (l: Lookup) => ({
  latitude: l.place!.latitude,
  longitude: l.place!.longitude,
  display_name: l.place!.display_name,
  address_components: l.place!.address_components,
  source: l.place!.source,
  precision: precisionOf(l.place!),
  cached: l.place!.cached,
  status: "success",
});

/**
 * Not found: 400, also when the external service is down, because the offline geocoder answered (issue 17.2).
 * Only when the caller switched the fallback off and the service could not be asked: 503 (asking later may work).
 */
function notFound(l: Lookup, message: string, fallback = true): never {
  if (l.remoteError && !fallback)
    throw geoError(503, `${message}: geocoding service unavailable`, GeoErrorType.UNAVAILABLE);
  throw geoError(400, message);
}

export const LookupActions: Partial<ServiceSchema> = {
  actions: {
    geocode: {
      rest: "GET /geocode",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const address = typeof ctx.params.address === "string" ? ctx.params.address.trim() : "";
        if (!address) throw geoError(400, "address parameter is required", "VALIDATION_ERROR");
        const fallback = flag(ctx.params.use_plz_fallback, true);
        const found: Lookup = await this.geocoder.geocode(address, fallback);
        if (!found.place) notFound(found, "Geocoding failed", fallback);
        return placeBody(found);
      },
    },

    reverseGeocode: {
      rest: "GET /reverse-geocode",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const point = valueOr400(reverseRequest(ctx.params));
        const found: Lookup = await this.geocoder.reverse(point);
        if (!found.place) notFound(found, "Reverse geocoding failed");
        // The rounded query point is echoed (cache key precision); the place's own position is in the components.
        return {
          ...placeBody(found),
          latitude: Math.round(point.latitude * 1e6) / 1e6,
          longitude: Math.round(point.longitude * 1e6) / 1e6,
          place_latitude: found.place!.latitude,
          place_longitude: found.place!.longitude,
        };
      },
    },

    /**
     * A record's position for the patient and therapist services (decisions.md 5): street level when Nominatim
     * knows the address, else the PLZ centroid, else null. Fails (503) when Nominatim could not be asked, so the
     * caller keeps what it has and tries again later instead of settling for the centroid.
     */
    locate: {
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const text = (v: unknown) => (typeof v === "string" ? v : null);
        // Only practice addresses (public data) are sure not to be a patient's (decisions.md 31).
        const found: Lookup = await this.geocoder.locate(
          { strasse: text(p.strasse), plz: text(p.plz), ort: text(p.ort) },
          p.kind === "therapist" ? "therapist" : "patient",
        );
        if (found.remoteError && found.place?.source !== "nominatim") throw found.remoteError;
        if (!found.place) return null;
        return {
          latitude: found.place.latitude,
          longitude: found.place.longitude,
          source: found.place.source,
        };
      },
    },

    status: {
      rest: "GET /geocoding/status",
      auth: "admin",
      async handler(this: any) {
        return {
          online: this.geocoder.online,
          ...geocodingMode(this.config.geocoding),
          circuits: this.geocoder.circuits(),
          plz_centroids_in_memory: this.centroids.size,
          ...(await this.cache.stats()),
        };
      },
    },
  },
};
