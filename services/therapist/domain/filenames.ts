/**
 * PDF file names (domain.md 2.5): keep letters incl. German umlauts and ß, digits, dot, dash, underscore and
 * spaces; drop path parts and everything else; always end in .pdf; rename duplicates "name (2).pdf".
 */
export function sanitizePdfName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const stem = base
    .replace(/\.pdf$/i, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N} ._-]/gu, "_")
    .replace(/^[.\s]+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${stem || "dokument"}.pdf`;
}

export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const stem = name.replace(/\.pdf$/, "");
  for (let i = 2; ; i++) {
    const candidate = `${stem} (${i}).pdf`;
    if (!taken.has(candidate)) return candidate;
  }
}
