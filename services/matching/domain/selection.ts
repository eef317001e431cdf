/**
 * "Therapeuten zur Auswahl" (domain.md 3.4): contactable therapists of a PLZ prefix, one practice owner per
 * shared e-mail, sorted into 8 tiers, then by name.
 */
export interface SelectableTherapist {
  id: number;
  vorname: string;
  nachname: string;
  titel: string | null;
  email: string | null;
  potenziell_verfuegbar: boolean;
  ueber_curavani_informiert: boolean;
  naechster_kontakt_moeglich: string | null;
}

export const normalizeEmail = (e: string | null | undefined) => (e ?? "").trim().toLowerCase();

/** ä→ae, ö→oe, ü→ue, ß→ss, lowercased: how a surname appears inside an e-mail address. */
export const foldUmlauts = (s: string) =>
  s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");

export const inCooling = (t: { naechster_kontakt_moeglich: string | null }, today: string) =>
  t.naechster_kontakt_moeglich !== null && t.naechster_kontakt_moeglich > today;

const titleRank = (titel: string | null) => {
  const t = (titel ?? "").toLowerCase();
  if (/\bprof\b\.?/.test(t) || t.includes("prof")) return 2;
  if (/\bdr\b\.?/.test(t) || t.includes("dr")) return 1;
  return 0;
};

/** The member representing a shared-email practice: surname in the address, else Prof. > Dr., else lowest id. */
export function practiceOwner<T extends SelectableTherapist>(group: T[]): T {
  const byId = [...group].sort((a, b) => a.id - b.id);
  const email = normalizeEmail(byId[0].email);
  const named = byId.find((t) => {
    const surname = foldUmlauts(t.nachname).replace(/\s+/g, "");
    return (
      surname.length > 1 &&
      (email.includes(surname) || surname.split("-").some((p) => p.length > 2 && email.includes(p)))
    );
  });
  if (named) return named;
  const best = Math.max(...byId.map((t) => titleRank(t.titel)));
  return best > 0 ? byId.find((t) => titleRank(t.titel) === best)! : byId[0];
}

export const tierOf = (t: SelectableTherapist) =>
  (t.email ? 0 : 4) +
  (t.potenziell_verfuegbar ? (t.ueber_curavani_informiert ? 0 : 1) : t.ueber_curavani_informiert ? 2 : 3);

const collator = new Intl.Collator("de");

/** Applies the pending-inquiry exclusion, cooling and practice grouping (no order; the bundle run orders itself). */
export function contactableTherapists<T extends SelectableTherapist>(
  therapists: T[],
  pending: ReadonlySet<number>,
  today: string,
): T[] {
  const groups = new Map<string, T[]>();
  const chosen: T[] = [];
  for (const t of therapists) {
    const key = normalizeEmail(t.email);
    if (!key) {
      if (!pending.has(t.id) && !inCooling(t, today)) chosen.push(t);
      continue;
    }
    const g = groups.get(key) ?? [];
    g.push(t);
    groups.set(key, g);
  }
  for (const group of groups.values()) {
    // Any member pending or cooling hides the whole practice.
    if (group.some((t) => pending.has(t.id) || inCooling(t, today))) continue;
    chosen.push(practiceOwner(group));
  }
  return chosen;
}

/** Applies the pending-inquiry exclusion, cooling, practice grouping and the tier order. */
export function selectTherapists<T extends SelectableTherapist>(
  therapists: T[],
  pending: ReadonlySet<number>,
  today: string,
): T[] {
  return contactableTherapists(therapists, pending, today).sort(
    (a, b) =>
      tierOf(a) - tierOf(b) ||
      collator.compare(a.nachname, b.nachname) ||
      collator.compare(a.vorname, b.vorname) ||
      a.id - b.id,
  );
}
