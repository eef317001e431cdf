import type { ServiceSchema } from "moleculer";
import { SqlMixin } from "../../mixins/db.mixin";
import { CentroidActions } from "./actions/centroids";
import { CentroidIndex } from "./domain/centroid-index";
import { DistanceActions } from "./actions/distance";
import { ForgetActions } from "./actions/forget";
import { LookupActions } from "./actions/lookup";
import { plzPlaces } from "./builtin-centroids";
import { geocodingMode } from "./domain/mode";
import { PlaceIndex } from "./domain/place-index";
import { Geocoder } from "./geocoder";
import { CacheRepository } from "./persistence/cache-repository";
import { NominatimClient, OsrmClient } from "./remote/clients";

/**
 * Geocoding (domain.md 2.11, 3.18, 4.6; decisions.md 20): Nominatim and OSRM behind a cluster-wide rate limit,
 * caches in the database (forever, hit counts) and in memory, and an offline fallback (PLZ centroids,
 * great-circle distance) that answers whenever the external services cannot.
 */
const GeocodingService: ServiceSchema = {
  name: "geocoding",
  mixins: [SqlMixin("geocoding_service"), CentroidActions, LookupActions, DistanceActions, ForgetActions],
  settings: { rest: "/" },

  async started(this: any) {
    const cfg = this.config;
    this.centroids = new CentroidIndex(new Map());
    await this.reloadCentroids();
    if (this.centroids.size === 0 && cfg.geocoding.centroidsFile) {
      await this.loadCentroidsFile(cfg.geocoding.centroidsFile);
      await this.reloadCentroids();
    } else if (this.centroids.size === 0 && cfg.geocoding.builtinCentroids) {
      await this.loadBuiltinCentroids();
      await this.reloadCentroids();
    }
    // The offline place list (issue 17.2): names per PLZ now, the name index right after the start, so no
    // request pays for building it.
    this.placeIndex = new PlaceIndex(plzPlaces());
    setImmediate(() => this.placeIndex.warm());
    this.cache = new CacheRepository(this.db);
    // decisions.md 31: an external service is asked only when its URL is configured.
    const mode = geocodingMode(cfg.geocoding);
    this.geocoder = new Geocoder(
      this.cache,
      mode.nominatim_url ? new NominatimClient(cfg, this.db) : null,
      mode.osrm_url ? new OsrmClient(cfg, this.db) : null,
      () => this.centroids,
      cfg.geocoding,
      (e: Error) => this.logger.warn(`geocoding: ${e.message}`),
      () => this.placeIndex,
    );
  },
};

export default GeocodingService;
