import { Worker } from "node:worker_threads";

export interface PdfCheck {
  ok: boolean;
  /** Why the file is not a PDF (parser message), or that the check ran out of time. */
  reason?: string;
  timedOut?: boolean;
}

/**
 * pdf-lib parses in plain JavaScript and can take seconds on a crafted file (200,000 empty objects: 18 s), so it
 * runs in a worker thread with a time limit: the event loop that serves every other request never waits on it.
 * The worker is given as source text so it runs the same under tsx, the build and jest.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PDFDocument } = require(workerData.lib);
(async () => {
  try {
    // Encrypted forms (edit restrictions) are fine to attach; updateMetadata: false keeps the load read-only.
    const doc = await PDFDocument.load(workerData.data, { ignoreEncryption: true, updateMetadata: false });
    const pages = doc.getPageCount();
    parentPort.postMessage(pages > 0 ? { ok: true } : { ok: false, reason: "no pages" });
  } catch (e) {
    parentPort.postMessage({ ok: false, reason: String((e && e.message) || e).slice(0, 200) });
  }
})();
`;

/**
 * Cheap structural signs every PDF has (ISO 32000-1 7.5): the header at the start and the end-of-file marker
 * within the last 1024 bytes. Refuses the trivial fakes (a file that only starts with `%PDF-`) without a worker.
 */
export function hasPdfFrame(data: Buffer): boolean {
  if (data.subarray(0, 5).toString("latin1") !== "%PDF-") return false;
  return data.subarray(Math.max(0, data.length - 1024)).includes("%%EOF", 0, "latin1");
}

/**
 * Parses the file as a PDF (cross-reference data, trailer, catalog, page tree) with pdf-lib; it must have at
 * least one page. `timeoutMs` bounds the parse; a file that takes longer is reported, not accepted.
 */
export function checkPdfStructure(data: Buffer, timeoutMs: number): Promise<PdfCheck> {
  if (!hasPdfFrame(data)) return Promise.resolve({ ok: false, reason: "no PDF header or end marker" });
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { lib: require.resolve("pdf-lib"), data },
      // A crafted file must not take the process's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    let done = false;
    const finish = (r: PdfCheck) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ ok: false, timedOut: true, reason: "check timed out" }),
      timeoutMs,
    );
    worker.once("message", (m: PdfCheck) => finish(m));
    worker.once("error", (e) => finish({ ok: false, reason: String(e.message).slice(0, 200) }));
    worker.once("exit", () => finish({ ok: false, reason: "checker stopped" }));
  });
}
