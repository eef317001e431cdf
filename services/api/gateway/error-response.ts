import { ErrorType } from "../../../mixins/errors";

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
  /** True when the error is unexpected and must be logged with its stack. */
  unexpected: boolean;
}

const DB_UNAVAILABLE = new Set([
  "SequelizeConnectionError",
  "SequelizeConnectionRefusedError",
  "SequelizeConnectionAcquireTimeoutError",
  "SequelizeHostNotReachableError",
  "SequelizeHostNotFoundError",
  "SequelizeConnectionTimedOutError",
]);

/**
 * A query cut off because PostgreSQL stopped or restarts (drill R6: requests in flight at the moment it stopped
 * answered 500): SQLSTATE class 08 (connection exception) and 57P01-57P03 (shutdown, crash, starting up), or the
 * driver's message when the socket closed under the query. Checked by code and by message, since an error
 * from another node arrives without the driver's error object.
 */
const DB_CUT_OFF_CODE = /^(08|57P0[123])/;
const DB_CUT_OFF_MESSAGE =
  /Connection terminated|is not queryable|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)|ECONNREFUSED|ECONNRESET/;
const dbCutOff = (err: any) =>
  typeof err?.name === "string" &&
  err.name.startsWith("Sequelize") &&
  (DB_CUT_OFF_CODE.test(String(err.original?.code ?? err.parent?.code ?? "")) ||
    DB_CUT_OFF_MESSAGE.test(String(err.message ?? "")));

const UNREACHABLE_TYPES = new Set([
  "SERVICE_NOT_FOUND",
  "SERVICE_NOT_AVAILABLE",
  "REQUEST_SKIPPED",
  "REQUEST_REJECTED",
  "QUEUE_FULL",
  "CIRCUIT_BREAKER_OPEN",
]);

const plainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Turns any error into the contract's JSON shape `{message, type, ...extra}`: errors the platform raised on
 * purpose keep their message and extra keys; everything else is a generic 500/503 without internals.
 */
export function toErrorResponse(err: any): ErrorResponse {
  const name: string = err?.name ?? "";
  const type: string | undefined = typeof err?.type === "string" ? err.type : undefined;

  // body-parser
  if (type === "entity.parse.failed")
    return res(400, ErrorType.MALFORMED_JSON, "Malformed JSON in request body");
  if (type === "entity.too.large")
    return res(413, ErrorType.PAYLOAD_TOO_LARGE, "Request body too large (max 1 MiB)");
  if (type === "encoding.unsupported" || type === "charset.unsupported")
    return res(415, ErrorType.UNSUPPORTED_MEDIA_TYPE, "Unsupported content encoding");

  if (DB_UNAVAILABLE.has(name) || type === "DATABASE_UNAVAILABLE" || dbCutOff(err))
    return res(503, "DATABASE_UNAVAILABLE", "Database unavailable, please retry shortly");
  // A timed-out request may still complete: the client is told so instead of "retry" (which could repeat it).
  if (type === "REQUEST_TIMEOUT")
    return res(
      504,
      "REQUEST_TIMEOUT",
      "The request took too long and may still complete; check its result before repeating it",
    );
  if ((type && UNREACHABLE_TYPES.has(type)) || name === "ServiceUnavailableError")
    return res(503, ErrorType.SERVICE_UNAVAILABLE, "Service unavailable, please retry shortly");

  if (name === "NotFoundError" && type === "NOT_FOUND" && !plainObject(err.data))
    return res(404, ErrorType.ROUTE_NOT_FOUND, "Not found");
  if (name === "UnAuthorizedError") {
    return type === "INVALID_TOKEN"
      ? res(401, "INVALID_TOKEN", "Invalid or expired token")
      : res(401, ErrorType.UNAUTHORIZED, "Authentication required");
  }
  if (name === "RateLimitExceeded") return res(429, ErrorType.RATE_LIMITED, "Too many requests");

  // fastest-validator params (if a service declares them): first message, as a 400.
  if (name === "ValidationError" && Array.isArray(err.data)) {
    const first = err.data[0] ?? {};
    return res(
      400,
      ErrorType.VALIDATION_ERROR,
      String(first.message ?? "Invalid request"),
      first.field ? { field: first.field } : {},
    );
  }

  const code = Number(err?.code);
  if (Number.isInteger(code) && code >= 400 && code < 500 && typeof err?.message === "string") {
    const extra = plainObject(err.data) ? err.data : {};
    return {
      status: code,
      body: { ...extra, message: err.message, type: type ?? "CLIENT_ERROR" },
      unexpected: false,
    };
  }
  // A 500 raised on purpose (AppError with a type, e.g. domain.md 3.11 "Cannot delete patient: Matching service
  // error: …"): its message was written for clients, but it is still a failure worth a logged stack.
  if (code === 500 && name === "AppError" && typeof err?.message === "string" && type) {
    const extra = plainObject(err.data) ? err.data : {};
    return { status: 500, body: { ...extra, message: err.message, type }, unexpected: true };
  }
  if (code === 503 && typeof err?.message === "string" && type) {
    const extra = plainObject(err.data) ? err.data : {};
    return { status: 503, body: { ...extra, message: err.message, type }, unexpected: false };
  }
  return {
    status: 500,
    body: { message: "Internal server error", type: ErrorType.INTERNAL_ERROR },
    unexpected: true,
  };
}

function res(
  status: number,
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): ErrorResponse {
  return { status, body: { ...extra, message, type }, unexpected: false };
}
