import { addDays } from "../../shared/dates";
import { formatMinutes, minutesByDay, weekdayOfDate, type Schedule } from "../../shared/schedule";

export interface SlotRules {
  durationMinutes: number;
  defaultTime: string;
  maxDays: number;
}

/**
 * The next free call slot (domain.md 3.13, decisions.md 14): from `from` (tomorrow) on, working days only
 * (Mon–Fri, no public holiday of the practice's state), in the therapist's phone hours, in free slots of
 * the call's length; without phone hours the default time on the next free working day.
 */
export function planCall(
  phoneHours: Schedule,
  booked: ReadonlySet<string>,
  from: string,
  isHoliday: (date: string) => boolean,
  rules: SlotRules,
): { date: string; time: string } | null {
  const hours = minutesByDay(phoneHours);
  const known = hours.size > 0;
  for (let i = 0; i < rules.maxDays; i++) {
    const date = addDays(from, i);
    const day = weekdayOfDate(date);
    if (day === "samstag" || day === "sonntag" || isHoliday(date)) continue;
    if (!known) {
      if (!booked.has(`${date} ${rules.defaultTime}`)) return { date, time: rules.defaultTime };
      continue;
    }
    for (const [start, end] of hours.get(day) ?? []) {
      for (let m = start; m + rules.durationMinutes <= end; m += rules.durationMinutes) {
        const time = formatMinutes(m);
        if (!booked.has(`${date} ${time}`)) return { date, time };
      }
    }
  }
  return null;
}
