import type { z } from "zod";
import { badRequest } from "./errors";

/**
 * Parses action params with the action's zod schema; the first problem becomes a 400 whose message names the
 * field (custom messages in the schema win, so contract messages can be expressed there).
 */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const r = schema.safeParse(params ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.join(".");
  const generic = issue.message.startsWith("Invalid input") || issue.message.startsWith("Expected");
  const message = generic && field ? `${field}: ${issue.message}` : issue.message;
  throw badRequest(message, field ? { field } : {});
}

/** Route ids arrive as strings; anything but a positive integer is "not found" for the caller to phrase. */
export function parseId(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  if (typeof v === "string" && /^\d{1,15}$/.test(v) && Number(v) > 0) return Number(v);
  return null;
}

/** Strict boolean from query strings ("true"/"false") or JSON booleans; null when absent, undefined when invalid. */
export function parseBool(v: unknown): boolean | null | undefined {
  if (v === undefined || v === null || v === "") return null;
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return undefined;
}
