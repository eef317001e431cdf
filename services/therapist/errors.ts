/** Error types of the therapist service that callers may branch on (generic ones: mixins/errors.ts). */
export const TherapistErrorType = {
  /** The import request carries no file / no data to import. */
  IMPORT_FILE_MISSING: "IMPORT_FILE_MISSING",
  /** A file that is neither `.json` nor a saved `.html` page. */
  UNSUPPORTED_FILE_TYPE: "UNSUPPORTED_FILE_TYPE",
  /** A file of the right type whose content cannot be read (broken JSON, no result list, wrong structure). */
  UNREADABLE_FILE: "UNREADABLE_FILE",
  /** The folder import is already running (on this or another node). */
  FOLDER_IMPORT_RUNNING: "FOLDER_IMPORT_RUNNING",
} as const;
