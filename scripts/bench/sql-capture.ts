import { Client } from "pg";

export interface CapturedQuery {
  text: string;
  values?: unknown[];
}

let buffer: CapturedQuery[] | null = null;

/**
 * Records every statement this process sends to PostgreSQL while capturing is on, so the baseline server of
 * the gateway benchmark can replay exactly the SQL one platform request runs (quality.md P2: "the same SQL").
 */
export function installSqlCapture(): { start(): void; stop(): CapturedQuery[] } {
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: Client,
    ...args: unknown[]
  ) {
    if (buffer) {
      const [a, b] = args;
      if (typeof a === "string") buffer.push({ text: a, values: Array.isArray(b) ? b : undefined });
      else if (a && typeof a === "object" && typeof (a as { text?: unknown }).text === "string")
        buffer.push({ text: (a as { text: string }).text, values: (a as { values?: unknown[] }).values });
    }
    return original.apply(this, args);
  };
  return {
    start: () => {
      buffer = [];
    },
    stop: () => {
      const out = buffer ?? [];
      buffer = null;
      return out;
    },
  };
}
