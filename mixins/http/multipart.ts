import * as fs from "node:fs";
import type { Readable } from "node:stream";
import busboy from "busboy";
import { AppError, badRequest, ErrorType } from "../errors";

export interface MultipartUpload {
  filename: string;
  data: Buffer;
  fields: Record<string, string>;
}

/** An upload whose file was streamed to disk (readMultipartToFile): the bytes never sat in memory. */
export interface MultipartFileUpload {
  filename: string;
  /** The file written, mode 0600; the caller deletes it. */
  path: string;
  size: number;
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

/** Where the file's bytes go while the body streams in. */
interface FileSink {
  /** Consumes the file stream; resolves once every byte is kept (written or buffered). */
  attach(file: Readable): Promise<void>;
  /** Stops keeping bytes after a refusal. */
  discard(): void;
}

/**
 * Reads a multipart/form-data body with exactly one file into memory. Every limit is enforced while the body
 * streams in (file size 413, field count 413, field size 413, a second file 400), never after buffering it all;
 * on a refusal the rest of the body is drained so the client receives the answer instead of a reset.
 * The only multipart reader of the platform: routes declare `type: "stream"` and call it (moleculer-web's own
 * multipart handler answered twice on an oversized file, which ended the process).
 */
export async function readMultipart(
  stream: Readable,
  contentType: string,
  limits: MultipartLimits,
  errors: Partial<MultipartErrors> = {},
): Promise<MultipartUpload> {
  const chunks: Buffer[] = [];
  let keep = true;
  const sink: FileSink = {
    attach: (file) =>
      new Promise((resolve) => {
        file.on("data", (c: Buffer) => {
          if (keep) chunks.push(c);
        });
        file.on("end", resolve);
        file.on("close", resolve);
      }),
    discard: () => {
      keep = false;
      chunks.length = 0;
    },
  };
  const r = await receive(stream, contentType, limits, errors, sink);
  return { filename: r.filename, data: Buffer.concat(chunks), fields: r.fields };
}

/**
 * The same reader, with the file streamed to `target` (created new, mode 0600) instead of memory: for large
 * uploads (a 50 MiB import) neither the bytes nor their concatenation occupy the event loop, and the disk
 * write follows the socket with backpressure. On a refusal the partial file is removed.
 */
export async function readMultipartToFile(
  stream: Readable,
  contentType: string,
  limits: MultipartLimits,
  target: string,
  errors: Partial<MultipartErrors> = {},
): Promise<MultipartFileUpload> {
  let out: fs.WriteStream | null = null;
  let size = 0;
  const sink: FileSink = {
    attach: (file) =>
      new Promise((resolve, reject) => {
        out = fs.createWriteStream(target, { flags: "wx", mode: 0o600 });
        file.on("data", (c: Buffer) => (size += c.length));
        out.on("finish", resolve);
        out.on("error", reject);
        file.pipe(out);
      }),
    discard: () => out?.destroy(),
  };
  try {
    const r = await receive(stream, contentType, limits, errors, sink);
    return { filename: r.filename, path: target, size, fields: r.fields };
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
}

function receive(
  stream: Readable,
  contentType: string,
  limits: MultipartLimits,
  errors: Partial<MultipartErrors>,
  sink: FileSink,
): Promise<{ filename: string; fields: Record<string, string> }> {
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
    let file: { filename: string; kept: Promise<void> } | null = null;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      sink.discard();
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
      // A truncated body fails the file stream too: unhandled, that error ended the process.
      fileStream.on("error", (err: Error) => fail(e.unreadable(err.message)));
      fileStream.on("limit", () =>
        fail(
          new AppError(413, ErrorType.PAYLOAD_TOO_LARGE, `File too large (max ${size(limits.maxFileBytes)})`),
        ),
      );
      const kept = sink.attach(fileStream);
      kept.catch((err: Error) => fail(e.unreadable(err.message)));
      file = { filename: info.filename ?? "", kept };
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
      const f = file as { filename: string; kept: Promise<void> } | null;
      if (!f) return fail(e.missingFile());
      f.kept.then(
        () => {
          if (!failed) resolve({ filename: f.filename, fields });
        },
        () => undefined,
      );
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
