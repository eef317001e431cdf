import * as fs from "node:fs";
import type { BundleSearch, BundleTherapist } from "../../services/matching/domain/bundle/types";
import { SYMPTOMS } from "../../services/shared/symptoms";
import { patientAttributes } from "../../services/matching/domain/preferences";
import type { Schedule } from "../../services/shared/schedule";

/** Reproducible pseudo-random numbers (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Centroid {
  plz: string;
  latitude: number;
  longitude: number;
}

/** Postal-code centroids from a "plz,lat,lng" file (the WZB reference data, read at run time, never copied). */
export function readCentroidFile(file: string): Centroid[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((l) => {
      const [plz, lat, lng] = l.split(",");
      return { plz, latitude: Number(lat), longitude: Number(lng) };
    });
}

const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)];
const chance = (r: () => number, p: number) => r() < p;
const DAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag"] as const;

function weekly(r: () => number, from: number, to: number): Schedule {
  const s: Schedule = {};
  for (const d of DAYS)
    if (chance(r, 0.7))
      s[d] = [
        `${String(from + Math.floor(r() * 3)).padStart(2, "0")}:00-${String(to - Math.floor(r() * 3)).padStart(2, "0")}:00`,
      ];
  return s;
}

/**
 * A synthetic population with a realistic mix: people cluster where postal codes are dense (cities); some have
 * gender/method/age/group preferences; 2 % of searches and 1 % of therapists lack coordinates; some therapists
 * cool down or share a practice e-mail; budgets vary.
 */
export function generate(
  centroids: Centroid[],
  therapists: number,
  searches: number,
  seed: number,
  today = "2026-11-22",
) {
  const r = rng(seed);
  const jitter = () => (r() - 0.5) * 0.02;
  const ts: BundleTherapist[] = [];
  for (let i = 1; i <= therapists; i++) {
    const c = pick(r, centroids);
    const located = !chance(r, 0.01);
    const shared = chance(r, 0.08) && i > 1;
    ts.push({
      id: i,
      vorname: `T${i}`,
      nachname: `Therapeut${i}`,
      titel: chance(r, 0.3) ? "Dr." : null,
      email: chance(r, 0.75) ? (shared ? `praxis${i - 1}@example.org` : `praxis${i}@example.org`) : null,
      potenziell_verfuegbar: chance(r, 0.2),
      ueber_curavani_informiert: chance(r, 0.3),
      naechster_kontakt_moeglich: chance(r, 0.1) ? "2026-12-10" : null,
      geschlecht: chance(r, 0.7) ? "weiblich" : chance(r, 0.97) ? "männlich" : "divers",
      psychotherapieverfahren: pick(r, [
        "egal",
        "egal",
        "Verhaltenstherapie",
        "tiefenpsychologisch_fundierte_Psychotherapie",
      ] as const),
      alter_min: chance(r, 0.1) ? 18 + Math.floor(r() * 10) : null,
      alter_max: chance(r, 0.1) ? 45 + Math.floor(r() * 30) : null,
      geschlechtspraeferenz: chance(r, 0.05) ? pick(r, ["Männlich", "Weiblich"] as const) : "Egal",
      bevorzugt_gruppentherapie: chance(r, 0.05),
      latitude: located ? c.latitude + jitter() : null,
      longitude: located ? c.longitude + jitter() : null,
      plz: c.plz,
      arbeitszeiten: chance(r, 0.3) ? weekly(r, 8, 18) : {},
    });
  }
  const ss: BundleSearch[] = [];
  for (let i = 1; i <= searches; i++) {
    const c = pick(r, centroids);
    const located = !chance(r, 0.02);
    const daysWaiting = Math.floor(r() * 200);
    const created = new Date(
      Date.parse(`${today}T09:00:00Z`) - daysWaiting * 86400000 - Math.floor(r() * 86400000),
    );
    const age = 18 + Math.floor(r() * 55);
    const geschlecht = chance(r, 0.65) ? "weiblich" : chance(r, 0.95) ? "männlich" : "divers";
    const offen = chance(r, 0.4);
    const symptome = [pick(r, SYMPTOMS), pick(r, SYMPTOMS)];
    ss.push({
      platzsuche_id: i,
      patient_id: 100000 + i,
      created_at: created.toISOString(),
      excluded_therapist_ids: new Set(chance(r, 0.05) ? [1 + Math.floor(r() * therapists)] : []),
      geschlecht,
      age: chance(r, 0.01) ? null : age,
      bevorzugtes_therapeutengeschlecht: chance(r, 0.25) ? "Weiblich" : chance(r, 0.05) ? "Männlich" : "Egal",
      bevorzugtes_therapieverfahren: chance(r, 0.2)
        ? pick(r, ["Verhaltenstherapie", "tiefenpsychologisch_fundierte_Psychotherapie"] as const)
        : "egal",
      offen_fuer_gruppentherapie: offen,
      latitude: located ? c.latitude + jitter() : null,
      longitude: located ? c.longitude + jitter() : null,
      max_km: pick(r, [10, 15, 20, 25, 25, 25, 30, 40, 50]),
      remaining_budget: pick(r, [0, 1, 2, 3, 5, 10, 10, 10, 25]),
      zeitliche_verfuegbarkeit: weekly(r, 7, 20),
      attributes: patientAttributes({ geschlecht, offen_fuer_gruppentherapie: offen, symptome }, age),
    });
  }
  return { therapists: ts, searches: ss };
}

/** The regional set of P1r: the centroids nearest to a point (default: Cologne/Bonn/Aachen area). */
export function regionalCentroids(all: Centroid[], count = 600, lat = 50.85, lon = 6.9): Centroid[] {
  return [...all]
    .sort(
      (a, b) =>
        Math.hypot(a.latitude - lat, a.longitude - lon) - Math.hypot(b.latitude - lat, b.longitude - lon),
    )
    .slice(0, count);
}
