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

/**
 * Finds the stored therapist an imported record is: first the same first + last name + PLZ; else (a changed
 * surname) first name + PLZ + city + street + title, and the e-mail too when the record has one. Two
 * locations of one practice (different PLZ or street) stay two therapists.
 */
export function findExisting(t: ImportedTherapist, candidates: Row[]): Row | null {
  const samePlz = candidates.filter((c) => c.plz === t.plz);
  const byName = samePlz.find(
    (c) => firstOf(c.vorname) === firstOf(t.vorname) && normName(c.nachname) === normName(t.nachname),
  );
  if (byName) return byName;
  return (
    samePlz.find(
      (c) =>
        firstOf(c.vorname) === firstOf(t.vorname) &&
        normName(c.ort) === normName(t.ort) &&
        normName(c.strasse) === normName(t.strasse) &&
        normName(c.titel) === normName(t.titel) &&
        (!t.email || normName(c.email) === normName(t.email)),
    ) ?? null
  );
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

/** The changes an import would make: only real differences, and never an existing e-mail replaced by none. */
export function changesFor(existing: Row, t: ImportedTherapist): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of IMPORTED_FIELDS) {
    const next = t[f];
    const cur = existing[f];
    if (next === null || next === undefined || (typeof next === "string" && next === "")) {
      if (f === "email" || f === "latitude" || f === "longitude" || f === "telefon") continue;
    }
    if (JSON.stringify(cur ?? null) !== JSON.stringify(next ?? null)) out[f] = next;
  }
  return out;
}
