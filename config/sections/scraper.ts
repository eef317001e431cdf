import { bool, int, key, num, str, url } from "../define";

/**
 * Keys of the scraper service. Live fetching from 116117 is off unless the operator turns it on and names the
 * endpoint (decisions.md 18): the source is rate-limited, may refuse automated access, and scraping it is a
 * legal decision for the operator. The importer works fully from files without it.
 */
export const scraper = {
  enabled: key(
    "SCRAPER_ENABLED",
    bool(false),
    "Allow live fetching from the 116117 search endpoint (a legal decision for the operator, see docs/scraper.md)",
  ),
  baseUrl: key(
    "SCRAPER_BASE_URL",
    url(null, ["http", "https"]),
    "Full URL of the 116117 search endpoint that takes the JSON search body (POST); no default on purpose",
  ),
  userAgent: key(
    "SCRAPER_USER_AGENT",
    str("Therapieplatz-Vermittlung/0.1 (therapist directory import)"),
    "Identifying User-Agent of scraper requests",
  ),
  delayMs: key("SCRAPER_DELAY_MS", int(3000, 0, 600000), "Polite pause between two requests to the source"),
  timeoutMs: key("SCRAPER_TIMEOUT_MS", int(20000, 100, 300000), "Timeout of one request"),
  retries: key(
    "SCRAPER_RETRIES",
    int(3, 0, 10),
    "Further attempts of a request on network errors, 429 and 5xx",
  ),
  backoffMs: key(
    "SCRAPER_BACKOFF_MS",
    int(2000, 0, 600000),
    "First back-off delay (doubles per retry; Retry-After wins)",
  ),
  maxBackoffMs: key("SCRAPER_MAX_BACKOFF_MS", int(60000, 0, 3600000), "Longest back-off delay"),
  breakerThreshold: key(
    "SCRAPER_BREAKER_THRESHOLD",
    int(3, 1, 100),
    "Failed requests in a row after which a job stops (resume it later)",
  ),
  breakerResetMs: key(
    "SCRAPER_BREAKER_RESET_MS",
    int(300000, 100, 86400000),
    "How long an open circuit refuses requests",
  ),
  radiusKm: key("SCRAPER_RADIUS_KM", num(25, 1, 100), "Search radius of one query point (km)"),
  spacingKm: key(
    "SCRAPER_SPACING_KM",
    num(30, 1, 200),
    "Distance between grid points of a bounding box (km); at most radius × 1.41 for full coverage",
  ),
  maxSplitDepth: key(
    "SCRAPER_MAX_SPLIT_DEPTH",
    int(2, 0, 6),
    "How often a truncated query (moreResults) is split into four smaller ones",
  ),
  minRadiusKm: key("SCRAPER_MIN_RADIUS_KM", num(3, 0.5, 100), "Smallest radius a split query may have (km)"),
  maxCells: key(
    "SCRAPER_MAX_CELLS",
    int(5000, 1, 1000000),
    "Most query points one job may plan (guards against a mistyped region)",
  ),
  fachgebietCodes: key(
    "SCRAPER_FGG_CODES",
    str("12"),
    "116117 Fachgebiet category codes searched (fgg, comma-separated; 12 = psychotherapy, verify)",
  ),
  leaseSeconds: key(
    "SCRAPER_LEASE_SECONDS",
    int(120, 5, 3600),
    "A job held this long by a node that stopped without releasing it is resumed by another",
  ),
  pollMs: key("SCRAPER_POLL_MS", int(5000, 20, 600000), "How often a node looks for scrape jobs to work on"),
  importAfterWrite: key(
    "SCRAPER_IMPORT_AFTER_WRITE",
    bool(true),
    "Import each written snapshot at once (else the daily therapist folder job picks it up)",
  ),
};
