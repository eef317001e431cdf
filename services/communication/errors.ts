/** Error types of the communication service (stable; callers branch on them, never on the text). */
export const CommError = {
  /** decisions.md 16: another inquiry e-mail went to this therapist within INQUIRY_EMAIL_MIN_DAYS. */
  INQUIRY_EMAIL_TOO_SOON: "INQUIRY_EMAIL_TOO_SOON",
  /** The inquiry has no therapist record or its patients could not be loaded. */
  INQUIRY_DATA_INCOMPLETE: "INQUIRY_DATA_INCOMPLETE",
  /** Hours known but every slot of the planning window is booked. */
  NO_CALL_SLOT: "NO_CALL_SLOT",
  /** A success e-mail needs the patient's e-mail address. */
  PATIENT_WITHOUT_EMAIL: "PATIENT_WITHOUT_EMAIL",
  /** A reminder needs the therapist's e-mail address. */
  THERAPIST_WITHOUT_EMAIL: "THERAPIST_WITHOUT_EMAIL",
  /** An attachment is not a readable PDF below the size limit inside the PDF folder. */
  INVALID_ATTACHMENT: "INVALID_ATTACHMENT",
  /** absender_email is not one of EMAIL_ALLOWED_SENDERS (or the company address). */
  SENDER_NOT_ALLOWED: "SENDER_NOT_ALLOWED",
  /** Template variables missing (queueTemplateEmail). */
  TEMPLATE_VARIABLES_MISSING: "TEMPLATE_VARIABLES_MISSING",
  /** The SMTP server did not take a system message. */
  SMTP_UNAVAILABLE: "SMTP_UNAVAILABLE",
} as const;
