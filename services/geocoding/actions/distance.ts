import type { Context, ServiceSchema } from "moleculer";
import { haversineKm } from "../../shared/geo";
import { addressText } from "../domain/keys";
import type { Point } from "../domain/osrm";
import {
  findTherapistsRequest,
  flag,
  point,
  travelMode,
  type TherapistLocationInput,
} from "../domain/requests";
import type { Geocoder, Located } from "../geocoder";
import { geoError, valueOr400 } from "./respond";

type Ctx = Context<Record<string, any>, any>;
type End = { point: Point; source: string } | null;

/** One end of a distance: given coordinates, or an address geocoded (with the PLZ fallback unless switched off). */
async function resolveEnd(
  geocoder: Geocoder,
  p: Record<string, any>,
  name: string,
  plzFallback: boolean,
  deadlineMs: number,
) {
  const coords = valueOr400(point(p[`${name}_lat`], p[`${name}_lon`], name));
  if (coords) return { point: coords, source: "coordinates" };
  const address = typeof p[name] === "string" ? p[name].trim() : "";
  if (!address) return "missing" as const;
  const found = await geocoder.geocode(address, plzFallback, undefined, deadlineMs);
  return found.place ? { point: found.place, source: found.place.source } : null;
}

/** The milliseconds left of a request's time budget for external services. */
function budget(ms: number): () => number {
  const until = Date.now() + ms;
  return () => Math.max(0, until - Date.now());
}

const endBody = (e: NonNullable<End>) => ({
  latitude: e.point.latitude,
  longitude: e.point.longitude,
  source: e.source,
});

export const DistanceActions: Partial<ServiceSchema> = {
  actions: {
    calculateDistance: {
      rest: "GET /calculate-distance",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const mode = valueOr400(travelMode(p.travel_mode));
        const plzFallback = flag(p.use_plz_fallback, true);
        // One time budget for the whole request (issue 17.3): both ends at once, OSRM with what is left.
        const left = budget(this.config.geocoding.answerWithinMs);
        const [origin, destination] = await Promise.all([
          resolveEnd(this.geocoder, p, "origin", plzFallback, left()),
          resolveEnd(this.geocoder, p, "destination", plzFallback, left()),
        ]);
        if (origin === "missing") throw geoError(400, "Origin is required (address or coordinates)");
        if (destination === "missing")
          throw geoError(400, "Destination is required (address or coordinates)");
        if (!origin || !destination) {
          return {
            distance_km: 0,
            status: "error",
            error: `Could not geocode ${origin ? "destination" : "origin"}`,
            travel_mode: mode,
          };
        }
        const d = await this.geocoder.distance(
          origin.point,
          destination.point,
          mode,
          !flag(p.no_cache, false),
          left(),
        );
        return {
          distance_km: d.distance_km,
          travel_time_minutes: d.travel_time_minutes,
          status: "success",
          source: d.source,
          cached: d.cached,
          route_available: d.source === "osrm",
          travel_mode: mode,
          origin: endBody(origin),
          destination: endBody(destination),
        };
      },
    },

    /**
     * Therapists within reach of a patient (domain.md 4.6). Only the patient's address may go to Nominatim; the
     * therapists' are taken from the request's coordinates, the cache or their PLZ centroid (no bulk geocoding,
     * external-apis.md 2.3). The great-circle distance is a lower bound of the road distance, so only therapists
     * within it are asked of OSRM, in one table request.
     */
    findTherapists: {
      rest: "POST /find-therapists",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const req = valueOr400(findTherapistsRequest(ctx.params, this.config.geocoding.defaultMaxKm));
        const left = budget(this.config.geocoding.answerWithinMs);
        let patient: { point: Point; source: string };
        if ("address" in req.patient) {
          const found = await this.geocoder.geocode(req.patient.address, true, undefined, left());
          if (!found.place) throw geoError(400, "Could not geocode patient address");
          patient = { point: found.place, source: found.place.source };
        } else {
          patient = { point: req.patient, source: "coordinates" };
        }
        const located: { t: TherapistLocationInput; point: Point; source: string }[] = [];
        const unlocated: unknown[] = [];
        for (const t of req.therapists) {
          const loc = await this.therapistLocation(t);
          if (loc) located.push({ t, ...loc });
          else unlocated.push(t.id);
        }
        const near = located.filter(
          (l) =>
            haversineKm(
              patient.point.latitude,
              patient.point.longitude,
              l.point.latitude,
              l.point.longitude,
            ) <= req.maxKm,
        );
        const distances = await this.geocoder.distancesFrom(
          patient.point,
          near.map((l) => l.point),
          req.mode,
          left(),
        );
        const within = near
          .map((l, i) => ({
            ...l.t,
            distance_km: distances[i].distance_km,
            travel_time_minutes: distances[i].travel_time_minutes,
            distance_source: distances[i].source,
            location_source: l.source,
          }))
          .filter((r) => r.distance_km <= req.maxKm)
          .sort((a, b) => a.distance_km - b.distance_km || String(a.id).localeCompare(String(b.id)));
        return {
          status: "success",
          patient_location: endBody(patient),
          max_distance_km: req.maxKm,
          travel_mode: req.mode,
          therapists: within,
          total_checked: req.therapists.length,
          total_found: within.length,
          unlocated_therapist_ids: unlocated,
        };
      },
    },
  },

  methods: {
    async therapistLocation(
      this: any,
      t: TherapistLocationInput,
    ): Promise<{ point: Point; source: string } | null> {
      const given = point(t.latitude, t.longitude, "therapist");
      if (given.ok && given.value) return { point: given.value, source: "coordinates" };
      const text = addressText(t);
      if (!text) return null;
      const found: { place: Located | null } = await this.geocoder.geocode(text, true, false);
      return found.place ? { point: found.place, source: found.place.source } : null;
    },
  },
};
