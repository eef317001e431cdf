/** Error types of the patient service (stable; callers branch on them, never on the text). */
export const PatientError = {
  /** DELETE: matching answered the cascade with an error (not "unreachable", that is SERVICE_UNAVAILABLE). */
  MATCHING_CASCADE_FAILED: "MATCHING_CASCADE_FAILED",
  /** GDPR export/erasure: a service holding data about the patient answered with an error. */
  GDPR_CASCADE_FAILED: "GDPR_CASCADE_FAILED",
} as const;
