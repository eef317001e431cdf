import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export interface Line {
  file: string; // relative to the repository root
  no: number;
  text: string;
  /** Inside a fenced code block. */
  code: boolean;
}

/** README.md and every Markdown file under docs/, found at run time (other people add files in parallel). */
export function markdownFiles(): string[] {
  const out = ["README.md"];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".md")) out.push(rel);
    }
  };
  walk("docs");
  return out.sort();
}

export function lines(file: string): Line[] {
  let code = false;
  return fs
    .readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .map((text, i) => {
      const fence = /^\s*(```|~~~)/.test(text);
      if (fence) code = !code;
      return { file, no: i + 1, text, code: code || fence };
    });
}

/** Inline code spans are examples, not links. */
export const withoutCode = (text: string) => text.replace(/`[^`]*`/g, "");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(file: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const l of lines(file)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(l.text);
    if (!m || l.code) continue;
    const slug = m[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .trim()
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Paragraphs and list items (with their first line number): a statement may wrap over several lines. */
export function blocks(file: string): { no: number; text: string }[] {
  const out: { no: number; text: string }[] = [];
  let cur: { no: number; text: string } | null = null;
  for (const l of lines(file)) {
    const starts = l.text.trim() === "" || /^\s*([-*+]|\d+\.)\s/.test(l.text) || /^#/.test(l.text) || l.code;
    if (starts && cur) {
      out.push(cur);
      cur = null;
    }
    if (l.text.trim() === "") continue;
    if (cur) cur.text += ` ${l.text.trim()}`;
    else cur = { no: l.no, text: l.text.trim() };
  }
  if (cur) out.push(cur);
  return out;
}
