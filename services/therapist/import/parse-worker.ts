import * as fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { SavedPageReader, type HtmlBlock } from "./html";

/** Messages of the parse worker to parse-file.ts. */
export type ParseMessage =
  | { type: "blocks"; blocks: HtmlBlock[] }
  | { type: "done"; found: boolean }
  | { type: "failed"; error: string };

/** Blocks per message: each message is copied into the main thread in one piece, so none may be large. */
const BATCH = 200;

const post = (m: ParseMessage) => parentPort!.postMessage(m);

/**
 * Runs in a worker thread (started by parse-file.ts): reads the saved page from disk in pieces, checks it is
 * UTF-8 and parses it, so neither the file's bytes nor the parsing ever occupy the main thread.
 */
async function parseFile(file: string): Promise<ParseMessage> {
  // Not fatal: a replacement character in the output is the sign of invalid UTF-8 (as the in-memory check did).
  const decoder = new TextDecoder("utf-8");
  const reader = new SavedPageReader();
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const text = decoder.decode(chunk, { stream: true });
    if (text.includes("\uFFFD")) return { type: "failed", error: "Unreadable file: not UTF-8 text" };
    reader.write(text);
  }
  const rest = decoder.decode();
  if (rest.includes("\uFFFD")) return { type: "failed", error: "Unreadable file: not UTF-8 text" };
  if (bytes === 0) return { type: "failed", error: "Unreadable file: the file is empty" };
  reader.write(rest);
  const blocks = reader.end();
  if (!blocks) return { type: "done", found: false };
  for (let i = 0; i < blocks.length; i += BATCH) post({ type: "blocks", blocks: blocks.slice(i, i + BATCH) });
  return { type: "done", found: true };
}

parseFile((workerData as { file: string }).file).then(post, (e: Error) =>
  post({ type: "failed", error: `Unreadable file: ${e.message}` }),
);
