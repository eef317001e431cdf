import { createHash } from "node:crypto";

/**
 * A stable hash of everything a bundle run decides on (searches, therapists, pending therapists, learned
 * preferences, rules incl. the date). A reviewed dry-run proposal may be committed only while this hash is
 * unchanged (docs/bundles.md "Review, then commit"): equal hash, equal inputs, so the run would propose exactly
 * what was reviewed. Sets and Maps are written sorted, arrays of records sorted by id, so the order in which the
 * database returned rows does not change the hash.
 */
export function inputFingerprint(input: Record<string, unknown>): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(input, replacer));
  return hash.digest("hex");
}

const key = (v: unknown) => (typeof v === "number" ? v : String(v));
const byKey = (a: unknown, b: unknown) => {
  const x = key(a);
  const y = key(b);
  return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
};

function replacer(_k: string, v: unknown): unknown {
  if (v instanceof Set) return [...v].sort(byKey);
  if (v instanceof Map) return [...v.entries()].sort((a, b) => byKey(a[0], b[0]));
  if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === "object" && !Array.isArray(x))) {
    const idOf = (x: any) => x.platzsuche_id ?? x.id;
    if (v.every((x) => typeof idOf(x) === "number")) return [...v].sort((a, b) => idOf(a) - idOf(b));
  }
  return v;
}
