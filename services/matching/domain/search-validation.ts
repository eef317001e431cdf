import { hasAnySlot, type Schedule } from "../../shared/schedule";

const PREFIX = "Cannot create platzsuche: ";

/**
 * A patient must be complete before a search starts (domain.md 3.3), checked in this order; the first
 * failure wins. Diagnosis is not required and never named.
 */
export function searchPrerequisiteError(p: Record<string, unknown>): string | null {
  for (const f of ["geschlecht", "symptome", "krankenkasse", "geburtsdatum"]) {
    const v = p[f];
    const empty =
      v === null ||
      v === undefined ||
      (typeof v === "string" && v.trim() === "") ||
      (Array.isArray(v) && v.length === 0);
    if (empty) return `${PREFIX}Patient field '${f}' is required and cannot be empty`;
  }
  for (const f of ["erfahrung_mit_psychotherapie", "offen_fuer_gruppentherapie"]) {
    if (p[f] === null || p[f] === undefined)
      return `${PREFIX}Patient field '${f}' must be explicitly set (true/false)`;
  }
  const zv = p.zeitliche_verfuegbarkeit as Schedule | null | undefined;
  if (!zv || typeof zv !== "object" || Object.keys(zv).length === 0) {
    return `${PREFIX}Patient must have 'zeitliche_verfuegbarkeit' with at least one day/time`;
  }
  if (!hasAnySlot(zv))
    return `${PREFIX}Patient must have at least one valid time slot in 'zeitliche_verfuegbarkeit'`;
  if (p.erfahrung_mit_psychotherapie === true && !p.letzte_sitzung_vorherige_psychotherapie) {
    return `${PREFIX}Field 'letzte_sitzung_vorherige_psychotherapie' is required when 'erfahrung_mit_psychotherapie' is true`;
  }
  return null;
}
