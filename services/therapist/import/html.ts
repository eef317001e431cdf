import { formatRange, parseRange, weekdayKey, weekdayOfDate } from "../../shared/schedule";
import { findEmail } from "./email";
import { LinearParser } from "./linear-parser";
import { splitName } from "./names";

type Row = Record<string, any>;

/** One practice of a saved page: a record in the shape of a 116117 `arztPraxisDatas` entry, or why not. */
export type HtmlBlock = { ok: true; record: Row } | { ok: false; label: string; error: string };

/** No line of a practice is this long; a longer one fails its practice instead of being read. */
export const MAX_LINE_CHARS = 10_000;
/** Raw text kept per line or table cell before whitespace is collapsed (bounds memory on one huge text run). */
const MAX_RAW_CHARS = 1 << 20;

const BLOCK_TAGS = new Set(
  "address article aside blockquote dd div dl dt fieldset figure footer form h1 h2 h3 h4 h5 h6 header li main nav ol p section ul tr".split(
    " ",
  ),
);
const SKIP_TAGS = new Set(["script", "style", "noscript", "template", "svg", "button", "select"]);
const NAME_LINE = /^(Frau|Herr|Dr\.|Prof\.|Dipl\.)(\s|$)/;
const PLZ_LINE = /^(\d{5})\s+(\S.*)$/;
const DISTANCE_LINE = /^([\d.,]+)\s*km\s+entfernt/i;
const TIME_RANGE = /(\d{1,2}[:.]\d{2})\s*(?:-|–|bis)\s*(\d{1,2}[:.]\d{2})/g;
const METHOD = /(verhaltenstherapie|tiefenpsychologisch|analytische|systemische|psychoanalyse)/i;
const FIELD = /psychotherapie$/i;
const PHONE_COLUMN = /telefonische\s+erreichbarkeit/i;

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

interface Line {
  text: string;
  /** Longer than MAX_LINE_CHARS: `text` is only its beginning. */
  overlong: boolean;
}
interface Cell {
  /** All text of the cell (as `textContent`), for the header and the day label. */
  raw: string;
  /** The cell read as lines (scripts skipped, inline neighbours spaced), for the time ranges. */
  text: string;
}
type Table = Cell[][];

/** Element events below some root element, in document order. */
interface Sink {
  open(name: string, attribs: Record<string, string>): void;
  text(text: string): void;
  close(): void;
}

/** Text up to a cap; what comes after the cap is dropped and remembered as `over`. */
class CappedText {
  private parts: string[] = [];
  private size = 0;
  over = false;

  constructor(private readonly cap: number) {}

  add(s: string) {
    if (this.over) return;
    if (this.size + s.length > this.cap) {
      this.parts.push(s.slice(0, this.cap - this.size));
      this.size = this.cap;
      this.over = true;
      return;
    }
    this.parts.push(s);
    this.size += s.length;
  }

  take(): string {
    const s = this.parts.join("");
    this.parts = [];
    this.size = 0;
    return s;
  }
}

interface Frame {
  block: boolean;
  /** An element inside an inline parent is followed by a space (<span>08:00</span><span>bis</span>). */
  spaceAfter: boolean;
}

/**
 * The content of one element as lines of text and whole tables, in document order: block elements and <br> end
 * a line, scripts and controls are skipped, tables go to `onTable` (null: their text is left out). Works on
 * parser events with an explicit stack, so nesting depth costs memory only, never call-stack frames.
 */
class LineWalker implements Sink {
  private frames: Frame[] = [];
  private line = new CappedText(MAX_RAW_CHARS);
  private skipDepth = 0;
  private tableDepth = 0;
  private table: TableReader | null = null;

  constructor(
    private readonly rootBlock: boolean,
    private readonly onLine: (line: Line) => void,
    private readonly onTable: ((table: Table) => void) | null,
  ) {}

  private flush() {
    const over = this.line.over;
    const text = norm(this.line.take());
    this.line.over = false;
    if (!text && !over) return;
    this.onLine(text.length > MAX_LINE_CHARS || over ? { text, overlong: true } : { text, overlong: false });
  }

  open(name: string, attribs: Record<string, string>) {
    if (this.tableDepth > 0) {
      this.tableDepth++;
      this.table?.open(name, attribs);
      return;
    }
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const parentBlock = this.frames.length ? this.frames[this.frames.length - 1].block : this.rootBlock;
    // <script>/<style> are not elements of type "tag" in the tree this mirrors: no space after them.
    const spaceAfter = !parentBlock && name !== "script" && name !== "style";
    if (SKIP_TAGS.has(name)) {
      this.frames.push({ block: false, spaceAfter });
      this.skipDepth = 1;
      return;
    }
    if (name === "table") {
      this.flush();
      this.frames.push({ block: false, spaceAfter });
      this.tableDepth = 1;
      this.table = this.onTable ? new TableReader() : null;
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block || name === "br") this.flush();
    this.frames.push({ block, spaceAfter });
  }

