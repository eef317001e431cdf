/**
 * Weekly schedules (zeitliche_verfuegbarkeit, telefonische_erreichbarkeit, arbeitszeiten).
 * Canonical form (decisions.md 18): lowercase German weekday keys in week order, each a
 * sorted list of zero-padded 24-hour ranges "HH:MM-HH:MM".
 */
export const WEEKDAYS = [
  "montag",
  "dienstag",
  "mittwoch",
  "donnerstag",
  "freitag",
  "samstag",
  "sonntag",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Schedule = Partial<Record<Weekday, string[]>>;

const DAY_ALIASES: Record<string, Weekday> = {};
const aliasList: [Weekday, string[]][] = [
  ["montag", ["montag", "mo", "monday", "mon"]],
  ["dienstag", ["dienstag", "di", "tuesday", "tue", "tues"]],
  ["mittwoch", ["mittwoch", "mi", "wednesday", "wed"]],
  ["donnerstag", ["donnerstag", "do", "thursday", "thu", "thur", "thurs"]],
  ["freitag", ["freitag", "fr", "friday", "fri"]],
  ["samstag", ["samstag", "sa", "sonnabend", "saturday", "sat"]],
  ["sonntag", ["sonntag", "so", "sunday", "sun"]],
];
for (const [day, names] of aliasList) for (const n of names) DAY_ALIASES[n] = day;

/** `Mo.`, `Montag`, `monday`, `MO` → `montag`; null when not a weekday. */
export function weekdayKey(raw: string): Weekday | null {
  const k = raw.trim().toLowerCase().replace(/\.$/, "");
  return DAY_ALIASES[k] ?? null;
}

/** Weekday of an ISO date (YYYY-MM-DD) in the canonical key form. */
export function weekdayOfDate(isoDate: string): Weekday {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return WEEKDAYS[(d.getUTCDay() + 6) % 7];
}

const TIME = /^(\d{1,2})[:.](\d{2})(?:\s*uhr)?$/i;

function parseTime(raw: string): number | null {
  const m = TIME.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

const pad = (n: number) => String(n).padStart(2, "0");
export const formatMinutes = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** `9:10-10:00`, `08:00 - 12:00`, `08:00 bis 12:00 Uhr` → [start, end] in minutes; null if unreadable or empty. */
export function parseRange(raw: string): [number, number] | null {
  const parts = raw.split(/\s*(?:-|–|bis)\s*/i);
  if (parts.length !== 2) return null;
  const start = parseTime(parts[0]);
  const end = parseTime(parts[1]);
  if (start === null || end === null || end <= start) return null;
  return [start, end];
}

export const formatRange = ([s, e]: [number, number]) => `${formatMinutes(s)}-${formatMinutes(e)}`;

export type ScheduleResult = { ok: true; value: Schedule } | { ok: false; error: string };

function rangesOf(value: unknown): string[] | { error: string } {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined || item === "") continue;
    if (typeof item === "string") {
      // Several windows in one string: "08:00-10:00; 14:00-16:00" or "08:00-10:00, 14:00-16:00".
      for (const piece of item.split(/[;,]/)) {
        if (piece.trim() === "") continue;
        const r = parseRange(piece);
        if (!r) return { error: `invalid time range '${piece.trim()}'` };
        out.push(formatRange(r));
      }
    } else if (typeof item === "object" && "start" in item && "end" in item) {
      const o = item as { start: unknown; end: unknown };
      const r = parseRange(`${String(o.start)}-${String(o.end)}`);
      if (!r) return { error: `invalid time range '${String(o.start)}-${String(o.end)}'` };
      out.push(formatRange(r));
    } else {
      return { error: `invalid time range ${JSON.stringify(item)}` };
    }
  }
  return out;
}

/** Accepts every input format of domain.md 2.3 / decisions.md 18 and returns the canonical form. */
export function normalizeSchedule(input: unknown): ScheduleResult {
  if (input === null || input === undefined) return { ok: true, value: {} };
  if (typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, error: "must be an object of weekdays to time ranges" };
  }
  const byDay = new Map<Weekday, Set<string>>();
  for (const [rawKey, value] of Object.entries(input as Record<string, unknown>)) {
    const day = weekdayKey(rawKey);
    if (!day) return { ok: false, error: `unknown weekday '${rawKey}'` };
    const ranges = rangesOf(value);
    if (!Array.isArray(ranges)) return { ok: false, error: `${ranges.error} on ${day}` };
    const set = byDay.get(day) ?? new Set<string>();
    ranges.forEach((r) => set.add(r));
    byDay.set(day, set);
  }
  const value: Schedule = {};
  for (const day of WEEKDAYS) {
    const set = byDay.get(day);
    if (set) value[day] = [...set].sort();
  }
  return { ok: true, value };
}

/** Ranges of a canonical schedule as minutes per weekday (merged where they overlap). */
export function minutesByDay(schedule: Schedule): Map<Weekday, [number, number][]> {
  const out = new Map<Weekday, [number, number][]>();
  for (const day of WEEKDAYS) {
    const ranges = (schedule[day] ?? []).map(parseRange).filter((r): r is [number, number] => r !== null);
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    if (merged.length) out.set(day, merged);
  }
  return out;
}

/** Total hours per week of a schedule (overlapping windows counted once). */
export function weeklyHours(schedule: Schedule): number {
  let minutes = 0;
  for (const ranges of minutesByDay(schedule).values()) for (const [s, e] of ranges) minutes += e - s;
  return minutes / 60;
}

/** Minutes per week in which both schedules have time. */
export function overlapMinutes(a: Schedule, b: Schedule): number {
  const ma = minutesByDay(a);
  const mb = minutesByDay(b);
  let total = 0;
  for (const [day, ra] of ma) {
    const rb = mb.get(day);
    if (!rb) continue;
    for (const [s1, e1] of ra)
      for (const [s2, e2] of rb) total += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  }
  return total;
}

/** True when at least one day has at least one range. */
export const hasAnySlot = (schedule: Schedule) => Object.values(schedule).some((r) => (r ?? []).length > 0);

const GERMAN_DAY: Record<Weekday, string> = {
  montag: "Montag",
  dienstag: "Dienstag",
  mittwoch: "Mittwoch",
  donnerstag: "Donnerstag",
  freitag: "Freitag",
  samstag: "Samstag",
  sonntag: "Sonntag",
};
export const germanDayName = (d: Weekday) => GERMAN_DAY[d];

/** "Montag: 09:00 bis 17:00 Uhr, Mittwoch: 14:00 bis 18:00 Uhr" or "Nicht angegeben" (e-mails, UI). */
export function describeScheduleGerman(schedule: Schedule): string {
  const parts: string[] = [];
  for (const day of WEEKDAYS) {
    const ranges = schedule[day] ?? [];
    if (!ranges.length) continue;
    parts.push(`${GERMAN_DAY[day]}: ${ranges.map((r) => `${r.replace("-", " bis ")} Uhr`).join(", ")}`);
  }
  return parts.length ? parts.join(", ") : "Nicht angegeben";
}
