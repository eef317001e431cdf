import type { SuccessTemplateType } from "../../shared/enums";

/**
 * Every e-mail type of decisions.md 17 and its template file (services/communication/templates/<file>.md.njk).
 * `typ` is what the e-mail row records; `required` are variables a caller must supply.
 */
export const TEMPLATES = {
  inquiry: { file: "inquiry", typ: "anfrage", required: [] },
  inquiry_reminder: { file: "inquiry-reminder", typ: "erinnerung", required: [] },
  registration_confirmation: {
    file: "registration-confirmation",
    typ: "registrierung",
    required: ["zahlungsreferenz"],
  },
  payment_confirmation: { file: "payment-confirmation", typ: "zahlung", required: ["zahlungsreferenz"] },
  success_email_contact: { file: "success-email-contact", typ: "erfolg", required: [] },
  success_phone_contact: { file: "success-phone-contact", typ: "erfolg", required: [] },
  success_meeting_confirmation_email: {
    file: "success-meeting-confirmation-email",
    typ: "erfolg",
    required: ["termin_datum", "termin_uhrzeit"],
  },
  success_meeting_confirmation_phone: {
    file: "success-meeting-confirmation-phone",
    typ: "erfolg",
    required: ["termin_datum", "termin_uhrzeit"],
  },
} as const satisfies Record<string, { file: string; typ: string; required: readonly string[] }>;

export type TemplateName = keyof typeof TEMPLATES;

/** Templates other services may queue by name (`communication.queueTemplateEmail`). */
export const QUEUEABLE_TEMPLATES = ["registration_confirmation", "payment_confirmation"] as const;

/** Typ values of e-mails that count towards the one-inquiry-e-mail-per-week rule (decisions.md 16). */
export const INQUIRY_EMAIL_TYPES = [TEMPLATES.inquiry.typ, TEMPLATES.inquiry_reminder.typ] as const;

export const successTemplate = (type: SuccessTemplateType): TemplateName => `success_${type}`;

/** Names of required variables that are missing or empty. */
export function missingVariables(name: TemplateName, vars: Record<string, unknown>): string[] {
  return TEMPLATES[name].required.filter((k) => vars[k] === undefined || vars[k] === null || vars[k] === "");
}
