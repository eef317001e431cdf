import { addDays, daysBetween } from "../../shared/dates";

/**
 * decisions.md 16 / domain.md 3.13: at most one inquiry e-mail (first e-mail or reminder) per therapist in
 * `minDays` calendar days, whichever way it was triggered. Counted in calendar days of the operator's time
 * zone so that a follow-up due "7 days after sending" is never refused by a few hours.
 *
 * @param previousDates dates (YYYY-MM-DD) on which earlier inquiry e-mails to this therapist were queued
 * @returns null when an e-mail may be queued today, else the first date on which it may
 */
export function inquiryEmailAllowedFrom(
  previousDates: readonly string[],
  today: string,
  minDays: number,
): string | null {
  const latest = [...previousDates].sort().pop();
  if (!latest || daysBetween(latest, today) >= minDays) return null;
  return addDays(latest, minDays);
}
