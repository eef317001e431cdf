import * as fs from "node:fs";
import type { Context, ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { z } from "zod";
import { haversineKm } from "../../shared/geo";
import { builtinCentroids } from "../builtin-centroids";
import { CentroidIndex } from "../domain/centroid-index";
import { parseCentroidCsv } from "../domain/plz";
import { GeoErrorType } from "../errors";
import { geoError } from "./respond";
import { PRECISION, practiceCentroids, rankSql, type CentroidSource } from "../domain/centroid-sources";

const PracticesParams = z.object({
  practices: z
    .array(
      z.object({
        plz: z.string().nullable(),
        latitude: z.number().min(-90).max(90).nullable(),
        longitude: z.number().min(-180).max(180).nullable(),
      }),
    )
    .max(1_000_000),
});

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
        await this.storeCentroids(rows.map((r) => ({ ...r, source: "liste" as const })));
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

    /**
     * Learns PLZ centroids from practices whose coordinates came with the 116117 import: a PLZ with at least
     * PRACTICE_MIN of them takes their median, unless a loaded list places it (never overwritten).
     */
    learnFromPractices: {
      visibility: "protected",
      async handler(this: any, ctx: Ctx) {
        const parsed = PracticesParams.safeParse(ctx.params);
        if (!parsed.success) throw geoError(400, "practices must be a list of {plz, latitude, longitude}");
        const learned = practiceCentroids(parsed.data.practices);
        const stored = learned.length
          ? await this.storeCentroids(learned.map((c) => ({ ...c, source: "praxen" as const })))
          : 0;
        if (stored) {
          await this.reloadCentroids();
          this.broker.broadcast("geocoding.centroidsChanged", {});
        }
        return { plz_with_enough_practices: learned.length, stored };
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
    /**
     * Upserts centroids in one transaction (a failed load changes nothing). A row replaces a stored one only if
     * its source is at least as good (domain/centroid-sources.ts): a built-in guess never overwrites a loaded
     * list or the median of imported practices.
     */
    async storeCentroids(
      this: any,
      rows: { plz: string; latitude: number; longitude: number; source: CentroidSource; samples?: number }[],
    ): Promise<number> {
      let stored = 0;
      await this.db.transaction(async (t: any) => {
        for (let i = 0; i < rows.length; i += 1000) {
          const chunk = rows.slice(i, i + 1000);
          const [, count] = await this.db.query(
            `INSERT INTO geocoding_service.plz_centroids (plz, latitude, longitude, source, precision, samples)
           SELECT * FROM unnest(:plz::text[], :lat::float8[], :lon::float8[], :source::text[], :precision::text[],
                                :samples::int[])
           ON CONFLICT (plz) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
             source = EXCLUDED.source, precision = EXCLUDED.precision, samples = EXCLUDED.samples
           WHERE ${rankSql("EXCLUDED.source")} >= ${rankSql("geocoding_service.plz_centroids.source")}`,
            {
              replacements: {
                plz: `{${chunk.map((r) => r.plz).join(",")}}`,
                lat: `{${chunk.map((r) => r.latitude).join(",")}}`,
                lon: `{${chunk.map((r) => r.longitude).join(",")}}`,
                source: `{${chunk.map((r) => r.source).join(",")}}`,
                precision: `{${chunk.map((r) => PRECISION[r.source]).join(",")}}`,
                samples: `{${chunk.map((r) => r.samples ?? "NULL").join(",")}}`,
              },
              transaction: t,
            },
          );
          stored += typeof count === "number" ? count : (count?.rowCount ?? 0);
        }
      });
      return stored;
    },

    /** PLZ_CENTROIDS_FILE: loaded when the table is still empty (first start of a new installation). */
    async loadCentroidsFile(this: any, file: string) {
      const { rows, errors } = parseCentroidCsv(await fs.promises.readFile(file, "utf8"));
      if (!rows.length) throw new Error(`PLZ_CENTROIDS_FILE ${file}: no valid 'plz,lat,lng' lines`);
      await this.storeCentroids(rows.map((r) => ({ ...r, source: "liste" as const })));
      this.logger.info(`PLZ centroids loaded from ${file}: ${rows.length} (${errors} lines skipped)`);
    },

    /** First start without a list: approximate centroids built from the shipped packages (docs/geocoding.md). */
    async loadBuiltinCentroids(this: any) {
      const t0 = Date.now();
      const rows = [...builtinCentroids()].map(([plz, c]) => ({ plz, ...c, source: c.basis }));
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
