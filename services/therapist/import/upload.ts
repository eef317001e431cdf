import type { Readable } from "node:stream";
import busboy from "busboy";
import { AppError, badRequest, ErrorType } from "../../../mixins/errors";
import { TherapistErrorType } from "../errors";

export interface Upload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

const mib = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

/**
 * Reads a multipart/form-data body with exactly one file into memory, refusing it as soon as it grows past
 * `maxBytes` (413). The rest of the body is drained so the client gets the answer instead of a reset.
 */
export function readUpload(stream: Readable, contentType: string, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch (e) {
      return reject(
        badRequest(`Unreadable upload: ${(e as Error).message}`, {}, TherapistErrorType.UNREADABLE_FILE),
      );
    }
    const fields: Record<string, string> = {};
    let file: { filename: string; chunks: Buffer[] } | null = null;
    let failed: Error | null = null;
    const fail = (e: Error) => {
      if (failed) return;
      failed = e;
      stream.unpipe(parser);
      stream.resume();
      reject(e);
    };
    parser.on("file", (_name, fileStream, info) => {
      const current = { filename: info.filename ?? "", chunks: [] as Buffer[] };
      file = current;
      fileStream.on("data", (c: Buffer) => current.chunks.push(c));
      fileStream.on("limit", () =>
        fail(new AppError(413, ErrorType.PAYLOAD_TOO_LARGE, `File too large (max ${mib(maxBytes)})`)),
      );
    });
    parser.on("filesLimit", () =>
      fail(badRequest("Send exactly one file per import", {}, TherapistErrorType.UNSUPPORTED_FILE_TYPE)),
    );
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("error", (e: Error) =>
      fail(badRequest(`Unreadable upload: ${e.message}`, {}, TherapistErrorType.UNREADABLE_FILE)),
    );
    parser.on("close", () => {
      if (failed) return;
      const f = file as { filename: string; chunks: Buffer[] } | null;
      if (!f)
        return reject(
          badRequest(
            "A file is required in the form field 'file' (.json or saved .html page)",
            {},
            TherapistErrorType.IMPORT_FILE_MISSING,
          ),
        );
      resolve({ filename: f.filename, data: Buffer.concat(f.chunks), fields });
    });
    stream.on("error", (e: Error) => fail(badRequest(`Upload interrupted: ${e.message}`)));
    stream.pipe(parser);
  });
}
