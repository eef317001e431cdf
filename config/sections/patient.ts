import { bool, int, key, optionalStr } from "../define";

/** Keys of the patient service. */
export const patient = {
  importDir: key(
    "PATIENT_IMPORT_DIR",
    optionalStr(),
    "Folder watched for registration JSON files (default DATA_DIR/imports/patients; shared by all nodes)",
  ),
  importEnabled: key("PATIENT_IMPORT_ENABLED", bool(true), "Import registration files on a schedule"),
  importIntervalSeconds: key(
    "PATIENT_IMPORT_CHECK_INTERVAL_SECONDS",
    int(300, 5, 86400),
    "How often the registration folder is checked",
  ),
  importKeepProcessedDays: key(
    "PATIENT_IMPORT_KEEP_PROCESSED_DAYS",
    int(30, 0, 3650),
    "Days imported registration files stay in processed/ (they hold health data in clear; 0 = keep)",
  ),
  importKeepFailedDays: key(
    "PATIENT_IMPORT_KEEP_FAILED_DAYS",
    int(30, 0, 3650),
    "Days registration files that failed to import stay in failed/ (health data in clear; 0 = keep)",
  ),
  importKeepLogDays: key(
    "PATIENT_IMPORT_KEEP_LOG_DAYS",
    int(90, 0, 3650),
    "Days the import log keeps file names and error texts of each run (then cleared, counts stay; 0 = keep)",
  ),
  importStaleMinutes: key(
    "PATIENT_IMPORT_STALE_MINUTES",
    int(15, 1, 1440),
    "A file claimed longer than this by a node that stopped is put back into the folder",
  ),
  geocodeRetrySeconds: key(
    "PATIENT_GEOCODE_RETRY_SECONDS",
    int(600, 5, 86400),
    "How often patients whose address could not be geocoded (service down) are tried again",
  ),
};
