import sanitizeHtml from "sanitize-html";

/**
 * What an e-mail body may contain (issue 11): formatting, lists, tables and links to http(s)/mailto. No script,
 * style, form, image or frame, no event handler or style attribute, no javascript:/data: URL. sanitize-html
 * drops the content of script/style as well, so nothing of them reaches the mail or the staff app.
 */
const EMAIL_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    ...["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s"],
    ...["a", "ul", "ol", "li", "blockquote", "code", "pre", "span", "div"],
    ...["table", "thead", "tbody", "tr", "th", "td"],
  ],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

export const sanitizeEmailHtml = (html: string): string => sanitizeHtml(html, EMAIL_HTML);

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/** The words of an HTML body as plain text (block ends become line breaks; script and style contents dropped). */
export function htmlToText(html: string): string {
  const marked = html.replace(/<(br|\/p|\/div|\/h\d|\/li|\/tr)\b[^>]*>/gi, "$&\n");
  return sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

/** Senders staff may use (EMAIL_ALLOWED_SENDERS, default the configured company address), compared case-blind. */
export function isAllowedSender(address: string, allowed: readonly string[]): boolean {
  const a = address.trim().toLowerCase();
  return allowed.some((x) => x.trim().toLowerCase() === a);
}
