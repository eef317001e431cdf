import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { formatRange, parseRange, weekdayKey, weekdayOfDate } from "../../shared/schedule";
import { splitName } from "./names";

type Row = Record<string, any>;

/** One practice of a saved page: a record in the shape of a 116117 `arztPraxisDatas` entry, or why not. */
export type HtmlBlock = { ok: true; record: Row } | { ok: false; label: string; error: string };

type Token = { kind: "line"; text: string } | { kind: "table"; el: Element };

const BLOCK_TAGS = new Set(
  "address article aside blockquote dd div dl dt fieldset figure footer form h1 h2 h3 h4 h5 h6 header li main nav ol p section ul tr".split(
    " ",
  ),
);
const SKIP_TAGS = new Set(["script", "style", "noscript", "template", "svg", "button", "select"]);
const NAME_LINE = /^(Frau|Herr|Dr\.|Prof\.|Dipl\.)(\s|$)/;
const PLZ_LINE = /^(\d{5})\s+(\S.*)$/;
const DISTANCE_LINE = /^([\d.,]+)\s*km\s+entfernt/i;
const EMAIL = /[^\s@:]+@[^\s@]+\.[A-Za-z]{2,}/;
const TIME_RANGE = /(\d{1,2}[:.]\d{2})\s*(?:-|–|bis)\s*(\d{1,2}[:.]\d{2})/g;
const METHOD = /(verhaltenstherapie|tiefenpsychologisch|analytische|systemische|psychoanalyse)/i;
const FIELD = /psychotherapie$/i;

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** The page as lines of text and whole tables, in document order (tables are read as tables). */
function tokens(root: AnyNode[]): Token[] {
  const out: Token[] = [];
  let line = "";
  const flush = () => {
    const t = norm(line);
    if (t) out.push({ kind: "line", text: t });
    line = "";
  };
  const walk = (node: AnyNode) => {
    if (node.type === "text") {
      line += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type !== "tag" && node.type !== "root" && node.type !== "script" && node.type !== "style")
      return;
    const el = node as Element;
    const tag = el.type === "tag" ? el.name.toLowerCase() : "";
    if (SKIP_TAGS.has(tag) || node.type === "script" || node.type === "style") return;
    if (tag === "table") {
      flush();
      out.push({ kind: "table", el });
      return;
    }
    if (tag === "br") return flush();
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    // Inline neighbours (<span>08:00</span><span>bis</span>) need a space between them to stay readable.
    for (const child of el.children ?? []) {
      walk(child);
      if (!block && child.type === "tag") line += " ";
    }
    if (block) flush();
  };
  root.forEach(walk);
  flush();
  return out;
}

/** "Heute, 24.11.2025" / "Montag" / "Mo." → weekday key; null for anything else. */
function rowDay(label: string): string | null {
  const date = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(label);
  if (date) {
    const iso = `${date[3]}-${date[2].padStart(2, "0")}-${date[1].padStart(2, "0")}`;
    return Number.isNaN(Date.parse(iso)) ? null : weekdayOfDate(iso);
  }
  return weekdayKey(label.split(",")[0]);
}

/**
 * Phone hours from the practice table: the column headed "Telefonische Erreichbarkeit", one row per day. The
 * page prints each range twice ("08:00 bis 12:00" and "08:00 - 12:00"); a set keeps one.
 */
function phoneHours($: cheerio.CheerioAPI, table: Element): Row[] {
  const rows = $(table).find("tr").toArray();
  let col = -1;
  let headerRow = -1;
  rows.some((tr, i) => {
    const cells = $(tr).children("th,td").toArray();
    col = cells.findIndex((c) => /telefonische\s+erreichbarkeit/i.test($(c).text()));
    headerRow = i;
    return col >= 0;
  });
  if (col < 0) return [];
  const byDay = new Map<string, Set<string>>();
  for (const tr of rows.slice(headerRow + 1)) {
    const cells = $(tr).children("th,td").toArray();
    const day = rowDay(norm($(cells[0]).text()));
    if (!day || !cells[col]) continue;
    const text = tokens([cells[col]])
      .map((t) => (t.kind === "line" ? t.text : ""))
      .join(" ");
    for (const m of text.matchAll(TIME_RANGE)) {
      const r = parseRange(`${m[1]}-${m[2]}`);
      if (r) (byDay.get(day) ?? byDay.set(day, new Set()).get(day)!).add(formatRange(r));
    }
  }
  return [...byDay].map(([t, ranges]) => ({
    t,
    tszDesTyps: [{ typ: "Telefonische Erreichbarkeit", sprechzeiten: [...ranges].map((zeit) => ({ zeit })) }],
  }));
}

