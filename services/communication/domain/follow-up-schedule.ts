/**
 * The follow-up runs on working days at 07:00 in the operator's time zone: staff work Monday to Friday, and a
 * planned call must land on a call list that someone reads that day. An inquiry that turns 7 days old on a
 * weekend is followed up on Monday (what staff expect and what the docs promise).
 */
export const FOLLOW_UP_CRON = "0 7 * * 1-5";

/**
 * How an inquiry is followed up (decisions.md 13): a reminder e-mail only continues an inquiry that went out by
 * e-mail to a therapist who still has an address; otherwise staff call. null: the therapist is gone.
 */
export function followUpChannel(
  inquiry: { email_id?: number | null },
  therapist: { email?: string | null } | undefined,
): "reminder" | "call" | null {
  if (!therapist) return null;
  return inquiry.email_id && therapist.email ? "reminder" : "call";
}
