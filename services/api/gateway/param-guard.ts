import type { IncomingMessage } from "node:http";
import { badRequest } from "../../../mixins/errors";

/** Keys that reach or replace an object's prototype once merged into params (`Object.assign`, spreads). */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** Deeper bodies are no form a client sends; refusing them keeps recursive code (JSON.stringify, zod) safe. */
const MAX_DEPTH = 32;

export const ParamErrorType = {
  FORBIDDEN_KEY: "FORBIDDEN_KEY",
  BODY_TOO_DEEP: "BODY_TOO_DEEP",
  INVALID_PARAMETER: "INVALID_PARAMETER",
} as const;

type Req = IncomingMessage & { body?: unknown; query?: Record<string, unknown> };

/** Methods whose parameters are filters and ids: only single values (a JSON body on a GET is merged too). */
const SCALAR_ONLY = new Set(["GET", "HEAD", "DELETE"]);

/** The first forbidden key anywhere in a parsed body, walked iteratively (no stack to overflow). */
function checkTree(root: unknown): void {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: root, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_DEPTH)
      throw badRequest(
        `Request body nested too deeply (max ${MAX_DEPTH} levels)`,
        {},
        ParamErrorType.BODY_TOO_DEEP,
      );
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key))
        throw badRequest(
          `Key '${key}' is not allowed in a request`,
          { field: key },
          ParamErrorType.FORBIDDEN_KEY,
        );
      stack.push({ v: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
}

/**
 * Every route, before its action runs: query parameters are single values (`?entity[]=a&entity[]=b` or
 * `?a[b]=c` reached handlers that expect a string and ended in a SQL error, 500), and no body or query key can
 * touch a prototype. Lists in query strings are written as one comma-separated value where a route supports them.
 */
export function guardParams(req: Req): void {
  const scalars: Record<string, unknown> = { ...(req.query ?? {}) };
  if (
    SCALAR_ONLY.has(req.method ?? "") &&
    req.body &&
    typeof req.body === "object" &&
    !Array.isArray(req.body)
  )
    Object.assign(scalars, req.body);
  for (const [name, value] of Object.entries(scalars)) {
    if (FORBIDDEN_KEYS.has(name))
      throw badRequest(
        `Key '${name}' is not allowed in a request`,
        { field: name },
        ParamErrorType.FORBIDDEN_KEY,
      );
    if (value !== null && typeof value === "object")
      throw badRequest(
        `Parameter '${name}' must be given once, as a single value`,
        { field: name },
        ParamErrorType.INVALID_PARAMETER,
      );
  }
  checkTree(req.body);
}
