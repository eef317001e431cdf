import { SUCHSTATUS, type Suchstatus } from "../../shared/enums";

const ALLOWED: Record<Suchstatus, readonly Suchstatus[]> = {
  aktiv: ["pausiert", "erfolgreich", "abgebrochen"],
  pausiert: ["aktiv", "abgebrochen"],
  erfolgreich: [],
  abgebrochen: [],
};

/**
 * Validates a search update (domain.md 3.3): status value, transition, placed therapist rules.
 * Returns the contract's message, or null when the change is allowed.
 */
export function searchUpdateError(
  current: { status: Suchstatus; vermittelter_therapeut_id: number | null },
  change: { status?: unknown; vermittelter_therapeut_id?: unknown },
): string | null {
  if (change.status !== undefined && !SUCHSTATUS.includes(change.status as Suchstatus)) {
    return `Invalid status '${String(change.status)}'. Valid values: ${SUCHSTATUS.join(", ")}`;
  }
  if ("vermittelter_therapeut_id" in change && change.vermittelter_therapeut_id !== undefined) {
    const v = change.vermittelter_therapeut_id;
    if (v !== null && !(Number.isInteger(v) && (v as number) > 0)) return "Invalid vermittelter_therapeut_id";
    if (current.status === "erfolgreich" && v !== current.vermittelter_therapeut_id) {
      return "Cannot change vermittelter_therapeut_id after successful placement";
    }
  }
  const next = change.status as Suchstatus | undefined;
  if (next !== undefined && next !== current.status) {
    if (!ALLOWED[current.status].includes(next)) {
      return `Invalid status transition from '${current.status}' to '${next}'`;
    }
    if (next === "erfolgreich") {
      const placed =
        change.vermittelter_therapeut_id !== undefined
          ? change.vermittelter_therapeut_id
          : current.vermittelter_therapeut_id;
      if (!placed) return "Cannot mark as erfolgreich without vermittelter_therapeut_id";
    }
  }
  return null;
}
