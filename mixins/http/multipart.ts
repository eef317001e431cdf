import type { Readable } from "node:stream";
import busboy from "busboy";
import { AppError, badRequest, ErrorType } from "../errors";

export interface MultipartUpload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

export interface MultipartLimits {
  maxFileBytes: number;
  /** Form fields besides the file (MULTIPART_MAX_FIELDS). */
  maxFields: number;
  /** Bytes of one form field (MULTIPART_MAX_FIELD_BYTES). */
  maxFieldBytes: number;
}

/** Errors a route may word in its own terms (e.g. the therapist import's typed 400s). */
export interface MultipartErrors {
  missingFile: () => Error;
  tooManyFiles: () => Error;
  unreadable: (why: string) => Error;
}

export const MultipartErrorType = {
  TOO_MANY_FORM_FIELDS: "TOO_MANY_FORM_FIELDS",
  FORM_FIELD_TOO_LARGE: "FORM_FIELD_TOO_LARGE",
} as const;

const size = (bytes: number) =>
  bytes >= 2 ** 20 ? `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;

const DEFAULT_ERRORS: MultipartErrors = {
  missingFile: () => badRequest("A file is required in the form field 'file'"),
  tooManyFiles: () => badRequest("Send exactly one file"),
  unreadable: (why) => badRequest(`Unreadable upload: ${why}`),
};

/**
 * Reads a multipart/form-data body with exactly one file into memory. Every limit is enforced while the body
 * streams in (file size 413, field count 413, field size 413, a second file 400), never after buffering it all;
 * on a refusal the rest of the body is drained so the client receives the answer instead of a reset.
 * The only multipart reader of the platform: routes declare `type: "stream"` and call it (moleculer-web's own
 * multipart handler answered twice on an oversized file, which ended the process).
 */
export function readMultipart(
  stream: Readable,
  contentType: string,
  limits: MultipartLimits,
  errors: Partial<MultipartErrors> = {},
): Promise<MultipartUpload> {
  const e = { ...DEFAULT_ERRORS, ...errors };
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data/i.test(contentType)) {
      stream.resume();
      return reject(
        new AppError(
          415,
          ErrorType.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content type: send multipart/form-data with a 'file' field",
        ),
      );
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // Browsers send file names as UTF-8 (busboy's default is latin1: "Ärzte" arrived as "Ã_rzte").
        defParamCharset: "utf8",
        limits: {
          files: 1,
          fileSize: limits.maxFileBytes,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          // busboy counts the file as a part too; one more part than allowed is refused by the count check.
          parts: limits.maxFields + 2,
        },
      });
    } catch (err) {
      stream.resume();
      return reject(e.unreadable((err as Error).message));
    }
    const fields: Record<string, string> = {};
    let file: { filename: string; chunks: Buffer[] } | null = null;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stream.unpipe(parser);
      stream.resume();
      reject(err);
    };
    const tooManyFields = () =>
      fail(
        new AppError(
          413,
          MultipartErrorType.TOO_MANY_FORM_FIELDS,
          `Too many form fields (max ${limits.maxFields})`,
        ),
      );
    parser.on("file", (_name, fileStream, info) => {
      const current = { filename: info.filename ?? "", chunks: [] as Buffer[] };
      file = current;
      fileStream.on("data", (c: Buffer) => {
        if (!failed) current.chunks.push(c);
      });
      // A truncated body fails the file stream too: unhandled, that error ended the process.
      fileStream.on("error", (err: Error) => fail(e.unreadable(err.message)));
      fileStream.on("limit", () =>
        fail(
          new AppError(413, ErrorType.PAYLOAD_TOO_LARGE, `File too large (max ${size(limits.maxFileBytes)})`),
        ),
      );
    });
    parser.on("field", (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated)
        return fail(
          new AppError(
            413,
            MultipartErrorType.FORM_FIELD_TOO_LARGE,
            `Form field too large (max ${size(limits.maxFieldBytes)})`,
          ),
        );
      // A plain assignment would let a field named __proto__ reach the prototype.
      Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true });
    });
    parser.on("fieldsLimit", tooManyFields);
    parser.on("partsLimit", tooManyFields);
    parser.on("filesLimit", () => fail(e.tooManyFiles()));
    parser.on("error", (err: Error) => fail(e.unreadable(err.message)));
    parser.on("close", () => {
      if (failed) return;
      const f = file as { filename: string; chunks: Buffer[] } | null;
      if (!f) return fail(e.missingFile());
      resolve({ filename: f.filename, data: Buffer.concat(f.chunks), fields });
    });
    stream.on("error", (err: Error) => fail(badRequest(`Upload interrupted: ${err.message}`)));
    stream.pipe(parser);
  });
}

/** The configured field caps with a route's own file size limit. */
export const multipartLimits = (
  http: { multipartMaxFields: number; multipartMaxFieldBytes: number },
  maxFileBytes: number,
): MultipartLimits => ({
  maxFileBytes,
  maxFields: http.multipartMaxFields,
  maxFieldBytes: http.multipartMaxFieldBytes,
});
