import type { Therapist } from "../../api/adminTypes";

/** "Muster, Dr. Eva" for lists, "Dr. Eva Muster" for headings. */
export function therapistName(
  t: Pick<Therapist, "titel" | "vorname" | "nachname">,
  lastFirst = false,
): string {
  const titel = t.titel ? `${t.titel} ` : "";
  return lastFirst ? `${t.nachname}, ${titel}${t.vorname}` : `${titel}${t.vorname} ${t.nachname}`;
}

/** The end of the cooling period when it still lies ahead (`naechster_kontakt_moeglich` > today), else null. */
export function coolingUntil(t: Pick<Therapist, "naechster_kontakt_moeglich">, today: string): string | null {
  const d = t.naechster_kontakt_moeglich?.slice(0, 10) ?? null;
  return d && d > today ? d : null;
}

/** Today as YYYY-MM-DD in the browser's time zone (the office's). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
