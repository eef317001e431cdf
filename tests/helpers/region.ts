import { rng, type Centroid } from "../../scripts/bench/dataset";

/** Town centres of the Cologne/Bonn/Aachen area with a rough weight for how many PLZ each has. */
const TOWNS = [
  { plz: 50, latitude: 50.938, longitude: 6.957, weight: 45, spread: 0.07 }, // Köln
  { plz: 53, latitude: 50.737, longitude: 7.098, weight: 20, spread: 0.05 }, // Bonn
  { plz: 52, latitude: 50.776, longitude: 6.084, weight: 15, spread: 0.05 }, // Aachen
  { plz: 40, latitude: 51.225, longitude: 6.776, weight: 25, spread: 0.06 }, // Düsseldorf
  { plz: 51, latitude: 51.03, longitude: 7.0, weight: 10, spread: 0.12 }, // Leverkusen, Bergisches Land
  { plz: 41, latitude: 51.19, longitude: 6.44, weight: 10, spread: 0.1 }, // Mönchengladbach
  { plz: 57, latitude: 50.6, longitude: 7.4, weight: 8, spread: 0.25 }, // Westerwald, Eifel edge
];

/**
 * A generated stand-in for "the 600 PLZ centroids nearest to Cologne" (quality.md P1r): points clustered
 * around the region's towns, dense in the cities and thin between them, reproducible by seed. Tests use
 * this instead of the reference list, which only benchmarks may read (decisions.md 30).
 */
export function syntheticRegion(count: number, seed: number): Centroid[] {
  const r = rng(seed);
  const total = TOWNS.reduce((s, t) => s + t.weight, 0);
  const serial = new Map<number, number>();
  const out: Centroid[] = [];
  for (let i = 0; i < count; i++) {
    let pick = r() * total;
    const town = TOWNS.find((t) => (pick -= t.weight) < 0) ?? TOWNS[0];
    const n = (serial.get(town.plz) ?? 0) + 1;
    serial.set(town.plz, n);
    // Sum of two uniforms: denser near the centre, like postal districts.
    const offset = () => (r() + r() - 1) * town.spread;
    out.push({
      plz: `${town.plz}${String(n * 7).padStart(3, "0")}`,
      latitude: town.latitude + offset(),
      longitude: town.longitude + offset() * 1.5,
    });
  }
  return out;
}
