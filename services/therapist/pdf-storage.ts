import * as fs from "node:fs";
import * as path from "node:path";
import { AppError, badRequest } from "../../mixins/errors";
import { sanitizePdfName, uniqueName } from "./domain/filenames";
import { checkPdfStructure } from "./pdf-check";

export interface StoredPdf {
  filename: string;
  size: number;
  /** Absolute path on the server: for this service and the mail queue only, never in an API answer. */
  path: string;
}

/** PDF forms per therapist under <dir>/<therapist_id>/ (attached to the patient's success e-mail). */
export class PdfStorage {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly checkTimeoutMs: number,
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

  /**
   * Checks the (size-bounded) upload is a PDF by parsing its structure (pdf-check.ts), then writes it under a
   * safe unique name. A file that only starts with `%PDF-` is refused like any other non-PDF.
   */
  async save(therapistId: number, originalName: string, data: Buffer): Promise<StoredPdf> {
    const size = data.length;
    if (size > this.maxBytes) throw new AppError(413, "PAYLOAD_TOO_LARGE", "File too large (max 10 MB)");
    if (!/\.pdf$/i.test(originalName)) throw badRequest("Only PDF files are allowed", {}, "NOT_A_PDF");
    const check = await checkPdfStructure(data, this.checkTimeoutMs);
    if (check.timedOut)
      throw badRequest("Only PDF files are allowed", { reason: "the PDF check took too long" }, "NOT_A_PDF");
    if (!check.ok) throw badRequest("Only PDF files are allowed", {}, "NOT_A_PDF");
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