  text(text: string) {
    if (this.tableDepth > 0) this.table?.text(text);
    else if (this.skipDepth === 0) this.line.add(text);
  }

  close() {
    if (this.tableDepth > 0) {
      this.tableDepth--;
      if (this.tableDepth > 0) return this.table?.close();
      if (this.table) this.onTable!(this.table.end());
      this.table = null;
    } else if (this.skipDepth > 0) {
      this.skipDepth--;
      if (this.skipDepth > 0) return;
    }
    const f = this.frames.pop();
    if (!f) return;
    if (f.block) this.flush();
    if (f.spaceAfter) this.line.add(" ");
  }

  end() {
    this.flush();
  }
}

/** A table as rows of cells (the direct th/td children of each row); tables inside cells are not rows. */
class TableReader implements Sink {
  private depth = 0;
  private rows: Table = [];
  private row: { cells: Cell[]; depth: number } | null = null;
  private cell: { raw: CappedText; lines: string[]; walker: LineWalker; depth: number } | null = null;

  open(name: string, attribs: Record<string, string>) {
    if (this.cell) {
      this.cell.depth++;
      this.cell.walker.open(name, attribs);
      return;
    }
    this.depth++;
    if (name === "tr" && !this.row) this.row = { cells: [], depth: this.depth };
    else if ((name === "td" || name === "th") && this.row && this.depth === this.row.depth + 1) {
      const lines: string[] = [];
      const walker = new LineWalker(false, (l) => lines.push(l.text), null);
      this.cell = { raw: new CappedText(MAX_RAW_CHARS), lines, walker, depth: 0 };
    }
  }

  text(text: string) {
    if (!this.cell) return;
    this.cell.raw.add(text);
    this.cell.walker.text(text);
  }

  close() {
    const cell = this.cell;
    if (cell && cell.depth > 0) {
      cell.depth--;
      cell.walker.close();
      return;
    }
    if (cell) {
      cell.walker.end();
      this.row!.cells.push({ raw: cell.raw.take(), text: cell.lines.join(" ") });
      this.cell = null;
    }
    this.depth--;
    if (this.row && this.depth < this.row.depth) {
      this.rows.push(this.row.cells);
      this.row = null;
    }
  }

  end(): Table {
    return this.rows;
  }
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
function phoneHours(rows: Table): Row[] {
  let col = -1;
  let headerRow = -1;
  rows.some((cells, i) => {
    col = cells.findIndex((c) => PHONE_COLUMN.test(c.raw));
    headerRow = i;
    return col >= 0;
  });
  if (col < 0) return [];
  const byDay = new Map<string, Set<string>>();
  for (const cells of rows.slice(headerRow + 1)) {
    const day = rowDay(norm(cells[0]?.raw ?? ""));
    if (!day || !cells[col]) continue;
    for (const m of cells[col].text.matchAll(TIME_RANGE)) {
      const r = parseRange(`${m[1]}-${m[2]}`);
      if (r) (byDay.get(day) ?? byDay.set(day, new Set()).get(day)!).add(formatRange(r));
    }
  }
  return [...byDay].map(([t, ranges]) => ({
    t,
    tszDesTyps: [{ typ: "Telefonische Erreichbarkeit", sprechzeiten: [...ranges].map((zeit) => ({ zeit })) }],
  }));
}

function readBlock(lines: Line[], table: Table | null): HtmlBlock {
  const [nameLine, ...rest] = lines;
  if (lines.some((l) => l.overlong))
    return {
      ok: false,
      label: nameLine.overlong ? `${nameLine.text.slice(0, 80)}…` : nameLine.text,
      error: `Failed to parse HTML result: a line longer than ${MAX_LINE_CHARS} characters`,
    };
  const name = splitName(nameLine.text);
  if (!name.ok)
    return { ok: false, label: nameLine.text, error: `Failed to parse HTML result: ${name.error}` };
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
  for (const { text: line } of rest) {
    let m: RegExpExecArray | null;
    let email: string | null;
    if (!r.plz && (m = PLZ_LINE.exec(line))) [r.plz, r.ort] = [m[1], m[2]];
    else if ((m = DISTANCE_LINE.exec(line))) r.distance = Math.round(Number(m[1].replace(",", ".")) * 1000);
    else if (/^fax\b/i.test(line)) r.fax = line.replace(/^fax\s*:?\s*/i, "");
    else if (/^(mobil|handy)\b/i.test(line)) r.handy = line.replace(/^(mobil|handy)\w*\s*:?\s*/i, "");
    else if (/^tel(efon)?\b/i.test(line)) r.tel = line.replace(/^tel(efon)?\.?\s*:?\s*/i, "");
    else if (/^\+?\d[\d\s/()-]{5,}$/.test(line) && !r.tel) r.tel = line;
    else if ((email = findEmail(line))) r.email ??= email;
    else if (/^(https?:\/\/|www\.)/i.test(line)) r.web ??= line;
    else if (FIELD.test(line) && !METHOD.test(line)) r.fg.push(line);
    else if (METHOD.test(line)) r.psy.push(line);
    // The street is the first plain line before the "PLZ Ort" line.
    else if (!r.plz && !r.strasse) r.strasse = line;
  }
  if (!r.plz)
    return { ok: false, label: nameLine.text, error: "Failed to parse HTML result: no 'PLZ Ort' line" };
  // Offers without an age group name no adults explicitly; then only a children-only Fachgebiet excludes.
  if (!r.psy.some((p: string) => /erwachsene|kinder/i.test(p)))
    r.psy = r.psy.map((heading: string) => ({ heading, values: [] }));
  // A table without the phone column means no published phone hours, not an unreadable practice.
  if (table) r.tsz = phoneHours(table);
  return { ok: true, record: r };
}

/** Practices of one result list: a name line opens a block, its table (or the next name line) closes it. */
class BlockCollector {
  readonly blocks: HtmlBlock[] = [];
  private lines: Line[] | null = null;
  readonly walker = new LineWalker(
    true,
    (l) => {
      if (NAME_LINE.test(l.text)) {
        this.close(null);
        this.lines = [l];
      } else this.lines?.push(l);
    },
    (t) => this.close(t),
  );
  /** Open elements below the list's own element; -1 once the list element has closed. */
  depth = 0;

