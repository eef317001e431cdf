import type { ApproximationBasis } from "./approximate-centroids";

/**
 * Where a PLZ centroid came from, best first: a list the operator loaded (`liste`), the median of at least
 * PRACTICE_MIN imported 116117 practices in the PLZ (`praxen`), then the built-in approximation by its basis
 * (docs/geocoding.md). A source never overwrites a better one.
 */
export type CentroidSource = "liste" | "praxen" | ApproximationBasis;
export type CentroidPrecision = "plz" | "ort" | "region";

export const SOURCE_RANK: Record<CentroidSource, number> = {
  liste: 6,
  praxen: 5,
  orte: 4,
  nahe_orte: 3,
  vorwahl: 2,
  nachbarn: 1,
};

export const PRECISION: Record<CentroidSource, CentroidPrecision> = {
  liste: "plz",
  praxen: "plz",
  orte: "ort",
  nahe_orte: "ort",
  vorwahl: "region",
  nachbarn: "region",
};

/** Fewer practices than this say little about where a PLZ lies (one practice may sit at its edge). */
export const PRACTICE_MIN = 3;

/** The SQL expression ranking a source column, from SOURCE_RANK (one definition for code and database). */
export const rankSql = (column: string) =>
  `(CASE ${column} ${Object.entries(SOURCE_RANK)
    .map(([s, r]) => `WHEN '${s}' THEN ${r}`)
    .join(" ")} ELSE 0 END)`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Per PLZ with at least PRACTICE_MIN practices: the median of their coordinates (robust against a practice
 * filed under a wrong PLZ), and how many practices gave it.
 */
export function practiceCentroids(
  practices: readonly { plz: string | null; latitude: number | null; longitude: number | null }[],
): { plz: string; latitude: number; longitude: number; samples: number }[] {
  const byPlz = new Map<string, { lat: number[]; lon: number[] }>();
  for (const p of practices) {
    if (!p.plz || !/^\d{5}$/.test(p.plz) || p.latitude === null || p.longitude === null) continue;
    const e = byPlz.get(p.plz) ?? { lat: [], lon: [] };
    e.lat.push(p.latitude);
    e.lon.push(p.longitude);
    byPlz.set(p.plz, e);
  }
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return [...byPlz]
    .filter(([, e]) => e.lat.length >= PRACTICE_MIN)
    .map(([plz, e]) => ({
      plz,
      latitude: round(median(e.lat)),
      longitude: round(median(e.lon)),
      samples: e.lat.length,
    }))
    .sort((a, b) => (a.plz < b.plz ? -1 : 1));
}
