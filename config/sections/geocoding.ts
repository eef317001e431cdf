import { bool, int, key, optionalStr, str, url } from "../define";

/** Keys of the geocoding service (decisions.md 20; external-apis.md 2). */
export const geocoding = {
  online: key(
    "GEOCODING_ONLINE",
    bool(true),
    "Ask the configured Nominatim/OSRM at all; false = offline geocoder and great-circle distances only",
  ),
  nominatimUrl: key(
    "NOMINATIM_URL",
    url(null, ["http", "https"]),
    "Nominatim base URL; unset = not asked (decisions.md 31: offline unless configured; the public instance allows at most 1 request/second)",
  ),
  osrmUrl: key(
    "OSRM_URL",
    url(null, ["http", "https"]),
    "OSRM base URL; unset = great-circle distances (the public demo serves car only; self-host for production)",
  ),
  patientAddressesOnline: key(
    "GEOCODING_PATIENT_ADDRESSES_ONLINE",
    bool(false),
    "Send patient addresses (and free-text lookups, which may be one) to NOMINATIM_URL; only for an instance you run yourself",
  ),
  osrmCarProfile: key("OSRM_CAR_PROFILE", str("driving"), "OSRM profile for travel_mode car"),
  osrmTransitProfile: key(
    "OSRM_TRANSIT_PROFILE",
    str("foot"),
    "OSRM profile approximating ÖPNV (OSRM has no public transport; distances in km are close to the walking route)",
  ),
  userAgent: key(
    "GEOCODING_USER_AGENT",
    str("Therapieplatz-Vermittlung/0.1 (geocoding of practice and patient addresses)"),
    "Identifying User-Agent for Nominatim/OSRM (library defaults are refused); the company e-mail is appended",
  ),
  contactEmail: key(
    "GEOCODING_CONTACT_EMAIL",
    optionalStr(),
    "E-mail sent to Nominatim as `email=` (default COMPANY_EMAIL)",
  ),
  minIntervalMs: key(
    "GEOCODING_MIN_INTERVAL_MS",
    int(1000, 0, 60_000),
    "Least time between two external requests across all nodes (coordinated through the database)",
  ),
  maxQueueWaitMs: key(
    "GEOCODING_MAX_QUEUE_WAIT_MS",
    int(20_000, 0, 600_000),
    "A request that would wait longer than this for its turn is answered from the fallback instead",
  ),
  answerWithinMs: key(
    "GEOCODING_ANSWER_WITHIN_MS",
    int(700, 50, 60_000),
    "A lookup or distance waits at most this long for Nominatim/OSRM, then answers from the offline fallback (the request goes on in the background and fills the cache)",
  ),
  timeoutMs: key(
    "GEOCODING_TIMEOUT_MS",
    int(5_000, 100, 120_000),
    "Timeout of one external request (background; staff requests answer after GEOCODING_ANSWER_WITHIN_MS)",
  ),
  retries: key("GEOCODING_RETRIES", int(2, 0, 10), "Further attempts on network errors, 429 and 5xx"),
  backoffMs: key("GEOCODING_BACKOFF_MS", int(1000, 0, 60_000), "First back-off delay (doubles per retry)"),
  breakerThreshold: key(
    "GEOCODING_BREAKER_THRESHOLD",
    int(3, 1, 100),
    "Failed requests in a row after which the external service is not asked for a while",
  ),
  breakerResetMs: key(
    "GEOCODING_BREAKER_RESET_MS",
    int(60_000, 100, 3_600_000),
    "How long an open circuit refuses before one trial request",
  ),
  lruSize: key(
    "GEOCODING_LRU_SIZE",
    int(1000, 0, 1_000_000),
    "Entries of the in-memory cache in front of the database cache",
  ),
  lruTtlSeconds: key(
    "GEOCODING_LRU_TTL_SECONDS",
    int(30 * 24 * 3600, 1, 365 * 24 * 3600),
    "Lifetime of an in-memory cache entry (the database cache keeps results forever)",
  ),
  negativeTtlDays: key(
    "GEOCODING_NOT_FOUND_TTL_DAYS",
    int(30, 0, 3650),
    "Days an address Nominatim did not find is not asked again",
  ),
  centroidsFile: key(
    "PLZ_CENTROIDS_FILE",
    optionalStr(),
    "CSV 'plz,lat,lng' loaded into an empty centroid table on start (none ships with the platform, see docs/geocoding.md)",
  ),
  builtinCentroids: key(
    "PLZ_CENTROIDS_BUILTIN",
    bool(true),
    "With an empty centroid table and no PLZ_CENTROIDS_FILE: build approximate centroids from the shipped packages (GeoNames towns, ~2 km median error)",
  ),
  defaultMaxKm: key(
    "GEOCODING_DEFAULT_MAX_KM",
    int(25, 1, 1000),
    "find-therapists radius when none is given",
  ),
};
