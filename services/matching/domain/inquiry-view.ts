import { daysBetween } from "../../shared/dates";

export interface InquiryState {
  gesendet_datum: string | null; // calendar date (operator time zone) of sending
  antwort_datum: string | null;
  abgebrochen: boolean;
}

/** Derived fields of domain.md 2.7. */
export function derivedInquiryFields(a: InquiryState, today: string, followUpDays: number) {
  const tage = a.gesendet_datum ? daysBetween(a.gesendet_datum, today) : null;
  return {
    tage_seit_versand: tage,
    nachverfolgung_erforderlich: tage !== null && !a.antwort_datum && !a.abgebrochen && tage >= followUpDays,
  };
}

/** An inquiry blocks new contact while it is unsent, or sent and unanswered (domain.md 3.4 step 2). */
export const isPending = (a: { antwort_datum: unknown; abgebrochen_am: unknown }) =>
  !a.antwort_datum && !a.abgebrochen_am;
