import * as fs from "node:fs";
import * as path from "node:path";
import type { TestApi } from "./api";

/**
 * PLZ centroids for tests: a small list written for the tests (district centres, rounded), inside the
 * repository so the suite runs on a clean clone (decisions.md 30). Benchmarks alone read ../shared/data.
 */
export const CENTROIDS_CSV = path.resolve(__dirname, "../fixtures/plz-centroids.csv");

export function readCentroids(): Map<string, { latitude: number; longitude: number }> {
  const out = new Map<string, { latitude: number; longitude: number }>();
  for (const line of fs.readFileSync(CENTROIDS_CSV, "utf8").split("\n").slice(1)) {
    const [plz, lat, lng] = line.split(",");
    if (plz) out.set(plz, { latitude: Number(lat), longitude: Number(lng) });
  }
  return out;
}

/** Loads the centroids of the given PLZ (or all) through the admin endpoint. */
export async function loadCentroids(api: TestApi, only?: string[]): Promise<void> {
  const all = readCentroids();
  const missing = (only ?? []).filter((plz) => !all.has(plz));
  if (missing.length) throw new Error(`centroids: ${missing.join(", ")} not in ${CENTROIDS_CSV}`);
  const lines = ["plz,lat,lng"];
  for (const [plz, c] of all)
    if (!only || only.includes(plz)) lines.push(`${plz},${c.latitude},${c.longitude}`);
  const r = await api.admin("POST", "/api/geocoding/plz-centroids", { csv: lines.join("\n") });
  if (r.status !== 200) throw new Error(`centroids: ${r.status} ${JSON.stringify(r.body)}`);
}
