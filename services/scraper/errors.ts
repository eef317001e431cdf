/** Error types of the scraper service that callers may branch on (generic ones: mixins/errors.ts). */
export const ScraperErrorType = {
  /** Live fetching is off (SCRAPER_ENABLED=false), the default. */
  SCRAPER_DISABLED: "SCRAPER_DISABLED",
  /** Enabled, but no endpoint configured (SCRAPER_BASE_URL). */
  SCRAPER_NOT_CONFIGURED: "SCRAPER_NOT_CONFIGURED",
  /** Another scrape job is running (one at a time across the cluster). */
  SCRAPER_JOB_RUNNING: "SCRAPER_JOB_RUNNING",
  /** Cancel/resume of a job in a state that does not allow it. */
  SCRAPER_JOB_STATE: "SCRAPER_JOB_STATE",
} as const;
