import { CronExpressionParser } from "cron-parser";

export interface JobSchedule {
  cron?: string;
  every?: number;
  timeZone?: string;
}

/** When a job runs next, counted from `after` (a run missed while the platform was down is not repeated). */
export function nextRun(s: JobSchedule, after: Date): Date {
  if (s.every) return new Date(after.getTime() + s.every * 1000);
  if (!s.cron) throw new Error("a job needs `cron` or `every`");
  return CronExpressionParser.parse(s.cron, { currentDate: after, tz: s.timeZone ?? "Europe/Berlin" })
    .next()
    .toDate();
}

export const describeSchedule = (s: JobSchedule) => (s.every ? `every ${s.every}s` : `cron ${s.cron}`);

/** Retry delay after a failed run: 30 s, 60 s, 120 s … capped at 30 minutes. */
export const retryDelayMs = (attempts: number) =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
