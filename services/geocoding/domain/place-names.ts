/**
 * Place-name matching that survives the ways German names are written: umlauts or their transcriptions
 * (Zülpich/Zulpich/Zuelpich), "St."/"Sankt", hyphens, a river or region after the name ("Halle (Saale)",
 * "Marburg an der Lahn", "Reichenbach/Vogtland"), and the English exonyms GeoNames uses for some cities.
 */

/** English (or other) names GeoNames gives German places, mapped to the German name. */
export const EXONYMS: Record<string, string> = {
  munich: "München",
  cologne: "Köln",
  nuremberg: "Nürnberg",
  hanover: "Hannover",
  brunswick: "Braunschweig",
  "frankfurt on the main": "Frankfurt am Main",
  "frankfurt on main": "Frankfurt am Main",
  "frankfurt/main": "Frankfurt am Main",
  "frankfurt (oder)": "Frankfurt (Oder)",
  aix: "Aachen",
  "aix-la-chapelle": "Aachen",
  mayence: "Mainz",
  treves: "Trier",
  coblenz: "Koblenz",
  ratisbon: "Regensburg",
  "halle (saale)": "Halle",
  "halle an der saale": "Halle",
  "lutherstadt eisleben": "Eisleben",
  "eisleben lutherstadt": "Eisleben",
  "lutherstadt wittenberg": "Wittenberg",
};

/** Lower case, umlauts transcribed, "St." as "sankt", punctuation to single spaces. */
export function foldName(s: string): string {
  return s
    .toLowerCase()
    .normalize("NFC")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\bst\.?(?=\s)/g, "sankt")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Folds both spellings of a transcribed umlaut onto one key ("zulpich" and "zuelpich" meet). */
const loose = (folded: string) => folded.replace(/([aou])e/g, "$1");

// "Marburg an der Lahn", "Neumarkt in der Oberpfalz", "Garching bei München", "Bad Homburg vor der Höhe"
const QUALIFIER =
  /\s+(?:am|an der|an|bei|b|in der|in|im|ob der|ob|vor der|vor|auf der|auf|unter|über)\s+.+$/i;

/** Every key under which a name may be found: the full name and the name without its qualifier. */
export function nameKeys(name: string): string[] {
  const exonym = EXONYMS[name.toLowerCase().trim()];
  const raw = exonym ? [name, exonym] : [name];
  const out = new Set<string>();
  for (const n of raw) {
    const variants = [
      n,
      n.replace(/\s*\(.*?\)\s*/g, " "),
      n.split("/")[0],
      n.replace(QUALIFIER, ""),
      n.replace(/\s*\(.*?\)\s*/g, " ").replace(QUALIFIER, ""),
    ];
    for (const v of variants) {
      const f = foldName(v);
      if (f) out.add(loose(f));
    }
  }
  return [...out];
}

/** The key of a name as written by a user or a list ("Muenchen", "münchen", "Munich" → one key). */
export const nameKey = (name: string): string => {
  const exonym = EXONYMS[name.toLowerCase().trim()];
  return loose(foldName(exonym ?? name));
};
