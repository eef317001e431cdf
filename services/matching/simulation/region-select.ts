import { builtinCentroids, plzPlaces } from "../../geocoding/builtin-centroids";
import type { Centroid } from "./region";

/**
 * The PLZ centroids of a region from the platform's own data (services/geocoding builtin centroids): a PLZ
 * prefix ("50", "8") or a Bundesland name as the PLZ list spells it ("Nordrhein-Westfalen", case-insensitive).
 */
export function regionCentroids(spec: string): Centroid[] {
  const all = builtinCentroids();
  let plzs: string[];
  if (/^\d{1,5}$/.test(spec)) {
    plzs = [...all.keys()].filter((plz) => plz.startsWith(spec));
  } else {
    const wanted = spec.trim().toLowerCase();
    plzs = [
      ...new Set(
        plzPlaces()
          .filter((p) => (p.bundesland ?? "").toLowerCase() === wanted)
          .map((p) => p.plz),
      ),
    ];
  }
  const out: Centroid[] = [];
  for (const plz of plzs) {
    const c = all.get(plz);
    if (c) out.push({ plz, latitude: c.latitude, longitude: c.longitude });
  }
  if (!out.length)
    throw new Error(`No PLZ centroids for region "${spec}" (a PLZ prefix or a Bundesland name)`);
  return out;
}
