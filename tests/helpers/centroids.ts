import * as fs from "node:fs";
import * as path from "node:path";
import type { TestApi } from "./api";

/** The WZB reference centroids (tests and benchmarks only; read from ../shared/data, never copied). */
export const CENTROIDS_CSV = path.resolve(__dirname, "../../../shared/data/plz_geocoord.csv");

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
  const lines = ["plz,lat,lng"];
  for (const [plz, c] of all)
    if (!only || only.includes(plz)) lines.push(`${plz},${c.latitude},${c.longitude}`);
  const r = await api.admin("POST", "/api/geocoding/plz-centroids", { csv: lines.join("\n") });
  if (r.status !== 200) throw new Error(`centroids: ${r.status} ${JSON.stringify(r.body)}`);
}