function readBlock($: cheerio.CheerioAPI, lines: string[], table: Element | null): HtmlBlock {
  const [nameLine, ...rest] = lines;
  const name = splitName(nameLine);
  if (!name.ok) return { ok: false, label: nameLine, error: `Failed to parse HTML result: ${name.error}` };
  const r: Row = {
    id: null,
    arzt: true,
    anrede: name.anrede,
    titel: name.titel,
    vorname: name.vorname,
    name: name.nachname,
    psy: [] as string[],
    fg: [] as string[],
    tsz: [] as Row[],
  };
  for (const line of rest) {
    let m: RegExpExecArray | null;
    if (!r.plz && (m = PLZ_LINE.exec(line))) [r.plz, r.ort] = [m[1], m[2]];
    else if ((m = DISTANCE_LINE.exec(line))) r.distance = Math.round(Number(m[1].replace(",", ".")) * 1000);
    else if (/^fax\b/i.test(line)) r.fax = line.replace(/^fax\s*:?\s*/i, "");
    else if (/^(mobil|handy)\b/i.test(line)) r.handy = line.replace(/^(mobil|handy)\w*\s*:?\s*/i, "");
    else if (/^tel(efon)?\b/i.test(line)) r.tel = line.replace(/^tel(efon)?\.?\s*:?\s*/i, "");
    else if (/^\+?\d[\d\s/()-]{5,}$/.test(line) && !r.tel) r.tel = line;
    else if ((m = EMAIL.exec(line))) r.email ??= m[0];
    else if (/^(https?:\/\/|www\.)/i.test(line)) r.web ??= line;
    else if (FIELD.test(line) && !METHOD.test(line)) r.fg.push(line);
    else if (METHOD.test(line)) r.psy.push(line);
    // The street is the first plain line before the "PLZ Ort" line.
    else if (!r.plz && !r.strasse) r.strasse = line;
  }
  if (!r.plz) return { ok: false, label: nameLine, error: "Failed to parse HTML result: no 'PLZ Ort' line" };
  // Offers without an age group name no adults explicitly; then only a children-only Fachgebiet excludes.
  if (!r.psy.some((p: string) => /erwachsene|kinder/i.test(p)))
    r.psy = r.psy.map((heading: string) => ({ heading, values: [] }));
  // A table without the phone column means no published phone hours, not an unreadable practice.
  if (table) r.tsz = phoneHours($, table);
  return { ok: true, record: r };
}

/**
 * A saved 116117 result page (external-apis.md 1.4). Each practice starts with a name line (Frau/Herr/Dr./
 * Prof./Dipl.) and ends with its table; contact lines in between are recognised by their form. A block that
 * cannot be read is returned as a failure, the rest of the page still counts. Null when the page holds no
 * result list at all.
 */
export function parseSavedPage(html: string): HtmlBlock[] | null {
  const $ = cheerio.load(html);
  let root = $("#app div.outer-list-container div.search-results-container").first();
  if (!root.length) root = $("div.search-results-container").first();
  if (!root.length) return null;
  const blocks: HtmlBlock[] = [];
  let lines: string[] | null = null;
  const close = (table: Element | null) => {
    if (lines) blocks.push(readBlock($, lines, table));
    lines = null;
  };
  for (const t of tokens(root.toArray())) {
    if (t.kind === "table") close(t.el);
    else if (NAME_LINE.test(t.text)) {
      close(null);
      lines = [t.text];
    } else lines?.push(t.text);
  }
  close(null);
  return blocks;
}
