/** Error types of the patient service (stable; callers branch on them, never on the text). */
export const PatientError = {
  /** GDPR export/erasure: a service holding data about the patient answered with an error. */
  GDPR_CASCADE_FAILED: "GDPR_CASCADE_FAILED",
} as const;
