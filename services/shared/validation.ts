import { invalidEnumMessage } from "./enums";
import { isIsoDate } from "./dates";
import { normalizeSchedule } from "./schedule";
import { symptomsError } from "./symptoms";

/**
 * Field rules shared by the patient and therapist records, with the earlier system's exact messages
 * (domain.md 4.2/4.3). A rule returns the normalised value or an error message.
 */
export type Rule =
  | { kind: "enum"; label: string; values: readonly string[] }
  | { kind: "string"; max?: number }
  | { kind: "text" }
  | { kind: "date" }
  | { kind: "bool" }
  | { kind: "int"; min?: number; max?: number }
  | { kind: "plz" }
  | { kind: "email" }
  | { kind: "symptoms" }
  | { kind: "schedule" }
  | { kind: "stringList" }
  | { kind: "idList" }
  | { kind: "maxKm" };

export type Rules = Record<string, Rule>;
type Result = { ok: true; value: unknown } | { ok: false; error: string };

const ok = (value: unknown): Result => ({ ok: true, value });
const fail = (error: string): Result => ({ ok: false, error });

function check(field: string, rule: Rule, v: unknown): Result {
  // Explicit null clears an optional field (required fields are checked separately).
  if (v === null) return ok(null);
  switch (rule.kind) {
    case "enum":
      return rule.values.includes(v as string) ? ok(v) : fail(invalidEnumMessage(rule.label, v, rule.values));
    case "string": {
      if (typeof v !== "string" && typeof v !== "number") return fail(`Field '${field}' must be a string`);
      const s = String(v).trim();
      if (rule.max && s.length > rule.max)
        return fail(`Field '${field}' must be at most ${rule.max} characters`);
      return ok(s);
    }
    case "text":
      return typeof v === "string" ? ok(v) : fail(`Field '${field}' must be a string`);
    case "date":
      return isIsoDate(v) ? ok(v) : fail(`Invalid date format for ${field}. Use YYYY-MM-DD`);
    case "bool":
      return typeof v === "boolean" ? ok(v) : fail(`Field '${field}' must be true or false`);
    case "int": {
      if (typeof v !== "number" || !Number.isInteger(v))
        return fail(`Field '${field}' must be a whole number`);
      if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max)) {
        return fail(`Field '${field}' must be between ${rule.min ?? "-∞"} and ${rule.max ?? "∞"}`);
      }
      return ok(v);
    }
    case "plz":
      return typeof v === "string" && /^\d{5}$/.test(v.trim())
        ? ok(v.trim())
        : fail(`Invalid PLZ '${String(v)}'. Must be 5 digits`);
    case "email":
      return typeof v === "string" && (v.trim() === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()))
        ? ok(v.trim() === "" ? null : v.trim())
        : fail(`Invalid email address '${String(v)}'`);
    case "symptoms": {
      const e = symptomsError(v);
      return e ? fail(e) : ok(v);
    }
    case "schedule": {
      const r = normalizeSchedule(v);
      return r.ok ? ok(r.value) : fail(`Invalid ${field}: ${r.error}`);
    }
    case "stringList":
      return Array.isArray(v) && v.every((x) => typeof x === "string")
        ? ok(v.map((x) => x.trim()).filter(Boolean))
        : fail(`Field '${field}' must be a list of strings`);
    case "idList":
      return Array.isArray(v) && v.every((x) => Number.isInteger(x) && x > 0)
        ? ok(v)
        : fail("Invalid therapist IDs in exclusion list");
    case "maxKm": {
      const km = (v as { max_km?: unknown })?.max_km;
      return typeof v === "object" && !Array.isArray(v) && typeof km === "number" && km > 0 && km <= 1000
        ? ok({ max_km: km })
        : fail(`Invalid ${field}. Use {"max_km": <km between 1 and 1000>}`);
    }
  }
}

export interface Validated {
  value: Record<string, unknown>;
  error: string | null;
  /** The input field the error is about, so a client can show it next to that control. */
  field?: string;
}

/**
 * Validates the known fields present in `input` (unknown keys are ignored, like the earlier API) and checks
 * that `required` fields are present and non-empty. The first problem wins.
 */
export function validateFields(
  input: Record<string, unknown>,
  rules: Rules,
  required: readonly string[] = [],
): Validated {
  for (const f of required) {
    const v = input[f];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      return { value: {}, error: `Field '${f}' is required`, field: f };
    }
  }
  const value: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(rules)) {
    if (!(field in input) || input[field] === undefined) continue;
    const r = check(field, rule, input[field]);
    if (!r.ok) return { value: {}, error: r.error, field };
    value[field] = r.value;
  }
  return { value, error: null };
}

/**
 * How `null` is stored for fields that cannot be empty (issue 12.9): `empty` maps a field to the value a null
 * stores (`[]`, `{}` or the field's default, the same as a new record without it); `kept` fields cannot be
 * cleared (a null is left out on create and refused on update).
 */
export interface NullRules {
  empty: Readonly<Record<string, unknown>>;
  kept: readonly string[];
}

/** Applies `rules` to the nulls of a validated body in place; returns the contract-style error or null. */
export function resolveNulls(
  value: Record<string, unknown>,
  rules: NullRules,
  mode: "create" | "update",
): string | null {
  for (const f of rules.kept) {
    if (value[f] !== null) continue;
    if (mode === "update") return `Field '${f}' cannot be cleared`;
    delete value[f];
  }
  for (const [f, empty] of Object.entries(rules.empty)) if (value[f] === null) value[f] = empty;
  return null;
}
