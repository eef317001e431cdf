import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { badRequest } from "../../../mixins/errors";
import {
  readMultipartToFile,
  type MultipartErrors,
  type MultipartFileUpload,
  type MultipartLimits,
} from "../../../mixins/http/multipart";
import { TherapistErrorType } from "../errors";

const IMPORT_ERRORS: MultipartErrors = {
  missingFile: () =>
    badRequest(
      "A file is required in the form field 'file' (.json or saved .html page)",
      {},
      TherapistErrorType.IMPORT_FILE_MISSING,
    ),
  tooManyFiles: () =>
    badRequest("Send exactly one file per import", {}, TherapistErrorType.UNSUPPORTED_FILE_TYPE),
  unreadable: (why) => badRequest(`Unreadable upload: ${why}`, {}, TherapistErrorType.UNREADABLE_FILE),
};

/** The import file of a multipart upload, streamed to `target`, refused with the import's own error types. */
export function readUploadToFile(
  stream: Readable,
  contentType: string,
  limits: MultipartLimits,
  target: string,
): Promise<MultipartFileUpload> {
  return readMultipartToFile(stream, contentType, limits, target, IMPORT_ERRORS);
}

/** Uploads older than this are left over from a stopped process (an import never runs this long). */
const LEFTOVER_MS = 60 * 60_000;
const cleaned = new Set<string>();

/**
 * A new file name for one upload in `<dataDir>/uploads` (folder 0700; the file is written 0600 and deleted
 * after the import). The first call of a process removes uploads a stopped process left behind.
 */
export async function uploadTarget(dataDir: string): Promise<string> {
  const dir = path.resolve(dataDir, "uploads");
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  if (!cleaned.has(dir)) {
    cleaned.add(dir);
    for (const name of await fs.promises.readdir(dir)) {
      const f = path.join(dir, name);
      const st = await fs.promises.stat(f).catch(() => null);
      if (st?.isFile() && /^import-.*\.upload$/.test(name) && Date.now() - st.mtimeMs > LEFTOVER_MS)
        await fs.promises.rm(f, { force: true });
    }
  }
  return path.join(dir, `import-${crypto.randomUUID()}.upload`);
}
