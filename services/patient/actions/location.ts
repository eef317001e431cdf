import type { ServiceSchema } from "moleculer";
import { canRefine, refinedCoordinates } from "../domain/location";

type Row = Record<string, any>;
// geocoding.locate may wait for the global 1 request/second limit of Nominatim (decisions.md 20).
const LOCATE_TIMEOUT_MS = 60_000;
const RETRY_BATCH = 100;

/**
 * Coordinates beyond the PLZ centroid (decisions.md 5): refined in the background after a write, so a slow or
 * absent geocoder never fails or delays a request; records it could not reach are retried by a job.
 */
export const LocationMethods: Partial<ServiceSchema> = {
  methods: {
    /** Fire and forget after commit; the promise is kept so the service can finish it before stopping. */
    refineLater(this: any, row: Row): void {
      const task = this.refine(row)
        .catch((e: Error) => this.logger.warn(`refining patient ${row.id}'s location failed: ${e.message}`))
        .finally(() => this.backgroundTasks.delete(task));
      this.backgroundTasks.add(task);
    },

    /** Asks for the street-level position; stores it only if the address is still the one asked about. */
    async refine(this: any, row: Row): Promise<void> {
      const address = this.repo.toApi(row, new Set(["strasse"]));
      if (!canRefine(address) || row.geo_pending) return;
      let found: { latitude: number; longitude: number; source: string } | null;
      try {
        found = await this.broker.call(
          "geocoding.locate",
          {
            strasse: address.strasse,
            plz: address.plz ?? undefined,
            ort: address.ort ?? undefined,
            kind: "patient",
          },
          { timeout: LOCATE_TIMEOUT_MS },
        );
      } catch (e) {
        this.logger.warn(`geocoding.locate not available for patient ${row.id}: ${(e as Error).message}`);
        await this.repo.setCoordinatesIf(row.id, row.address_version, {
          latitude: row.latitude,
          longitude: row.longitude,
          geo_source: row.geo_source,
          geo_pending: true,
        });
        return;
      }
      const refined = refinedCoordinates({ latitude: row.latitude }, found);
      if (refined) await this.repo.setCoordinatesIf(row.id, row.address_version, refined);
    },

    /** Job: patients whose address could not be geocoded because the service was down. */
    async retryGeocoding(this: any): Promise<{ retried: number; located: number }> {
      const rows: Row[] = await this.repo.pendingGeocoding(RETRY_BATCH);
      let located = 0;
      for (const row of rows) {
        const coords = await this.centroidFor(row.plz);
        // Still unreachable: the rest of the batch would fail the same way.
        if (coords.geo_pending) break;
        if (!(await this.repo.setCoordinatesIf(row.id, row.address_version, coords))) continue;
        await this.refine({ ...row, ...coords });
        if (coords.latitude !== null) located++;
      }
      return { retried: rows.length, located };
    },
  },

  created(this: any) {
    this.backgroundTasks = new Set<Promise<void>>();
  },

  async stopped(this: any) {
    await Promise.all([...this.backgroundTasks]);
  },
};
