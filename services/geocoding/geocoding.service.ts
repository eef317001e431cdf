import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { AppError } from "../../mixins/errors";
import { SqlMixin } from "../../mixins/db.mixin";
import { haversineKm } from "../shared/geo";
import { parseCentroidCsv, plzInText } from "./domain/plz";

type Ctx = Context<Record<string, any>, any>;
type Centroid = { latitude: number; longitude: number };

const geoError = (status: number, error: string, type = "GEOCODING_ERROR") =>
  new AppError(status, type, error, { status: "error", error });

/**
 * Geocoding (domain.md 3.18, 4.6; decisions.md 20) from offline PLZ centroids and great-circle distances.
 * Centroids are loaded by an admin from a CSV the operator may use (none is shipped; see docs/geocoding.md).
 */
const GeocodingService: ServiceSchema = {
  name: "geocoding",
  mixins: [SqlMixin("geocoding_service")],
  settings: { rest: "/" },

  actions: {
    plzCentroid: {
      handler(this: any, ctx: Ctx): Centroid | null {
        return this.centroids.get(String(ctx.params.plz ?? "")) ?? null;
      },
    },

    locate: {
      handler(this: any, ctx: Ctx) {
        const c = ctx.params.plz ? this.centroids.get(String(ctx.params.plz)) : null;
        return c ? { ...c, source: "plz_centroids" } : null;
      },
    },

    loadCentroids: {
      rest: "POST /geocoding/plz-centroids",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const csv = typeof ctx.params.csv === "string" ? ctx.params.csv : "";
        const { rows, errors } = parseCentroidCsv(csv);
        if (!rows.length) throw geoError(400, "No valid 'plz,lat,lng' lines found", "VALIDATION_ERROR");
        await this.db.transaction(async (t: any) => {
          for (let i = 0; i < rows.length; i += 1000) {
            const chunk = rows.slice(i, i + 1000);
            await this.db.query(
              `INSERT INTO geocoding_service.plz_centroids (plz, latitude, longitude)
               SELECT * FROM unnest(:plz::text[], :lat::float8[], :lon::float8[])
               ON CONFLICT (plz) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude`,
              {
                replacements: {
                  plz: `{${chunk.map((r) => r.plz).join(",")}}`,
                  lat: `{${chunk.map((r) => r.latitude).join(",")}}`,
                  lon: `{${chunk.map((r) => r.longitude).join(",")}}`,
                },
                transaction: t,
              },
            );
          }
        });
        await this.reloadCentroids();
        return {
          message: "PLZ centroids loaded",
          loaded: rows.length,
          skipped_lines: errors,
          total: this.centroids.size,
        };
      },
    },

    calculatePlzDistance: {
      rest: "GET /calculate-plz-distance",
      auth: "staff",
      handler(this: any, ctx: Ctx) {
        const { origin_plz: o, destination_plz: d } = ctx.params;
        if (typeof o !== "string" || !/^\d{5}$/.test(o))
          throw geoError(400, `Invalid origin PLZ format: ${o ?? ""}`);
        if (typeof d !== "string" || !/^\d{5}$/.test(d))
          throw geoError(400, `Invalid destination PLZ format: ${d ?? ""}`);
        const a = this.centroids.get(o);
        const b = this.centroids.get(d);
        if (!a || !b) throw geoError(404, "One or both PLZ codes not found", "PLZ_NOT_FOUND");
        return {
          distance_km: Math.round(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude) * 100) / 100,
          status: "success",
          source: "plz_centroids",
          origin_centroid: a,
          destination_centroid: b,
        };
      },
    },

    calculateDistance: {
      rest: "GET /calculate-distance",
      auth: "staff",
      handler(this: any, ctx: Ctx) {
        const p = ctx.params;
        const mode = p.travel_mode ?? "car";
        if (mode !== "car" && mode !== "transit") {
          throw geoError(400, `Invalid travel_mode '${mode}'. Mode of transport (car or transit) expected`);
        }
        const side = (name: string): Centroid | null | "missing" => {
          const lat = p[`${name}_lat`];
          const lon = p[`${name}_lon`];
          if (lat !== undefined && lon !== undefined) {
            const c = { latitude: Number(lat), longitude: Number(lon) };
            return Number.isFinite(c.latitude) && Number.isFinite(c.longitude) ? c : null;
          }
          if (typeof p[name] === "string" && p[name].trim()) {
            const plz = plzInText(p[name]);
            return plz ? (this.centroids.get(plz) ?? null) : null;
          }
          return "missing";
        };
        const o = side("origin");
        if (o === "missing") throw geoError(400, "Origin is required (address or coordinates)");
        const d = side("destination");
        if (d === "missing") throw geoError(400, "Destination is required (address or coordinates)");
        if (!o || !d)
          return {
            distance_km: 0,
            status: "error",
            error: "Could not resolve coordinates",
            travel_mode: mode,
          };
        return {
          distance_km: Math.round(haversineKm(o.latitude, o.longitude, d.latitude, d.longitude) * 100) / 100,
          status: "partial",
          source: "haversine",
          travel_mode: mode,
          route_available: false,
        };
      },
    },

    geocode: {
      rest: "GET /geocode",
      auth: "staff",
      handler(this: any, ctx: Ctx) {
        const address = typeof ctx.params.address === "string" ? ctx.params.address.trim() : "";
        if (!address) throw geoError(400, "address parameter is required");
        const plz = plzInText(address);
        const c = plz ? this.centroids.get(plz) : null;
        if (!c) throw geoError(400, "Geocoding failed");
        return {
          ...c,
          display_name: `${plz}, Deutschland`,
          address_components: { postcode: plz, country_code: "de" },
          source: "plz_centroids",
          status: "success",
        };
      },
    },
  },

  events: {
    // Another node loaded centroids: every node keeps its in-memory copy current.
    "geocoding.centroidsChanged"(this: any) {
      return this.reloadCentroids();
    },
  },

  methods: {
    async reloadCentroids(this: any) {
      const rows = await this.db.query(
        "SELECT plz, latitude, longitude FROM geocoding_service.plz_centroids",
        { type: QueryTypes.SELECT },
      );
      this.centroids = new Map(
        rows.map((r: any) => [r.plz, { latitude: r.latitude, longitude: r.longitude }]),
      );
    },
  },

  async started(this: any) {
    await this.reloadCentroids();
  },
};

export default GeocodingService;
