import type { Readable } from "node:stream";
import { badRequest } from "../../../mixins/errors";
import { readMultipart, type MultipartLimits, type MultipartUpload } from "../../../mixins/http/multipart";
import { TherapistErrorType } from "../errors";

export type Upload = MultipartUpload;

/** The import file of a multipart upload, refused with the import's own error types. */
export function readUpload(stream: Readable, contentType: string, limits: MultipartLimits): Promise<Upload> {
  return readMultipart(stream, contentType, limits, {
    missingFile: () =>
      badRequest(
        "A file is required in the form field 'file' (.json or saved .html page)",
        {},
        TherapistErrorType.IMPORT_FILE_MISSING,
      ),
    tooManyFiles: () =>
      badRequest("Send exactly one file per import", {}, TherapistErrorType.UNSUPPORTED_FILE_TYPE),
    unreadable: (why) => badRequest(`Unreadable upload: ${why}`, {}, TherapistErrorType.UNREADABLE_FILE),
  });
}
