import * as fs from "node:fs";
import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { haversineKm } from "../../shared/geo";
import { builtinCentroids } from "../builtin-centroids";
import { CentroidIndex } from "../domain/centroid-index";
import { parseCentroidCsv } from "../domain/plz";
import { GeoErrorType } from "../errors";
import { geoError } from "./respond";

type Ctx = Context<Record<string, any>, any>;

/** PLZ centroids: loaded by an admin (none can be shipped, docs/geocoding.md), held in memory on every node. */
export const CentroidActions: Partial<ServiceSchema> = {
  actions: {
    plzCentroid: {
      handler(this: any, ctx: Ctx) {
        return this.centroids.locate(String(ctx.params.plz ?? ""));
      },
    },

    loadCentroids: {
      rest: "POST /geocoding/plz-centroids",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const csv = typeof ctx.params.csv === "string" ? ctx.params.csv : "";
        const { rows, errors } = parseCentroidCsv(csv);
        if (!rows.length) throw geoError(400, "No valid 'plz,lat,lng' lines found", "VALIDATION_ERROR");
        await this.storeCentroids(rows);
        await this.reloadCentroids();
        this.broker.broadcast("geocoding.centroidsChanged", {});
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
        const a = this.centroids.locate(o);
        const b = this.centroids.locate(d);
        if (!a || !b) throw geoError(404, "One or both PLZ codes not found", GeoErrorType.PLZ_NOT_FOUND);
        return {
          distance_km: Math.round(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude) * 100) / 100,
          status: "success",
          source: "plz_centroids",
          origin_centroid: a,
          destination_centroid: b,
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
    /** Upserts centroids in one transaction (a failed load changes nothing). */
    async storeCentroids(this: any, rows: { plz: string; latitude: number; longitude: number }[]) {
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
    },

    /** PLZ_CENTROIDS_FILE: loaded when the table is still empty (first start of a new installation). */
    async loadCentroidsFile(this: any, file: string) {
      const { rows, errors } = parseCentroidCsv(await fs.promises.readFile(file, "utf8"));
      if (!rows.length) throw new Error(`PLZ_CENTROIDS_FILE ${file}: no valid 'plz,lat,lng' lines`);
      await this.storeCentroids(rows);
      this.logger.info(`PLZ centroids loaded from ${file}: ${rows.length} (${errors} lines skipped)`);
    },

    /** First start without a list: approximate centroids built from the shipped packages (docs/geocoding.md). */
    async loadBuiltinCentroids(this: any) {
      const t0 = Date.now();
      const rows = [...builtinCentroids()].map(([plz, c]) => ({ plz, ...c }));
      await this.storeCentroids(rows);
      this.logger.info(
        `PLZ centroids approximated from GeoNames towns: ${rows.length} in ${Date.now() - t0} ms`,
      );
    },

    async reloadCentroids(this: any) {
      const rows = await this.db.query(
        "SELECT plz, latitude, longitude FROM geocoding_service.plz_centroids",
        {
          type: QueryTypes.SELECT,
        },
      );
      this.centroids = new CentroidIndex(
        new Map(rows.map((r: any) => [r.plz, { latitude: r.latitude, longitude: r.longitude }])),
      );
    },
  },
};
