/** Error types of the geocoding service (callers branch on these). */
export const GeoErrorType = {
  GEOCODING_ERROR: "GEOCODING_ERROR",
  PLZ_NOT_FOUND: "PLZ_NOT_FOUND",
  /** Our own cluster-wide queue for the external service is full (decisions.md 20). */
  BUSY: "GEOCODING_BUSY",
  /** The external service answered, but not with something usable (e.g. HTTP 400). */
  UPSTREAM_REFUSED: "GEOCODING_UPSTREAM_REFUSED",
  UNAVAILABLE: "GEOCODING_UNAVAILABLE",
  /** The external service did not answer in time for this request; it goes on in the background. */
  SLOW: "GEOCODING_SLOW",
} as const;
