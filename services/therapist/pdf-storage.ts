import * as fs from "node:fs";
import * as path from "node:path";
import { AppError, badRequest } from "../../mixins/errors";
import { isPdf, sanitizePdfName, uniqueName } from "./domain/filenames";

export interface StoredPdf {
  filename: string;
  size: number;
  path: string;
}

/** PDF forms per therapist under <dir>/<therapist_id>/ (attached to the patient's success e-mail). */
export class PdfStorage {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  folder(therapistId: number) {
    return path.join(this.dir, String(therapistId));
  }

  list(therapistId: number): StoredPdf[] {
    const folder = this.folder(therapistId);
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".pdf"))
      .sort()
      .map((f) => ({
        filename: f,
        size: fs.statSync(path.join(folder, f)).size,
        path: path.join(folder, f),
      }));
  }

  /** Checks the (size-bounded) upload is a PDF, then writes it under a safe unique name. */
  save(therapistId: number, originalName: string, data: Buffer): StoredPdf {
    const size = data.length;
    if (size > this.maxBytes) throw new AppError(413, "PAYLOAD_TOO_LARGE", "File too large (max 10 MB)");
    if (!/\.pdf$/i.test(originalName) || !isPdf(data))
      throw badRequest("Only PDF files are allowed", {}, "NOT_A_PDF");
    const folder = this.folder(therapistId);
    fs.mkdirSync(folder, { recursive: true });
    const taken = new Set(fs.readdirSync(folder));
    const filename = uniqueName(sanitizePdfName(originalName), taken);
    const full = path.join(folder, filename);
    fs.writeFileSync(full, data, { flag: "wx" });
    return { filename, size, path: full };
  }

  remove(therapistId: number, filename?: string): number {
    const files = this.list(therapistId).filter((f) => filename === undefined || f.filename === filename);
    for (const f of files) fs.rmSync(f.path);
    return files.length;
  }
}
