import * as fs from "node:fs";
import * as path from "node:path";
import { parseSavedPage, type HtmlBlock } from "./html";
import { from116117, fromSnapshot, type MapResult } from "./mapping";
import { parseSavedPageFile, type ParseLimits } from "./parse-file";

type Row = Record<string, any>;

/** One importable unit: the records of one file or request and how to map them. */
export interface ImportInput {
  source: "snapshot" | "116117" | "html";
  records: unknown[];
  map: (r: any) => MapResult;
  /** The PLZ a snapshot is complete for (then therapists of that PLZ it no longer lists are flagged). */
  plz: string | null;
  /** The source said its list is incomplete (116117 `moreResults`, a scraper snapshot with truncated cells). */
  truncated: boolean;
}

export type InputResult =
  | { ok: true; input: ImportInput }
  | { ok: false; error: string; kind: "unreadable" | "unsupported" | "missing" };

const PLZ = /^\d{5}$/;
const fail = (error: string, kind: "unreadable" | "unsupported" | "missing" = "unreadable"): InputResult => ({
  ok: false,
  error,
  kind,
});
const isObject = (v: unknown): v is Row => !!v && typeof v === "object" && !Array.isArray(v);

function snapshot(data: Row, plzHint: string | null): InputResult {
  if (!Array.isArray(data.therapists)) return fail("Invalid file structure: missing therapists array");
  const area = data.metadata?.postcode_area;
  return {
    ok: true,
    input: {
      source: "snapshot",
      records: data.therapists,
      map: fromSnapshot,
      plz: plzHint ?? (typeof area === "string" && PLZ.test(area) ? area : null),
      truncated: data.metadata?.complete === false,
    },
  };
}

function arztsuche(data: Row): InputResult {
  if (!Array.isArray(data.arztPraxisDatas)) return fail("Invalid 116117 result: missing arztPraxisDatas");
  return {
    ok: true,
    input: {
      source: "116117",
      records: data.arztPraxisDatas,
      map: from116117,
      plz: null,
      truncated: data.moreResults === true,
    },
  };
}

/**
 * A parsed JSON document of any accepted shape, told apart by its keys: a scraper snapshot (`therapists`), a
 * 116117 response (`arztPraxisDatas`), or the API wrappers `{plz, snapshot}` / `{arztsuche}`.
 */
export function fromJson(data: unknown, plzHint: string | null = null): InputResult {
  if (plzHint !== null && !PLZ.test(plzHint)) return fail(`Invalid PLZ '${plzHint}'. Must be 5 digits`);
  if (!isObject(data)) return fail("Invalid file structure: expected a JSON object");
  if (data.snapshot !== undefined) {
    if (data.plz !== undefined && !(typeof data.plz === "string" && PLZ.test(data.plz)))
      return fail(`Invalid PLZ '${data.plz}'. Must be 5 digits`);
    if (!isObject(data.snapshot)) return fail("Invalid file structure: missing therapists array");
    return snapshot(data.snapshot, (data.plz as string | undefined) ?? plzHint);
  }
  if (data.arztsuche !== undefined)
    return isObject(data.arztsuche) ? arztsuche(data.arztsuche) : arztsuche({});
  if (data.therapists !== undefined) return snapshot(data, plzHint);
  if (data.arztPraxisDatas !== undefined) return arztsuche(data);
  return fail(
    "Send {plz, snapshot} (one scraper snapshot file) or {arztsuche} (one 116117 search result)",
    "missing",
  );
}

/** Records of a saved result page; blocks that could not be read stay in the list as failures. */
export const fromHtml = (html: string): InputResult => fromBlocks(parseSavedPage(html));

function fromBlocks(blocks: HtmlBlock[] | null): InputResult {
  if (!blocks)
    return fail("Unreadable HTML page: no 116117 result list (div.search-results-container) found");
  return {
    ok: true,
    input: {
      source: "html",
      records: blocks,
      map: (b) => (b.ok ? from116117(b.record) : { ok: false, skip: false, error: b.error }),
      plz: null,
      truncated: false,
    },
  };
}

/** `52062.json` → "52062": the folder layout names snapshot files by their PLZ. */
export const plzOfFileName = (name: string) => {
  const base = path.basename(name).replace(/\.json$/i, "");
  return PLZ.test(base) ? base : null;
};

const extensionOf = (name: string) => {
  const ext = path.extname(name).toLowerCase();
  return ext === ".json" || ext === ".html" || ext === ".htm" ? ext : null;
};
const unsupported = (name: string) =>
  fail(
    `Unsupported file type '${path.extname(name).toLowerCase() || name}': send a .json file (scraper snapshot or 116117 result) or a saved .html result page`,
    "unsupported",
  );

/**
 * One uploaded or stored file, by its extension: `.json` (snapshot or 116117 response, detected by shape) or a
 * saved `.html`/`.htm` page. A JSON file named `<PLZ>.json` is a snapshot of that PLZ unless a PLZ is given.
 */
export function fromFile(name: string, data: Buffer, plzHint: string | null = null): InputResult {
  const ext = extensionOf(name);
  if (!ext) return unsupported(name);
  if (data.length === 0) return fail("Unreadable file: the file is empty");
  const text = data.toString("utf8").replace(/^\uFEFF/, "");
  if (text.includes("\uFFFD")) return fail("Unreadable file: not UTF-8 text");
  if (ext !== ".json") return fromHtml(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`Unreadable file: invalid JSON (${(e as Error).message})`);
  }
  return fromJson(parsed, plzHint ?? plzOfFileName(name));
}

/**
 * The same for a file on disk (an upload streamed to disk, a folder file) named `name`: a saved page is read and
 * parsed by a worker thread within `limits`, so a large or hostile page never blocks the event loop; a JSON
 * file is read without blocking and parsed as by fromFile.
 */
export async function readImportFile(
  file: string,
  name: string,
  plzHint: string | null,
  limits: ParseLimits,
): Promise<InputResult> {
  const ext = extensionOf(name);
  if (!ext) return unsupported(name);
  if (ext === ".json") return fromFile(name, await fs.promises.readFile(file), plzHint);
  if ((await fs.promises.stat(file)).size === 0) return fail("Unreadable file: the file is empty");
  const parsed = await parseSavedPageFile(file, limits);
  return parsed.ok ? fromBlocks(parsed.blocks) : fail(parsed.error);
}
