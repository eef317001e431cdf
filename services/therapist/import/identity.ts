import type { ImportedTherapist } from "./mapping";

type Row = Record<string, any>;

/** Names compared loosely: case, spacing around hyphens, extra middle names (decisions.md 19). */
export const normName = (s: string | null | undefined) =>
  (s ?? "")
    .toLowerCase()
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim();
const firstOf = (s: string) => normName(s).split(" ")[0];

const nameKey = (vorname: string | null | undefined, nachname: string | null | undefined) =>
  `${firstOf(vorname ?? "")}\u0000${normName(nachname)}`;
const placeKey = (r: {
  vorname?: string | null;
  ort?: string | null;
  strasse?: string | null;
  titel?: string | null;
}) => [firstOf(r.vorname ?? ""), normName(r.ort), normName(r.strasse), normName(r.titel)].join("\u0000");

/**
 * Finds the stored therapist an imported record is: first the same first + last name + PLZ; else (a changed
 * surname) first name + PLZ + city + street + title, and the e-mail too when the record has one. Two
 * locations of one practice (different PLZ or street) stay two therapists. Keys are hashed once per row, so a
 * PLZ with thousands of therapists costs no more per record than one with ten.
 */
export class IdentityIndex {
  private readonly byName = new Map<string, Row>();
  private readonly byPlace = new Map<string, Row[]>();

  constructor(rows: Row[] = []) {
    rows.forEach((r) => this.add(r));
  }

  /** Adds a row (stored or about to be inserted); an earlier row with the same keys keeps precedence. */
  add(r: Row): void {
    const n = `${r.plz}\u0000${nameKey(r.vorname, r.nachname)}`;
    if (!this.byName.has(n)) this.byName.set(n, r);
    const p = `${r.plz}\u0000${placeKey(r)}`;
    (this.byPlace.get(p) ?? this.byPlace.set(p, []).get(p)!).push(r);
  }

  find(t: ImportedTherapist): Row | null {
    const byName = this.byName.get(`${t.plz}\u0000${nameKey(t.vorname, t.nachname)}`);
    if (byName) return byName;
    const place = this.byPlace.get(`${t.plz}\u0000${placeKey(t)}`) ?? [];
    return place.find((c) => !t.email || normName(c.email) === normName(t.email)) ?? null;
  }
}

/** One lookup without an index (see IdentityIndex). */
export function findExisting(t: ImportedTherapist, candidates: Row[]): Row | null {
  return new IdentityIndex(candidates.filter((c) => c.plz === t.plz)).find(t);
}

/** Fields the importer may write; everything staff maintain (status, cooling, preferences, …) is never touched. */
export const IMPORTED_FIELDS = [
  "anrede",
  "geschlecht",
  "titel",
  "vorname",
  "nachname",
  "strasse",
  "plz",
  "ort",
  "telefon",
  "fax",
  "email",
  "webseite",
  "telefonische_erreichbarkeit",
  "fremdsprachen",
  "psychotherapieverfahren",
  "latitude",
  "longitude",
] as const;

/** JSON with object keys sorted: jsonb returns keys in its own order ("montag" before "dienstag" by length). */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, x[k]]),
        )
      : x,
  );
}

/** The changes an import would make: only real differences, and never an existing e-mail replaced by none. */
export function changesFor(existing: Row, t: ImportedTherapist): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of IMPORTED_FIELDS) {
    const next = t[f];
    const cur = existing[f];
    if (next === null || next === undefined || (typeof next === "string" && next === "")) {
      if (f === "email" || f === "latitude" || f === "longitude" || f === "telefon") continue;
    }
    if (canonical(cur) !== canonical(next)) out[f] = next;
  }
  return out;
}
