import { Errors } from "moleculer";

/** Generic error types of the platform; services add their own domain types in their errors.ts. */
export const ErrorType = {
  VALIDATION_ERROR: "VALIDATION_ERROR",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  LOGIN_THROTTLED: "LOGIN_THROTTLED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  MALFORMED_JSON: "MALFORMED_JSON",
  ROUTE_NOT_FOUND: "ROUTE_NOT_FOUND",
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_ERROR: "INTERNAL_ERROR",
} as const;

export type Extra = Record<string, unknown>;

/**
 * An error a client may see: HTTP status, stable type, the contract's message and extra body keys.
 * It is a MoleculerClientError so it crosses nodes intact and is never retried.
 */
export class AppError extends Errors.MoleculerClientError {
  constructor(status: number, type: string, message: string, extra: Extra = {}) {
    super(message, status, type, extra);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, extra: Extra = {}, type: string = ErrorType.VALIDATION_ERROR) =>
  new AppError(400, type, message, extra);
export const notFound = (message: string, type: string = ErrorType.NOT_FOUND, extra: Extra = {}) =>
  new AppError(404, type, message, extra);
export const conflict = (message: string, type: string = ErrorType.CONFLICT, extra: Extra = {}) =>
  new AppError(409, type, message, extra);
export const unauthorized = (message = "Authentication required", type: string = ErrorType.UNAUTHORIZED) =>
  new AppError(401, type, message);
export const forbidden = (message = "Forbidden", type: string = ErrorType.FORBIDDEN) =>
  new AppError(403, type, message);
export const unavailable = (
  message = "Service unavailable",
  type: string = ErrorType.SERVICE_UNAVAILABLE,
  extra: Extra = {},
) => new AppError(503, type, message, extra);

/** Moleculer errors that mean "the other service could not be reached" (not "it said no"). */
const UNREACHABLE = new Set([
  "SERVICE_NOT_FOUND",
  "SERVICE_NOT_AVAILABLE",
  "REQUEST_TIMEOUT",
  "REQUEST_SKIPPED",
  "REQUEST_REJECTED",
  "QUEUE_FULL",
  "CIRCUIT_BREAKER_OPEN",
]);

export function isUnreachable(err: unknown): boolean {
  const e = err as { type?: string; code?: number; name?: string };
  return (
    (typeof e?.type === "string" && UNREACHABLE.has(e.type)) ||
    e?.name === "ServiceNotFoundError" ||
    e?.name === "ServiceNotAvailableError" ||
    e?.name === "RequestTimeoutError" ||
    (e?.type === ErrorType.SERVICE_UNAVAILABLE && e?.code === 503)
  );
}

/** True for an error this platform raised on purpose (safe to show its message). */
export const isAppError = (err: unknown): err is AppError =>
  err instanceof Errors.MoleculerClientError ||
  ((err as { name?: string })?.name === "AppError" && typeof (err as { code?: unknown }).code === "number");
