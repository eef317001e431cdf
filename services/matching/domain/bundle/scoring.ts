import { minutesByDay, overlapMinutes, weeklyHours, WEEKDAYS, type Schedule } from "../../../shared/schedule";
import { daysBetween } from "../../../shared/dates";
import type { BundleRules, BundleSearch } from "./types";

/** Share of the patient's hours inside the therapist's working hours; null when the hours are unknown (neutral). */
export function availabilityOverlap(therapistHours: Schedule, patientHours: Schedule): number | null {
  if (minutesByDay(therapistHours).size === 0) return null;
  const total = weeklyHours(patientHours) * 60;
  return total > 0 ? overlapMinutes(therapistHours, patientHours) / total : 0;
}

/** Hours parsed once: per weekday index a flat [start, end, start, end, …] list of merged ranges in minutes. */
export interface ParsedHours {
  days: number[][];
  total: number;
}

export function parseHours(s: Schedule): ParsedHours | null {
  const m = minutesByDay(s);
  if (m.size === 0) return null;
  let total = 0;
  const days = WEEKDAYS.map((d) => {
    const flat: number[] = [];
    for (const [a, b] of m.get(d) ?? []) {
      flat.push(a, b);
      total += b - a;
    }
    return flat;
  });
  return { days, total };
}

/** Same value as availabilityOverlap, on parsed hours (integer minutes, so the ratio is bit-identical). */
export function parsedOverlap(therapist: ParsedHours | null, patient: ParsedHours | null): number | null {
  if (!therapist) return null;
  if (!patient || patient.total === 0) return 0;
  let shared = 0;
  for (let d = 0; d < 7; d++) {
    const a = therapist.days[d];
    const b = patient.days[d];
    for (let i = 0; i < a.length; i += 2)
      for (let j = 0; j < b.length; j += 2)
        shared += Math.max(0, Math.min(a[i + 1], b[j + 1]) - Math.max(a[i], b[j]));
  }
  return shared / patient.total;
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
