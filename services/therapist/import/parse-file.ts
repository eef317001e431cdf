import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { HtmlBlock } from "./html";
import type { ParseMessage } from "./parse-worker";

export type ParsedFile = { ok: true; blocks: HtmlBlock[] | null } | { ok: false; error: string };

export interface ParseLimits {
  /** THERAPIST_IMPORT_PARSE_TIMEOUT_MS: the worker is terminated after this long. */
  timeoutMs: number;
  /** Heap of the worker: a page that needs more fails alone instead of taking the process's memory. */
  maxHeapMb: number;
}

// The worker runs TypeScript like the rest of the platform; it loads tsx itself, so it starts the same from
// `node --import tsx`, from jest and from the REPL, whatever flags the process was started with.
const BOOT = `const { workerData } = require("node:worker_threads");
require(workerData.tsx).register();
require(workerData.entry);`;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Parses a saved 116117 result page from a file in a worker thread with a time limit. The main thread only
 * receives the practices found, in small messages, so it keeps answering requests while a 50 MiB page is
 * read; a page that takes too long or needs too much memory is a failed file with a reason, never a crash.
 */
export function parseSavedPageFile(file: string, limits: ParseLimits): Promise<ParsedFile> {
  return new Promise((resolve) => {
    const blocks: HtmlBlock[] = [];
    let settled = false;
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      workerData: {
        file,
        tsx: require.resolve("tsx/cjs/api"),
        entry: path.join(__dirname, "parse-worker.ts"),
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    const finish = (r: ParsedFile) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: `Unreadable file: reading the page took longer than ${seconds(limits.timeoutMs)} (THERAPIST_IMPORT_PARSE_TIMEOUT_MS); nothing was imported`,
        }),
      limits.timeoutMs,
    );
    worker.on("message", (m: ParseMessage) => {
      if (m.type === "blocks") blocks.push(...m.blocks);
      else if (m.type === "done") finish({ ok: true, blocks: m.found ? blocks : null });
      else finish({ ok: false, error: m.error });
    });
    worker.on("error", (e: Error & { code?: string }) =>
      finish({
        ok: false,
        error:
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Unreadable file: reading the page needed more than ${limits.maxHeapMb} MB of memory; nothing was imported`
            : `Unreadable file: ${e.message}`,
      }),
    );
    worker.on("exit", (code) =>
      finish({ ok: false, error: `Unreadable file: the parser stopped (${code})` }),
    );
  });
}
