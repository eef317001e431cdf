import * as path from "node:path";
import MarkdownIt from "markdown-it";
import nunjucks from "nunjucks";
import { htmlToText, sanitizeEmailHtml } from "./sanitize";
import { TEMPLATES, type TemplateName } from "./templates";

const TEMPLATE_DIR = path.resolve(__dirname, "../templates");
// Output is markdown, not HTML: values are markdown-escaped below, and markdown-it escapes any HTML.
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR), {
  autoescape: false,
  throwOnUndefined: false,
});
// html: false escapes HTML in the source; linkify turns bare URLs into links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

/**
 * A value becomes literal text in the markdown: every ASCII punctuation character is backslash-escaped, so a
 * name cannot turn into a link, heading or emphasis, and a URL in data is split so it is not auto-linked.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, " ").replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

// Links we built and signed ourselves, and configured URLs (escaping would split them for linkify).
const TRUSTED = /^(links?|link_alle)$|url$/i;

function escapeValues(v: unknown, key = "", trusted = false): unknown {
  const t = trusted || TRUSTED.test(key);
  if (typeof v === "string") return t ? v : escapeMarkdown(v);
  if (Array.isArray(v)) return v.map((x) => escapeValues(x, "", t));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeValues(x, k, t)]));
  return v;
}

/** Renders a template file; its first line `**Betreff:** …` is the subject, the rest the markdown body. */
export function renderTemplate(
  name: TemplateName,
  vars: Record<string, unknown>,
): { betreff: string; markdown: string } {
  const out = env.render(`${TEMPLATES[name].file}.md.njk`, escapeValues(vars) as object).trim();
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

/** Plain-text part from the markdown source: same words, no markup, links as "text (url)". */
function markdownToText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s*/gm, "")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1: $2")
    .replace(/(^|[^\\])\*\*(.+?)\*\*/g, "$1$2")
    .replace(/(^|[^\\*])\*(?!\s)(.+?)\*/g, "$1$2")
    .replace(/^---$/gm, "--")
    .replace(/\\(.)/g, "$1")
    .replace(/[ \t]+$/gm, "");
}

/** Markdown to the HTML and plain-text parts of an e-mail, with the legal footer (domain.md 4.5). */
export function markdownToEmail(markdown: string, footer: string | null): { html: string; text: string } {
  const full = footer ? `${markdown}\n\n---\n\n${footer}` : markdown;
  const html =
    '<!doctype html><html lang="de"><head><meta charset="utf-8"></head>' +
    `<body style="font-family:sans-serif;line-height:1.5">${sanitizeEmailHtml(md.render(full))}</body></html>`;
  return { html, text: markdownToText(full) };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** HTML and text for staff e-mails given as HTML or plain text instead of markdown. */
export function contentToEmail(
  html: string | null,
  text: string | null,
  footer: string | null,
): { html: string; text: string } {
  const footerText = footer ? markdownToText(footer) : null;
  const footerHtml = footer ? md.render(footer) : "";
  // HTML from a client never goes out as given (issue 11): only the allowlist of sanitize.ts survives.
  const safe = html === null ? null : sanitizeEmailHtml(html);
  const plain = text ?? htmlToText(safe ?? "");
  const body = safe ?? `<p>${escapeHtml(plain).replace(/\n/g, "<br>")}</p>`;
  return {
    html: footer ? `${body}<hr>${footerHtml}` : body,
    text: footerText ? `${plain}\n\n--\n${footerText}` : plain,
  };
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

/** The legal footer of domain.md 4.5, from configuration (config/sections/company.ts). */
export const legalFooter = (c: Company) =>
  [
    `${escapeMarkdown(c.name)} · ${escapeMarkdown(c.street)} · ${escapeMarkdown(c.plz)} ${escapeMarkdown(c.city)} · ${escapeMarkdown(c.country)}`,
    `E-Mail: ${c.email} · Geschäftsführung: ${escapeMarkdown(c.ceo)} · Registergericht: ${escapeMarkdown(c.registerCourt)}, ${escapeMarkdown(c.registerNumber)}`,
    `Informationen zum Datenschutz: ${c.privacyUrl}`,
  ].join("  \n");
