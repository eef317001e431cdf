import { isIsoDate } from "../../shared/dates";
import { EMAILSTATUS, invalidEnumMessage, isOneOf, type Emailstatus } from "../../shared/enums";
import { checkRecipient, type Checked, type Recipient } from "./recipient";

export interface NewEmail {
  recipient: Recipient;
  betreff: string;
  empfaenger_email: string;
  empfaenger_name: string;
  absender_email: string | null;
  absender_name: string | null;
  inhalt_markdown: string | null;
  inhalt_html: string | null;
  inhalt_text: string | null;
  add_legal_footer: boolean;
  status: "Entwurf" | "In_Warteschlange";
  attachments: string[];
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
// PostgreSQL cannot store NUL characters in text; nothing legitimate contains them.
const clean = (v: string) => v.replace(/\u0000/g, "");
const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? clean(v) : null);

/** POST /emails (domain.md 4.5): the contract's messages, checked in its order; nothing is written on error. */
export function checkNewEmail(p: Record<string, unknown>): Checked<NewEmail> {
  const recipient = checkRecipient(p);
  if (recipient.error !== undefined) return { error: recipient.error };
  const betreff = text(p.betreff);
  if (!betreff) return { error: "Betreff is required" };
  if (betreff.length > 255) return { error: "Betreff must be at most 255 characters" };
  const to = text(p.empfaenger_email);
  if (!to) return { error: "empfaenger_email is required" };
  if (!EMAIL.test(to.trim())) return { error: `Invalid empfaenger_email '${to}'` };
  const toName = text(p.empfaenger_name);
  if (!toName) return { error: "empfaenger_name is required" };
  const [markdown, html, plain] = [text(p.inhalt_markdown), text(p.inhalt_html), text(p.inhalt_text)];
  if (!markdown && !html && !plain)
    return { error: "Either inhalt_html, inhalt_text, or inhalt_markdown is required" };
  const from = p.absender_email === undefined || p.absender_email === null ? null : text(p.absender_email);
  if (p.absender_email !== undefined && p.absender_email !== null && (!from || !EMAIL.test(from.trim())))
    return { error: `Invalid absender_email '${String(p.absender_email)}'` };
  if (p.add_legal_footer !== undefined && typeof p.add_legal_footer !== "boolean")
    return { error: "add_legal_footer must be true or false" };
  const status = p.status ?? "Entwurf";
  if (!isOneOf(EMAILSTATUS, status)) return { error: invalidEnumMessage("status", status, EMAILSTATUS) };
  // A new e-mail is a draft or queued; Gesendet is only ever set by the queue or by staff on an existing one.
  if (status !== "Entwurf" && status !== "In_Warteschlange")
    return { error: "A new email must have status Entwurf or In_Warteschlange" };
  const attachments = p.attachments ?? [];
  if (!Array.isArray(attachments) || !attachments.every((a) => typeof a === "string" && a !== ""))
    return { error: "attachments must be a list of file paths" };
  return {
    value: {
      recipient: recipient.value,
      betreff,
      empfaenger_email: to.trim(),
      empfaenger_name: toName,
      absender_email: from ? from.trim() : null,
      absender_name: text(p.absender_name),
      inhalt_markdown: markdown,
      inhalt_html: html,
      inhalt_text: plain,
      add_legal_footer: p.add_legal_footer !== false,
      status,
      attachments: attachments as string[],
    },
  };
}

export interface EmailChanges {
  status?: Emailstatus;
  antwort_erhalten?: boolean;
  antwortdatum?: string | null;
  antwortinhalt?: string | null;
  fehlermeldung?: string | null;
  empfaenger_email?: string;
  empfaenger_name?: string;
}

const nullableText = (v: unknown) => (v === null ? null : clean(String(v)));

/** PUT /emails/{id}: only the fields of the contract; `Invalid status '<x>'. Valid values: [...]`. */
export function checkEmailChanges(p: Record<string, unknown>): Checked<EmailChanges> {
  const out: EmailChanges = {};
  if (p.status !== undefined) {
    if (!isOneOf(EMAILSTATUS, p.status))
      return { error: invalidEnumMessage("status", p.status, EMAILSTATUS) };
    out.status = p.status;
  }
  if (p.antwort_erhalten !== undefined) {
    if (typeof p.antwort_erhalten !== "boolean") return { error: "antwort_erhalten must be true or false" };
    out.antwort_erhalten = p.antwort_erhalten;
  }
  if (p.antwortdatum !== undefined) {
    const ok =
      p.antwortdatum === null ||
      (typeof p.antwortdatum === "string" &&
        isIsoDate(p.antwortdatum.slice(0, 10)) &&
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(p.antwortdatum) &&
        !Number.isNaN(Date.parse(p.antwortdatum)));
    if (!ok) return { error: "Invalid antwortdatum format. Use ISO-8601" };
    out.antwortdatum = p.antwortdatum as string | null;
  }
  if (p.antwortinhalt !== undefined) out.antwortinhalt = nullableText(p.antwortinhalt);
  if (p.fehlermeldung !== undefined) out.fehlermeldung = nullableText(p.fehlermeldung);
  // Beyond the contract: a wrong address can be corrected before (re)sending, see sentFieldsLocked.
  if (p.empfaenger_email !== undefined) {
    const to = text(p.empfaenger_email);
    if (!to || !EMAIL.test(to.trim()))
      return { error: `Invalid empfaenger_email '${String(p.empfaenger_email)}'` };
    out.empfaenger_email = to.trim();
  }
  if (p.empfaenger_name !== undefined) {
    const name = text(p.empfaenger_name);
    if (!name) return { error: "empfaenger_name is required" };
    out.empfaenger_name = name;
  }
  return { value: out };
}

/** The recipient of an e-mail that went out (or is going out) is history: only drafts and failures can change it. */
export const recipientLocked = (status: string, c: EmailChanges) =>
  (c.empfaenger_email !== undefined || c.empfaenger_name !== undefined) &&
  status !== "Entwurf" &&
  status !== "Fehlgeschlagen";
