import { AppError } from "../../../mixins/errors";
import { GeoErrorType } from "../errors";
import type { Parsed } from "../domain/requests";

/** The contract's error body `{status: "error", error}` (domain.md 4.6) with a stable type. */
export const geoError = (status: number, error: string, type: string = GeoErrorType.GEOCODING_ERROR) =>
  new AppError(status, type, error, { status: "error", error });

/** The value of a parsed request, or its 400. */
export function valueOr400<T>(p: Parsed<T>): T {
  if (!p.ok) throw geoError(400, p.error, "VALIDATION_ERROR");
  return p.value;
}
