import { daysBetween } from "../../shared/dates";

/** A sent inquiry as the follow-up decides on it; `gesendet_tag` is the sending date in the operator's zone. */
export interface FollowUpCandidate {
  gesendet_tag: string | null;
  beantwortet: boolean;
  abgebrochen: boolean;
  reminder_email_id: number | null;
  phone_call_id: number | null;
}

/**
 * decisions.md 13: a sent, unanswered, not cancelled inquiry gets one follow-up once it is `followUpDays`
 * calendar days old. An inquiry already followed up (reminder e-mail or call) or sent by a call gets none:
 * staff had the therapist on the phone list already.
 */
export function followUpDue(a: FollowUpCandidate, today: string, followUpDays: number): boolean {
  if (!a.gesendet_tag || a.beantwortet || a.abgebrochen) return false;
  if (a.reminder_email_id !== null || a.phone_call_id !== null) return false;
  return daysBetween(a.gesendet_tag, today) >= followUpDays;
}
