import { normalizeSchedule, type Schedule } from "../../shared/schedule";
import { toTherapistForMatching } from "../domain/candidates";
import type { BundleTherapist } from "../domain/bundle/types";
import type { ScenarioParameters } from "./parameters";
import { keyed, pick, stream, type Random } from "./random";

export interface Centroid {
  plz: string;
  latitude: number;
  longitude: number;
}

/** A simulated therapist: the platform's record plus the hidden behaviour the platform can only learn. */
export interface SimTherapist {
  record: BundleTherapist;
  telefonische_erreichbarkeit: Schedule;
  /** Chance of answering an inquiry e-mail without a reminder. */
  answerRate: number;
  /** Chance that one planned call reaches the therapist. */
  phoneReach: number;
  /** Mean new free places per week. */
  freePlacesPerWeek: number;
  /** Acceptance factor per patient attribute (age band, gender, symptom group, group openness); 1 when absent. */
  factors: Map<string, number>;
}

export interface Region {
  name: string;
  centroids: Centroid[];
  therapists: SimTherapist[];
}

const WORKDAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag"] as const;
export const AGE_BANDS = ["alter:18-24", "alter:25-34", "alter:35-49", "alter:50-64", "alter:65+"];
const GROUPS = [
  "HÄUFIGSTE ANLIEGEN",
  "STIMMUNG & GEFÜHLE",
  "DENKEN & GRÜBELN",
  "KÖRPER & GESUNDHEIT",
  "BEZIEHUNGEN & SOZIALES",
  "BESONDERE BELASTUNGEN",
].map((g) => `symptomgruppe:${g}`);

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Working hours or phone hours: `perDay` ranges of `minutes` on some weekdays, through the platform's parser. */
function schedule(u: Random, days: number, from: number, to: number, minutes: number): Schedule {
  const raw: Record<string, string[]> = {};
  for (const day of WORKDAYS) {
    if (u() * WORKDAYS.length >= days) continue;
    const start = from + 30 * Math.floor(u() * Math.max(1, (to - from - minutes) / 30));
    raw[day] = [`${hhmm(start)}-${hhmm(start + minutes)}`];
  }
  const parsed = normalizeSchedule(raw);
  return parsed.ok ? parsed.value : {};
}

/** How many therapists each PLZ gets: the density's whole part, the fraction by chance; or a fixed total. */
function therapistPlaces(centroids: Centroid[], p: ScenarioParameters, u: Random): Centroid[] {
  if (p.therapistCount !== null) return Array.from({ length: p.therapistCount }, () => pick(u, centroids));
  const out: Centroid[] = [];
  const whole = Math.floor(p.therapistsPerPlz);
  const fraction = p.therapistsPerPlz - whole;
  for (const c of centroids) {
    const n = whole + (u() < fraction ? 1 : 0);
    for (let i = 0; i < n; i++) out.push(c);
  }
  return out;
}

/**
 * Therapists of a region, reproducible by seed. Record fields follow the mix of the 116117 directory (about
 * three in four psychotherapists are women; Verhaltenstherapie is the most common method); the behaviour is
 * hidden from the platform and only shows in answers.
 */
export function buildRegion(
  name: string,
  centroids: Centroid[],
  p: ScenarioParameters,
  seed: number,
): Region {
  if (!centroids.length) throw new Error(`Region ${name} has no PLZ centroids`);
  const sorted = [...centroids].sort((a, b) => (a.plz < b.plz ? -1 : a.plz > b.plz ? 1 : 0));
  const u = stream(seed, "therapists");
  const places = therapistPlaces(sorted, p, u);
  const therapists = places.map((c, index): SimTherapist => {
    const id = index + 1;
    const hasEmail = u() < p.emailShare;
    const geschlecht = u() < 0.74 ? "weiblich" : u() < 0.98 ? "männlich" : "divers";
    const methodDraw = u();
    const record: BundleTherapist = {
      ...toTherapistForMatching({
        id,
        geschlecht,
        psychotherapieverfahren:
          methodDraw < 0.5
            ? "Verhaltenstherapie"
            : methodDraw < 0.85
              ? "tiefenpsychologisch_fundierte_Psychotherapie"
              : "egal",
        alter_min: u() < 0.05 ? 18 + Math.floor(u() * 8) : null,
        alter_max: u() < 0.05 ? 50 + Math.floor(u() * 20) : null,
        geschlechtspraeferenz: u() < 0.04 ? (u() < 0.7 ? "Weiblich" : "Männlich") : "Egal",
        bevorzugt_gruppentherapie: u() < 0.05,
        latitude: c.latitude + (u() - 0.5) * 0.01,
        longitude: c.longitude + (u() - 0.5) * 0.015,
      }),
      vorname: `T${id}`,
      nachname: `Therapeut${String(id).padStart(6, "0")}`,
      titel: u() < 0.3 ? "Dr." : null,
      email: hasEmail ? `praxis${id}@sim.invalid` : null,
      potenziell_verfuegbar: u() < 0.2,
      ueber_curavani_informiert: u() < 0.3,
      naechster_kontakt_moeglich: null,
      plz: c.plz,
      arbeitszeiten: u() < 0.3 ? schedule(u, 4, 8 * 60, 19 * 60, 8 * 60) : {},
    };
    const phoneHours = u() < p.phoneHoursShare ? schedule(u, 3, 8 * 60, 17 * 60, 50) : {};
    // Per-therapist rates spread around the mean (uniform ±50 %, clamped), so some answer almost always.
    const spread = (mean: number) => Math.min(0.98, Math.max(0.02, mean * (0.5 + u())));
    const factors = new Map<string, number>();
    for (const g of GROUPS) if (u() < p.avoidSymptomGroupShare) factors.set(g, p.avoidFactor);
    for (const band of AGE_BANDS) if (u() < p.avoidAgeBandShare) factors.set(band, p.avoidFactor);
    if (u() < p.genderLeaningShare)
      factors.set(u() < 0.5 ? "geschlecht:männlich" : "geschlecht:weiblich", p.avoidFactor);
    if (record.bevorzugt_gruppentherapie || u() < 0.1)
      if (u() < p.groupLeaningShare) factors.set("gruppe:nein", p.avoidFactor);
    return {
      record,
      telefonische_erreichbarkeit: phoneHours,
      answerRate: spread(p.answerRate),
      phoneReach: Object.keys(phoneHours).length ? p.phoneReachWithHours : p.phoneReachWithoutHours,
      freePlacesPerWeek: spread(p.freePlacesPerWeek),
      factors,
    };
  });
  return { name, centroids: sorted, therapists };
}

/** Acceptance chance of a patient with these attributes, if the therapist has a free place. */
export function acceptanceChance(t: SimTherapist, attributes: readonly string[], base: number): number {
  let chance = base;
  for (const a of attributes) chance *= t.factors.get(a) ?? 1;
  return chance;
}

/** New free places of therapist `t` in week `week` (the same in every strategy). */
export function newPlaces(seed: number) {
  const draw = keyed(seed, "free-places");
  return (t: SimTherapist, week: number): number => {
    let k = 0;
    const limit = Math.exp(-t.freePlacesPerWeek);
    let prod = draw(t.record.id, week, 0);
    while (prod > limit && k < 20) {
      k++;
      prod *= draw(t.record.id, week, k);
    }
    return k;
  };
}
