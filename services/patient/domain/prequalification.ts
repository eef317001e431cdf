import { weeklyHours, type Schedule } from "../../shared/schedule";

export interface Vorqualifikation {
  woechentliche_stunden: number;
  mindeststunden: number;
  mindeststunden_erfuellt: boolean;
  letzte_sitzung_vorherige_psychotherapie: string | null;
  zwei_jahres_regel_verletzt: boolean;
  hinweise: string[];
}

/**
 * Pre-qualification figures (decisions.md 12): weekly hours from the availability (flag below the minimum)
 * and the two-year rule (flag when the last session of a previous therapy is less than 2 years ago).
 */
export function prequalification(
  p: {
    zeitliche_verfuegbarkeit: Schedule;
    erfahrung_mit_psychotherapie: boolean | null;
    letzte_sitzung_vorherige_psychotherapie: string | null;
  },
  today: string,
  rules: { minWeeklyHours: number },
): Vorqualifikation {
  const hours = Math.round(weeklyHours(p.zeitliche_verfuegbarkeit) * 100) / 100;
  const last = p.erfahrung_mit_psychotherapie ? p.letzte_sitzung_vorherige_psychotherapie : null;
  // Same calendar day two years back; compared as strings, so 29 February needs no special case.
  const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  const violated = last !== null && last > twoYearsAgo;
  const hinweise: string[] = [];
  if (hours < rules.minWeeklyHours) {
    hinweise.push(`Zeitliche Verfügbarkeit ${hours} Std./Woche liegt unter ${rules.minWeeklyHours} Std.`);
  }
  if (violated) hinweise.push(`Letzte Sitzung am ${last}: weniger als 2 Jahre her (2-Jahres-Regel prüfen)`);
  // With prior therapy but no date the rule cannot be checked: staff must ask, not assume it holds.
  if (p.erfahrung_mit_psychotherapie && !last) {
    hinweise.push("Psychotherapie-Erfahrung ohne Datum der letzten Sitzung: 2-Jahres-Regel nicht prüfbar");
  }
  return {
    woechentliche_stunden: hours,
    mindeststunden: rules.minWeeklyHours,
    mindeststunden_erfuellt: hours >= rules.minWeeklyHours,
    letzte_sitzung_vorherige_psychotherapie: last,
    zwei_jahres_regel_verletzt: violated,
    hinweise,
  };
}
