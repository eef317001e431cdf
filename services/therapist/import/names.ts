export type SplitName =
  | { ok: true; anrede: "Frau" | "Herr" | null; titel: string; vorname: string; nachname: string }
  | { ok: false; error: string };

// Surname particles stay with the surname ("Anna von Bergen" → nachname "von Bergen").
const PARTICLES = new Set([
  "von",
  "van",
  "vom",
  "zu",
  "zum",
  "zur",
  "de",
  "der",
  "den",
  "ten",
  "ter",
  "da",
  "di",
]);
const isTitle = (t: string) => t.endsWith(".") || /^(Dipl|PD$|MSc$|BSc$|MA$)/.test(t);

/**
 * A display name as printed on a result page: "Frau Dr. med. Anna Maria Beispiel", "Herr Dipl.-Psych. Bernd
 * Meyer -Schulz". Salutation, then titles (tokens ending in a dot, Dipl.-…), then first names and the surname
 * (last word with its particles; a hyphen glitch with spaces joins both halves).
 */
export function splitName(line: string): SplitName {
  let words = line.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const anrede = words[0] === "Frau" || words[0] === "Herr" ? (words.shift() as "Frau" | "Herr") : null;
  const titles: string[] = [];
  while (words.length && isTitle(words[0])) titles.push(words.shift() as string);
  // "Meyer -Schulz", "Meyer- Schulz", "Meyer - Schulz" are one surname.
  words = words
    .join(" ")
    .replace(/\s*-\s*/g, "-")
    .split(" ")
    .filter((w) => w !== "" && w !== "-");
  if (words.length < 2) return { ok: false, error: "name without first name and surname" };
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has(words[i - 1].toLowerCase())) i--;
  return {
    ok: true,
    anrede,
    titel: titles.join(" ").slice(0, 20),
    vorname: words.slice(0, i).join(" "),
    nachname: words.slice(i).join(" "),
  };
}
