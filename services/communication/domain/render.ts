import * as path from "node:path";
import MarkdownIt from "markdown-it";
import nunjucks from "nunjucks";

const TEMPLATE_DIR = path.resolve(__dirname, "../templates");
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR, { noCache: false }), {
  autoescape: false,
  throwOnUndefined: false,
});
// html: false escapes any HTML in the source; linkify turns bare URLs into links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/** Values become literal text in the markdown (a name cannot become a link or emphasis). */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]{}()#+!|<>~])/g, "\\$1");
}

const TRUSTED = /(^links?$|_url$|^link_alle$|Url$)/;
function escapeValues(v: unknown, key = ""): unknown {
  if (TRUSTED.test(key)) return v;
  if (typeof v === "string") return escapeMarkdown(v);
  if (Array.isArray(v)) return v.map((x) => escapeValues(x));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeValues(x, k)]));
  return v;
}

/** Renders a versioned template file; its first line `**Betreff:** …` is the subject. */
export function renderTemplate(
  name: string,
  vars: Record<string, unknown>,
): { betreff: string; markdown: string } {
  const out = env.render(`${name}.md.njk`, escapeValues(vars) as object).trim();
  const [first, ...rest] = out.split("\n");
  const m = /^\*\*Betreff:\*\*\s*(.+)$/.exec(first);
  if (!m) throw new Error(`template ${name} has no Betreff line`);
  return {
    betreff: m[1].replace(/\\(.)/g, "$1").trim(),
    markdown: rest
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  };
}

/** Markdown to the HTML and plain-text parts of an e-mail, with the legal footer. */
export function markdownToEmail(markdown: string, footer: string | null): { html: string; text: string } {
  const full = footer ? `${markdown}\n\n---\n\n${footer}` : markdown;
  const html = `<!doctype html><html lang="de"><body style="font-family:sans-serif;line-height:1.5">${md.render(full)}</body></html>`;
  const text = full
    .replace(/^#{1,6}\s*/gm, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/(^|[^*])\*(?!\s)(.+?)\*/g, "$1$2")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)")
    .replace(/\\(.)/g, "$1");
  return { html, text };
}

export interface Company {
  name: string;
  street: string;
  plz: string;
  city: string;
  country: string;
  email: string;
  ceo: string;
  registerCourt: string;
  registerNumber: string;
  privacyUrl: string;
}

/** The legal footer of domain.md 4.5, from configuration. */
export const legalFooter = (c: Company) =>
  [
    `${escapeMarkdown(c.name)} · ${escapeMarkdown(c.street)} · ${c.plz} ${escapeMarkdown(c.city)} · ${escapeMarkdown(c.country)}`,
    `E-Mail: ${c.email} · Geschäftsführung: ${escapeMarkdown(c.ceo)} · ${escapeMarkdown(c.registerCourt)}, ${escapeMarkdown(c.registerNumber)}`,
    `Informationen zum Datenschutz: ${c.privacyUrl}`,
  ].join("  \n");
