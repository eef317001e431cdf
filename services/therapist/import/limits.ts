/** Longest an import request may take (upload, parse, write): a nationwide file or a slow upload, not 10 s. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;
