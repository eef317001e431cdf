import { stateOfPlz } from "./plz-state";

// feiertagejs is marked as an ES module but ships a CommonJS build as its main entry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feiertage = require("feiertagejs") as { isHoliday(date: Date, region: string): boolean };

/**
 * Public holidays of the federal state a practice lies in (decisions.md 14). Unknown PLZ: only the
 * nationwide holidays, so a call is never planned on a day that is a holiday everywhere.
 */
export function holidayCheckerForPlz(plz: string | null | undefined): (isoDate: string) => boolean {
  const region = stateOfPlz(plz) ?? "BUND";
  // Noon avoids the date shifting across midnight in the process's time zone.
  return (isoDate) => feiertage.isHoliday(new Date(`${isoDate}T12:00:00`), region);
}