  private close(table: Table | null) {
    if (this.lines) this.blocks.push(readBlock(this.lines, table));
    this.lines = null;
  }

  end() {
    this.walker.end();
    this.close(null);
  }
}

const hasClass = (attribs: Record<string, string>, cls: string) =>
  (attribs.class ?? "").split(/[\t\n\f\r ]+/).includes(cls);

/**
 * A saved 116117 result page (external-apis.md 1.4), read as a stream: `write` the text in pieces, `end` for
 * the practices. The list is `#app div.outer-list-container div.search-results-container` (else the first
 * `div.search-results-container`). Each practice starts with a name line (Frau/Herr/Dr./Prof./Dipl.) and ends
 * with its table; contact lines in between are recognised by their form. A block that cannot be read is
 * returned as a failure, the rest of the page still counts. Time and memory grow linearly with the page, however
 * deep it nests or however long a line is (no tree is built, no recursion, no backtracking pattern).
 */
export class SavedPageReader {
  private readonly parser: LinearParser;
  /** Open elements with id="app", and div.outer-list-container elements open inside one. */
  private readonly open: { app: boolean; outer: boolean }[] = [];
  private apps = 0;
  private outers = 0;
  private first: BlockCollector | null = null;
  private preferred: BlockCollector | null = null;
  private active: BlockCollector[] = [];

  constructor() {
    this.parser = new LinearParser(
      {
        onopentag: (name, attribs) => this.onOpen(name, attribs),
        ontext: (text) => {
          for (const c of this.active) c.walker.text(text);
        },
        onclosetag: () => this.onClose(),
      },
      { decodeEntities: true },
    );
  }

  private onOpen(name: string, attribs: Record<string, string>) {
    for (const c of this.active) {
      c.depth++;
      c.walker.open(name, attribs);
    }
    const app = attribs.id === "app";
    const outer = name === "div" && this.apps > 0 && hasClass(attribs, "outer-list-container");
    this.open.push({ app, outer });
    if (app) this.apps++;
    if (outer) this.outers++;
    if (name !== "div" || !hasClass(attribs, "search-results-container")) return;
    const full = this.outers > 0 && !this.preferred;
    if (this.first && !full) return;
    const c = new BlockCollector();
    this.active.push(c);
    this.first ??= c;
    if (full) this.preferred = c;
  }

  private onClose() {
    const f = this.open.pop();
    if (f?.app) this.apps--;
    if (f?.outer) this.outers--;
    for (const c of this.active) {
      if (c.depth === 0) {
        c.end();
        c.depth = -1;
      } else {
        c.depth--;
        c.walker.close();
      }
    }
    if (this.active.some((c) => c.depth < 0)) this.active = this.active.filter((c) => c.depth >= 0);
  }

  write(text: string) {
    this.parser.write(text);
  }

  /** The practices of the list; null when the page holds no result list at all. */
  end(): HtmlBlock[] | null {
    this.parser.end();
    for (const c of this.active) c.end();
    this.active = [];
    return (this.preferred ?? this.first)?.blocks ?? null;
  }
}

/** A whole saved page in one string (tests, small pages); the import reads files in a worker, see parse-file.ts. */
export function parseSavedPage(html: string): HtmlBlock[] | null {
  const reader = new SavedPageReader();
  reader.write(html);
  return reader.end();
}
