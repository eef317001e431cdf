import { minutesByDay, parseRange, WEEKDAYS, type Schedule } from "../../../shared/schedule";

/**
 * Weekly hours parsed once per record, with the same merged ranges as shared/schedule.ts minutesByDay. Most
 * schedules have at most one range per day; those are also packed as seven [start, end) pairs (0, 0 for a free
 * day) so the bundle run compares two of them with fourteen numbers and no allocation.
 */
export interface ParsedHours {
  /** Per weekday index a flat [start, end, start, end, …] list of merged ranges in minutes. */
  days: number[][];
  /**
   * The reference's denominator, weeklyHours(s) * 60: minutes → hours → minutes, so the share is the same
   * double even where that round trip is not exact.
   */
  denominator: number;
  /** Seven [start, end) pairs, or null when some day has more than one range. */
  packed: Int32Array | null;
}

const DIGIT_0 = 48;
const digits2 = (t: string, at: number) => {
  const a = t.charCodeAt(at) - DIGIT_0;
  const b = t.charCodeAt(at + 1) - DIGIT_0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};
const time = (t: string, at: number) => {
  const h = digits2(t, at);
  const m = digits2(t, at + 3);
  return h < 0 || m < 0 || m > 59 || h > 24 || (h === 24 && m !== 0) ? -1 : h * 60 + m;
};

/** parseRange for the canonical "HH:MM-HH:MM" read from char codes (decisions.md 18); anything else via parseRange. */
function readRange(text: string): [number, number] | null {
  if (
    typeof text === "string" &&
    text.length === 11 &&
    text.charCodeAt(2) === 58 &&
    text.charCodeAt(5) === 45 &&
    text.charCodeAt(8) === 58
  ) {
    const start = time(text, 0);
    const end = time(text, 6);
    if (start >= 0 && end >= 0) return end > start ? [start, end] : null;
  }
  return parseRange(text);
}

const FREE: number[] = [];

/** One day's merged ranges (never mutated: a free day shares one empty list). */
function mergedDay(list: unknown): number[] | null {
  if (list === undefined || list === null) return FREE;
  if (!Array.isArray(list)) return null;
  if (list.length <= 1) {
    const r = list.length ? readRange(list[0]) : null;
    return r ?? FREE;
  }
  const ranges: [number, number][] = [];
  for (const text of list) {
    const r = readRange(text);
    if (r) ranges.push(r);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [a, b] of ranges) {
    const last = flat.length - 1;
    if (last > 0 && a <= flat[last]) flat[last] = Math.max(flat[last], b);
    else flat.push(a, b);
  }
  return flat;
}

export function parseHours(s: Schedule): ParsedHours | null {
  let days: number[][] = [];
  for (const day of WEEKDAYS) {
    const flat = mergedDay(s[day]);
    if (!flat) {
      // Not a canonical schedule: minutesByDay decides what it means.
      const m = minutesByDay(s);
      days = WEEKDAYS.map((d) => (m.get(d) ?? []).flat());
      break;
    }
    days.push(flat);
  }
  let total = 0;
  let single = true;
  for (const flat of days) {
    for (let k = 0; k < flat.length; k += 2) total += flat[k + 1] - flat[k];
    if (flat.length > 2) single = false;
  }
  if (days.every((d) => d.length === 0)) return null;
  const packed = single ? new Int32Array(14) : null;
  if (packed) days.forEach((flat, d) => flat.length && packed.set(flat, 2 * d));
  return { days, denominator: (total / 60) * 60, packed };
}

/** Minutes both schedules have, from packed hours (`a` at offset `at`, `b` at `bt`). */
export function sharedMinutesPacked(a: Int32Array, at: number, b: Int32Array, bt: number): number {
  let shared = 0;
  for (let k = 0; k < 14; k += 2) {
    const from = a[at + k] > b[bt + k] ? a[at + k] : b[bt + k];
    const to = a[at + k + 1] < b[bt + k + 1] ? a[at + k + 1] : b[bt + k + 1];
    if (to > from) shared += to - from;
  }
  return shared;
}

/** Minutes both schedules have. */
export function sharedMinutes(therapist: ParsedHours, patient: ParsedHours): number {
  if (therapist.packed && patient.packed) return sharedMinutesPacked(therapist.packed, 0, patient.packed, 0);
  let shared = 0;
  for (let d = 0; d < 7; d++) {
    const a = therapist.days[d];
    const b = patient.days[d];
    for (let i = 0; i < a.length; i += 2)
      for (let j = 0; j < b.length; j += 2)
        shared += Math.max(0, Math.min(a[i + 1], b[j + 1]) - Math.max(a[i], b[j]));
  }
  return shared;
}

/** Same value as scoring.ts availabilityOverlap, on parsed hours. */
export function parsedOverlap(therapist: ParsedHours | null, patient: ParsedHours | null): number | null {
  if (!therapist) return null;
  if (!patient || patient.denominator === 0) return 0;
  return sharedMinutes(therapist, patient) / patient.denominator;
}
