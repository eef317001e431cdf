import type { ServiceSchema } from "moleculer";
import { QueryTypes } from "sequelize";
import { isUnreachable } from "../../mixins/errors";
import { SOURCE_GEO, addressKey, centroidPosition, refinedPosition, type Position } from "./domain/location";

type Row = Record<string, any>;
const T = "therapist_service.therapeuten";
const KEY_SQL = "(coalesce(strasse, '') || '|' || coalesce(plz, '') || '|' || coalesce(ort, ''))";
// geocoding.locate may wait for the cluster-wide 1 request/second limit of Nominatim (decisions.md 20).
const LOCATE_TIMEOUT_MS = 60_000;

/**
 * Therapist coordinates (decisions.md 5): the PLZ centroid at once when staff change an address, refined by
 * Nominatim in the background; a job locates records whose address changed elsewhere (imports) and retries
 * those geocoding could not answer. Coordinates from 116117 are kept as they are.
 */
export const TherapistLocation: Partial<ServiceSchema> = {
  methods: {
    /** After an API write: centroid now (the answer shows it), street level later. */
    async locate(this: any, row: Row): Promise<Row> {
      let stored: Row | null;
      try {
        stored = await this.storePosition(row, centroidPosition(await this.centroid(row.plz)));
      } catch (e) {
        // Geocoding unreachable: the write stands, the record is shown without location and the job retries.
        this.logger.warn(`PLZ centroid for therapist ${row.id} not available now: ${(e as Error).message}`);
        return (await this.storePosition(row, centroidPosition(null), Boolean(row.plz))) ?? row;
      }
      const current = stored ?? row;
      const task = this.refine(current)
        .catch((e: Error) => this.logger.warn(`refining therapist ${row.id}'s location failed: ${e.message}`))
        .finally(() => this.locationTasks.delete(task));
      this.locationTasks.add(task);
      return current;
    },

    async centroid(this: any, plz: string | null): Promise<{ latitude: number; longitude: number } | null> {
      if (!plz) return null;
      return this.broker.call("geocoding.plzCentroid", { plz }, { timeout: 5000 });
    },

    /** Stores a position only if the address is still the one it was computed for; null if it moved on. */
    async storePosition(this: any, row: Row, p: Position, pending = false): Promise<Row | null> {
      const [r] = await this.db.query(
        `UPDATE ${T} SET latitude = :latitude, longitude = :longitude, geo_source = :geo_source,
                geo_address = :key, geo_pending = :pending
          WHERE id = :id AND ${KEY_SQL} = :key RETURNING *`,
        { replacements: { ...p, id: row.id, key: addressKey(row), pending }, type: QueryTypes.SELECT },
      );
      return r ?? null;
    },

    /** Street level from Nominatim when the address has a street; marks the record when geocoding is down. */
    async refine(this: any, row: Row): Promise<void> {
      if (!row.strasse || !(row.plz || row.ort) || row.geo_source === SOURCE_GEO) return;
      let found: { latitude: number; longitude: number; source: string } | null;
      try {
        found = await this.broker.call(
          "geocoding.locate",
          { strasse: row.strasse, plz: row.plz ?? undefined, ort: row.ort ?? undefined, kind: "therapist" },
          { timeout: LOCATE_TIMEOUT_MS },
        );
      } catch (e) {
        this.logger.warn(`geocoding.locate not available for therapist ${row.id}: ${(e as Error).message}`);
        await this.storePosition(row, row as Position, true);
        throw e;
      }
      const refined = refinedPosition(row as Position, found);
      await this.storePosition(row, refined ?? (row as Position));
    },

    /** Job: records whose address changed without coordinates (imports) or whose geocoding failed earlier. */
    async locatePending(this: any): Promise<{ checked: number; located: number }> {
      const rows: Row[] = await this.db.query(
        `SELECT * FROM ${T} WHERE geo_pending OR geo_address IS DISTINCT FROM ${KEY_SQL} ORDER BY id LIMIT :n`,
        { replacements: { n: this.config.therapist.locateBatch }, type: QueryTypes.SELECT },
      );
      let located = 0;
      let fromSource = 0;
      for (const row of rows) {
        try {
          let current: Row | null = row;
          // Coordinates without a geocoding source were written by the import: they come from 116117.
          if ((row.geo_source === SOURCE_GEO || row.geo_source === null) && row.latitude !== null) {
            await this.storePosition(row, {
              latitude: row.latitude,
              longitude: row.longitude,
              geo_source: SOURCE_GEO,
            });
            fromSource++;
            continue;
          }
          if (row.geo_address !== addressKey(row)) {
            current = await this.storePosition(row, centroidPosition(await this.centroid(row.plz)));
          }
          if (current) await this.refine(current);
          located++;
        } catch (e) {
          // Geocoding down: the rest of the batch would fail the same way.
          if (isUnreachable(e) || (e as { code?: number }).code === 503) break;
          throw e;
        }
      }
      if (fromSource) await this.teachPlzCentroids();
      return { checked: rows.length, located };
    },

    /**
     * New 116117 coordinates arrived: the geocoding service learns the PLZ centroids of PLZ with enough practices
     * (issue 17.1). Practice addresses are public data. A failure only postpones it to the next import.
     */
    async teachPlzCentroids(this: any): Promise<void> {
      const practices = await this.db.query(
        `SELECT plz, latitude, longitude FROM ${T}
          WHERE geo_source = :source AND latitude IS NOT NULL AND plz IS NOT NULL`,
        { replacements: { source: SOURCE_GEO }, type: QueryTypes.SELECT },
      );
      try {
        await this.broker.call("geocoding.learnFromPractices", { practices });
      } catch (e) {
        this.logger.warn(`PLZ centroids not learned from practices: ${(e as Error).message}`);
      }
    },
  },

  created(this: any) {
    this.locationTasks = new Set<Promise<void>>();
  },

  async stopped(this: any) {
    await Promise.all([...this.locationTasks]);
  },
};
