import { addDays } from "../../shared/dates";
import { formatMinutes, minutesByDay, weekdayOfDate, type Schedule } from "../../shared/schedule";

/** A call already in the list (status other than abgebrochen). */
export interface Booking {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  minutes: number;
}

export interface SlotRules {
  durationMinutes: number;
  /** HH:MM used when the therapist's phone hours are unknown (DEFAULT_PHONE_CALL_TIME). */
  defaultTime: string;
  /** How many days ahead to look before giving up. */
  maxDays: number;
}

/** Length of an inquiry call (first contact by phone or follow-up) in the call list. */
export const INQUIRY_CALL_MINUTES = 5;

// Without phone hours, calls are stacked from the default time on in this window, then the next day.
const DEFAULT_WINDOW_MINUTES = 60;

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

function isFree(date: string, start: number, duration: number, bookings: readonly Booking[]): boolean {
  return !bookings.some((b) => {
    if (b.date !== date) return false;
    const s = toMinutes(b.time);
    return start < s + b.minutes && s < start + duration;
  });
}

/** Free call windows of one day: the phone hours of that weekday, or the default window when none are known. */
function windowsOf(
  date: string,
  hours: Map<string, [number, number][]>,
  rules: SlotRules,
): [number, number][] {
  if (hours.size === 0) {
    const start = toMinutes(rules.defaultTime);
    return [[start, start + DEFAULT_WINDOW_MINUTES]];
  }
  return hours.get(weekdayOfDate(date)) ?? [];
}

/** The first free time on one given day (staff chose the date), or null when that day is full or has no hours. */
export function freeTimeOn(
  date: string,
  phoneHours: Schedule,
  bookings: readonly Booking[],
  rules: SlotRules,
): string | null {
  for (const [start, end] of windowsOf(date, minutesByDay(phoneHours), rules)) {
    for (let m = start; m + rules.durationMinutes <= end; m += 5) {
      if (isFree(date, m, rules.durationMinutes, bookings)) return formatMinutes(m);
    }
  }
  return null;
}

/**
 * The next free call slot (domain.md 3.13, decisions.md 14): from `from` (tomorrow) on, working days only
 * (Monday to Friday, no public holiday of the practice's state), inside the therapist's phone hours, on the
 * 5-minute grid, not overlapping a planned call; without phone hours from the default time on.
 */
export function planCall(
  phoneHours: Schedule,
  bookings: readonly Booking[],
  from: string,
  isHoliday: (date: string) => boolean,
  rules: SlotRules,
): { date: string; time: string } | null {
  for (let i = 0; i < rules.maxDays; i++) {
    const date = addDays(from, i);
    const day = weekdayOfDate(date);
    if (day === "samstag" || day === "sonntag" || isHoliday(date)) continue;
    const time = freeTimeOn(date, phoneHours, bookings, rules);
    if (time) return { date, time };
  }
  return null;
}
