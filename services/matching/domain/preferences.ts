import { symptomGroup } from "../../shared/symptoms";

/** Patient attributes preferences are learned by (decisions.md 11). */
export function patientAttributes(
  p: { geschlecht?: string; offen_fuer_gruppentherapie?: boolean | null; symptome?: string[] },
  age: number | null,
): string[] {
  const band =
    age === null
      ? "alter:unbekannt"
      : age < 25
        ? "alter:18-24"
        : age < 35
          ? "alter:25-34"
          : age < 50
            ? "alter:35-49"
            : age < 65
              ? "alter:50-64"
              : "alter:65+";
  const groups = [...new Set((p.symptome ?? []).map((s) => symptomGroup(s)).filter(Boolean))].map(
    (g) => `symptomgruppe:${g}`,
  );
  return [
    band,
    `geschlecht:${p.geschlecht ?? "keine_Angabe"}`,
    `gruppe:${p.offen_fuer_gruppentherapie ? "ja" : "nein"}`,
    ...groups,
  ];
}

export interface Outcome {
  therapist_id: number;
  accepted: boolean;
  attributes: string[];
}

export interface LearnedPreferences {
  population_rate: number;
  /** therapist -> attribute -> smoothed acceptance rate and evidence */
  byTherapist: Map<number, Map<string, { rate: number; n: number }>>;
}

/**
 * Smoothed acceptance per therapist and attribute: a Beta prior centred on the population rate with
 * `strength` pseudo-observations, so a therapist with little history stays near the average.
 */
export function learnPreferences(outcomes: Outcome[], strength = 5): LearnedPreferences {
  const total = outcomes.length;
  const accepted = outcomes.filter((o) => o.accepted).length;
  const population = total ? accepted / total : 0.5;
  const counts = new Map<number, Map<string, { a: number; n: number }>>();
  for (const o of outcomes) {
    const m = counts.get(o.therapist_id) ?? new Map<string, { a: number; n: number }>();
    for (const attr of o.attributes) {
      const c = m.get(attr) ?? { a: 0, n: 0 };
      c.n++;
      if (o.accepted) c.a++;
      m.set(attr, c);
    }
    counts.set(o.therapist_id, m);
  }
  const byTherapist = new Map<number, Map<string, { rate: number; n: number }>>();
  for (const [t, m] of counts) {
    const out = new Map<string, { rate: number; n: number }>();
    for (const [attr, c] of m)
      out.set(attr, { rate: (c.a + strength * population) / (c.n + strength), n: c.n });
    byTherapist.set(t, out);
  }
  return { population_rate: population, byTherapist };
}

/** The soft score the bundle run uses: mean smoothed rate over the patient's attributes. */
export function preferenceModel(l: LearnedPreferences) {
  const score = (therapistId: number, attributes: string[]): number => {
    const m = l.byTherapist.get(therapistId);
    if (!m || attributes.length === 0) return l.population_rate;
    let sum = 0;
    for (const a of attributes) sum += m.get(a)?.rate ?? l.population_rate;
    return sum / attributes.length;
  };
  // A mean is never above its largest term: lets the bundle run skip patients that cannot reach the top.
  const upperBound = (therapistId: number): number => {
    let max = l.population_rate;
    for (const { rate } of l.byTherapist.get(therapistId)?.values() ?? []) if (rate > max) max = rate;
    return max;
  };
  return Object.assign(score, { upperBound });
}
