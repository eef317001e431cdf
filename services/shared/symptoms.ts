/** The 30 symptoms of domain.md 2.2; groups are for the UI only. The list is authoritative. */
export const SYMPTOM_GROUPS: Readonly<Record<string, readonly string[]>> = {
  "HÄUFIGSTE ANLIEGEN": [
    "Depression / Niedergeschlagenheit",
    "Ängste / Panikattacken",
    "Burnout / Erschöpfung",
    "Schlafstörungen",
    "Stress / Überforderung",
  ],
  "STIMMUNG & GEFÜHLE": [
    "Trauer / Verlust",
    "Reizbarkeit / Wutausbrüche",
    "Stimmungsschwankungen",
    "Innere Leere",
    "Einsamkeit",
  ],
  "DENKEN & GRÜBELN": [
    "Sorgen / Grübeln",
    "Selbstzweifel",
    "Konzentrationsprobleme",
    "Negative Gedanken",
    "Entscheidungsschwierigkeiten",
  ],
  "KÖRPER & GESUNDHEIT": [
    "Psychosomatische Beschwerden",
    "Chronische Schmerzen",
    "Essstörungen",
    "Suchtprobleme (Alkohol/Drogen)",
    "Sexuelle Probleme",
  ],
  "BEZIEHUNGEN & SOZIALES": [
    "Beziehungsprobleme",
    "Familienkonflikte",
    "Sozialer Rückzug",
    "Mobbing",
    "Trennungsschmerz",
  ],
  "BESONDERE BELASTUNGEN": [
    "Traumatische Erlebnisse",
    "Zwänge",
    "Selbstverletzung",
    "Suizidgedanken",
    "Identitätskrise",
  ],
};

export const SYMPTOMS: readonly string[] = Object.values(SYMPTOM_GROUPS).flat();

const groupOf = new Map<string, string>(
  Object.entries(SYMPTOM_GROUPS).flatMap(([g, list]) => list.map((s) => [s, g] as [string, string])),
);
/** The UI group of a symptom (also used as "symptom group" by preference learning). */
export const symptomGroup = (symptom: string): string | undefined => groupOf.get(symptom);

/** The earlier system's final rule (decisions.md 25). */
export const MAX_SYMPTOMS = 6;

/** Validation of domain.md 4.2: returns the contract's message, or null when valid. */
export function symptomsError(value: unknown): string | null {
  if (!Array.isArray(value)) return "Symptoms must be provided as an array";
  if (value.length === 0) return "At least one symptom is required";
  if (value.length > MAX_SYMPTOMS) return `Between 1 and ${MAX_SYMPTOMS} symptoms must be selected`;
  for (const s of value)
    if (!SYMPTOMS.includes(s)) return `Invalid symptom: '${String(s)}'. Must be from the predefined list`;
  return null;
}
