import { z } from "zod";
import { CronExpressionParser } from "cron-parser";
import { bool, int, key, optionalStr } from "../define";

const cron = (def: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? def : v))
    .refine(
      (v) => {
        try {
          CronExpressionParser.parse(v);
          return v.trim().split(/\s+/).length >= 5;
        } catch {
          return false;
        }
      },
      { message: "expected a cron expression like '0 5 * * *'" },
    );

/** Keys of the therapist service. */
export const therapist = {
  pdfDir: key("PDF_DIR", optionalStr(), "Folder for therapist PDF forms (default DATA_DIR/pdfs)"),
  pdfMaxBytes: key("PDF_MAX_BYTES", int(10 * 1024 * 1024, 1024, 100 * 1024 * 1024), "Largest PDF accepted"),
  pdfCheckTimeoutMs: key(
    "PDF_CHECK_TIMEOUT_MS",
    int(15000, 500, 300000),
    "Longest time the structure check of an uploaded PDF may take (in a worker thread); slower files are refused",
  ),
  importFolderPath: key(
    "THERAPIST_IMPORT_FOLDER_PATH",
    optionalStr(),
    "Folder of scraper snapshots <YYYYMMDD>/<PLZ>.json (default DATA_DIR/therapist-import); <folder>_urgent is read first",
  ),
  importEnabled: key("THERAPIST_IMPORT_ENABLED", bool(true), "Import the therapist folder on a schedule"),
  importCron: key(
    "THERAPIST_IMPORT_CRON",
    cron("0 5 * * *"),
    "When the therapist folder is imported (cron, operator time zone; daily by default)",
  ),
  importMaxBytes: key(
    "THERAPIST_IMPORT_MAX_BYTES",
    int(50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    "Largest therapist import file accepted (upload or folder)",
  ),
  importParseTimeoutMs: key(
    "THERAPIST_IMPORT_PARSE_TIMEOUT_MS",
    int(60_000, 100, 10 * 60_000),
    "Longest a saved HTML page may take to parse (in a worker thread, stopped after this); then the file fails",
  ),
  importParseMaxMb: key(
    "THERAPIST_IMPORT_PARSE_MAX_MB",
    int(1024, 64, 8192),
    "Heap of the worker that parses a saved HTML page; a page needing more fails alone",
  ),
  importStaleMinutes: key(
    "THERAPIST_IMPORT_STALE_MINUTES",
    int(60, 1, 1440),
    "A folder run held this long by a node that stopped no longer blocks the next run",
  ),
  locateSeconds: key(
    "THERAPIST_LOCATE_SECONDS",
    int(120, 5, 86400),
    "How often therapists whose address changed without coordinates (imports) or failed to geocode are located",
  ),
  locateBatch: key(
    "THERAPIST_LOCATE_BATCH",
    int(30, 1, 10000),
    "Therapists located per run (Nominatim allows 1 request/second and no bulk geocoding: keep it a trickle)",
  ),
};
