import { z } from "zod";

/** One configuration key: the environment variable it is read from, its schema (with default) and what it is for. */
export interface ConfigKey<T extends z.ZodType = z.ZodType> {
  env: string;
  schema: T;
  description: string;
  /** Shown in .env.example instead of the default (secrets, generated values). */
  example?: string;
}

export const key = <T extends z.ZodType>(
  env: string,
  schema: T,
  description: string,
  example?: string,
): ConfigKey<T> => ({ env, schema, description, example });

/** Environment strings are parsed strictly: "true"/"false"/"1"/"0" only, so a typo is an error, not `false`. */
export const bool = (def: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
    .transform((v) => v === "true" || v === "1" || v === "yes")
    .optional()
    .transform((v) => (v === undefined ? def : v));

export const int = (def: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^-?\d+$/, { message: "expected a whole number" })
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .optional()
    .transform((v) => (v === undefined ? def : v));

export const num = (def: number, min = -Infinity, max = Infinity) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { message: "expected a number" })
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .optional()
    .transform((v) => (v === undefined ? def : v));

export const str = (def: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? def : v));

/** Unset or empty means "not configured". */
export const optionalStr = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? null : v));

export const url = (def: string | null, protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? def : v))
    .refine((v) => v === null || protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}:`).join(" or ")}`,
    });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, def: T[number]) =>
  z
    .enum(values as unknown as [string, ...string[]], { message: `expected one of ${values.join(", ")}` })
    .optional()
    .transform((v) => (v === undefined ? def : v) as T[number]);

export type Section = Record<string, ConfigKey>;
export type SectionValues<S extends Section> = { readonly [K in keyof S]: z.output<S[K]["schema"]> };
