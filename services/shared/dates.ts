/** Dates are ISO strings "YYYY-MM-DD"; "today" is always passed in, never read from a clock here. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict YYYY-MM-DD that names a real calendar day. */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a), both ISO dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Age in full years on `today`, birthday-exact (a birthday today counts). Null for missing or invalid dates. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate || !isIsoDate(birthDate) || !isIsoDate(today)) return null;
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age >= 0 ? age : null;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (default the operator's, Europe/Berlin). */
export function dateInZone(instant: Date, timeZone = "Europe/Berlin"): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormats.set(timeZone, f);
  }
  return f.format(instant); // en-CA formats as YYYY-MM-DD
}

/** "HH:MM" of an instant in a time zone. */
export function timeInZone(instant: Date, timeZone = "Europe/Berlin"): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    timeFormats.set(timeZone, f);
  }
  return f.format(instant);
}

/** "15. Februar 2025" */
export function germanLongDate(isoDate: string): string {
  const months = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ];
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${d}. ${months[m - 1]} ${y}`;
}

/** "15.02.2025" */
export function germanShortDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}.${m}.${y}`;
}
