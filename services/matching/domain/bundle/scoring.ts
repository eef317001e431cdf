import { minutesByDay, overlapMinutes, weeklyHours, type Schedule } from "../../../shared/schedule";
import { daysBetween } from "../../../shared/dates";
import type { BundleRules, BundleSearch } from "./types";

/** Share of the patient's hours inside the therapist's working hours; null when the hours are unknown (neutral). */
export function availabilityOverlap(therapistHours: Schedule, patientHours: Schedule): number | null {
  if (minutesByDay(therapistHours).size === 0) return null;
  const total = weeklyHours(patientHours) * 60;
  return total > 0 ? overlapMinutes(therapistHours, patientHours) / total : 0;
}

/** Waiting counts fully after a year. */
export const waitingFraction = (s: BundleSearch, today: string) =>
  Math.min(1, Math.max(0, daysBetween(s.created_at.slice(0, 10), today)) / 365);

/**
 * Soft score (decisions.md 4, weights in config): waiting time, availability overlap (0.5 when unknown),
 * learned acceptance, nearness. Hard constraints have already been applied. One formula for engine and reference.
 */
export function scoreOf(
  waiting: number,
  overlap: number | null,
  preference: number,
  distanceKm: number,
  maxKm: number,
  w: BundleRules["weights"],
): number {
  return (
    w.waiting * waiting +
    w.availability * (overlap ?? 0.5) +
    w.preference * preference +
    w.distance * (1 - Math.min(1, distanceKm / Math.max(1, maxKm)))
  );
}
