import { parseCidrList } from "../cidr";
import { int, key, str } from "../define";

const cidrList = (def: string) =>
  str(def).superRefine((v, ctx) => {
    try {
      parseCidrList(v);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  });

/** Keys of the HTTP gateway's request handling (issue 11: no request may take the platform down). */
export const http = {
  multipartMaxFields: key(
    "MULTIPART_MAX_FIELDS",
    int(20, 1, 1000),
    "Most form fields (besides the file) a multipart upload may carry; more is refused with 413",
  ),
  multipartMaxFieldBytes: key(
    "MULTIPART_MAX_FIELD_BYTES",
    int(64 * 1024, 1024, 16 * 1024 * 1024),
    "Largest single form field of a multipart upload; larger is refused with 413",
  ),
  metricsAllowFrom: key(
    "METRICS_ALLOW_FROM",
    cidrList("127.0.0.1/32,::1/128"),
    "Addresses/CIDR ranges (comma-separated) that may read /metrics and /health/status without a token; none = only admins with a token",
  ),
  idempotencyKeyHours: key(
    "IDEMPOTENCY_KEY_HOURS",
    int(24, 1, 24 * 7),
    "How long the first result of a POST sent with an Idempotency-Key is kept and answered to repeats (encrypted; purged hourly)",
  ),
  monitoringCheckSeconds: key(
    "MONITORING_CHECK_SECONDS",
    int(300, 10, 86400),
    "How often the monitoring.check job recomputes the /metrics figures from the data (cooling-period violations, placements, answer rates)",
  ),
};
