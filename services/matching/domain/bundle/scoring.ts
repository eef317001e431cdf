import { minutesByDay, overlapMinutes, weeklyHours, type Schedule } from "../../../shared/schedule";
import { daysBetween } from "../../../shared/dates";
import type { BundleRules, BundleSearch, BundleTherapist, PreferenceModel } from "./types";

/** Share of the patient's hours inside the therapist's working hours; null when the hours are unknown (neutral). */
export function availabilityOverlap(therapistHours: Schedule, patientHours: Schedule): number | null {
  if (minutesByDay(therapistHours).size === 0) return null;
  const total = weeklyHours(patientHours) * 60;
  return total > 0 ? overlapMinutes(therapistHours, patientHours) / total : 0;
}

/**
 * Soft score (decisions.md 4, weights in config): waiting time (a year counts fully), availability overlap
 * (0.5 when unknown), learned acceptance, nearness. Hard constraints have already been applied.
 */
export function bundleScore(
  s: BundleSearch,
  t: BundleTherapist,
  distanceKm: number,
  overlap: number | null,
  rules: BundleRules,
  preference: PreferenceModel,
): number {
  const w = rules.weights;
  const waitingDays = Math.max(0, daysBetween(s.created_at.slice(0, 10), rules.today));
  return (
    w.waiting * Math.min(1, waitingDays / 365) +
    w.availability * (overlap ?? 0.5) +
    w.preference * preference(t.id, s.attributes) +
    w.distance * (1 - Math.min(1, distanceKm / Math.max(1, s.max_km)))
  );
}
