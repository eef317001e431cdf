import { isIsoDate } from "../../shared/dates";
import { TELEFONANRUFSTATUS, invalidEnumMessage, isOneOf, type Telefonanrufstatus } from "../../shared/enums";
import { checkRecipient, positiveId, type Checked, type Recipient } from "./recipient";

/** Fields of a Telefonanruf that staff may set (domain.md 2.10, 4.5). */
export interface CallFields {
  geplantes_datum?: string;
  geplante_zeit?: string;
  dauer_minuten?: number;
  tatsaechliches_datum?: string | null;
  tatsaechliche_zeit?: string | null;
  status?: Telefonanrufstatus;
  ergebnis?: string | null;
  notizen?: string | null;
  wiederholen_nach?: string | null;
  therapeutenanfrage_id?: number | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const REQUIRED = new Set(["geplantes_datum", "geplante_zeit"]);

/** Checks the fields present in `p`; geplantes_datum/geplante_zeit may not be emptied (required columns). */
export function checkCallFields(p: Record<string, unknown>): Checked<CallFields> {
  const out: Record<string, unknown> = {};
  for (const f of ["geplantes_datum", "tatsaechliches_datum", "wiederholen_nach"]) {
    if (p[f] === undefined) continue;
    if ((p[f] === null && REQUIRED.has(f)) || (p[f] !== null && !isIsoDate(p[f])))
      return { error: `Invalid date format for ${f}. Use YYYY-MM-DD` };
    out[f] = p[f];
  }
  for (const f of ["geplante_zeit", "tatsaechliche_zeit"]) {
    if (p[f] === undefined) continue;
    if ((p[f] === null && REQUIRED.has(f)) || (p[f] !== null && !TIME.test(String(p[f]))))
      return { error: `Invalid time format for ${f}. Use HH:MM` };
    out[f] = p[f];
  }
  if (p.status !== undefined) {
    if (!isOneOf(TELEFONANRUFSTATUS, p.status))
      return { error: invalidEnumMessage("status", p.status, TELEFONANRUFSTATUS) };
    out.status = p.status;
  }
  if (p.dauer_minuten !== undefined) {
    const d = typeof p.dauer_minuten === "string" ? Number(p.dauer_minuten) : p.dauer_minuten;
    if (typeof d !== "number" || !Number.isInteger(d) || d < 1 || d > 120)
      return { error: "dauer_minuten must be a whole number between 1 and 120" };
    out.dauer_minuten = d;
  }
  if (p.therapeutenanfrage_id !== undefined) {
    const id = p.therapeutenanfrage_id === null ? null : positiveId(p.therapeutenanfrage_id);
    if (p.therapeutenanfrage_id !== null && id === null)
      return { error: `Invalid therapeutenanfrage_id '${String(p.therapeutenanfrage_id)}'` };
    out.therapeutenanfrage_id = id;
  }
  // PostgreSQL cannot store NUL characters in text; nothing legitimate contains them.
  for (const f of ["ergebnis", "notizen"])
    if (p[f] !== undefined) out[f] = p[f] === null ? null : String(p[f]).replace(/\u0000/g, "");
  return { value: out as CallFields };
}

/** POST /phone-calls: exactly one recipient plus the optional fields. */
export function checkNewCall(
  p: Record<string, unknown>,
): Checked<{ recipient: Recipient; fields: CallFields }> {
  const recipient = checkRecipient(p);
  if (recipient.error !== undefined) return { error: recipient.error };
  const fields = checkCallFields(p);
  if (fields.error !== undefined) return { error: fields.error };
  return { value: { recipient: recipient.value, fields: fields.value } };
}

/** domain.md 2.10: calls to therapists are 5-minute slots, calls to patients take 10 minutes. */
export const defaultCallMinutes = (r: Recipient) => (r.therapist_id !== null ? 5 : 10);
