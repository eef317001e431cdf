import { dateInZone, timeInZone } from "../../shared/dates";
import type { AppConfig } from "../../../config";

export type Row = Record<string, any>;

/** "Today" and the note timestamp in the operator's time zone. */
export const clock = (cfg: AppConfig, now = new Date()) => ({
  today: dateInZone(now, cfg.core.timezone),
  time: timeInZone(now, cfg.core.timezone),
  date: dateInZone(now, cfg.core.timezone),
});

/** Author of a note line: the logged-in user, else the calling system. */
export const authorOf = (meta: { user?: { email?: string }; source?: string }, fallback = "API") =>
  meta.user?.email ?? meta.source ?? fallback;
