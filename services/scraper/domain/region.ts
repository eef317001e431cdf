import { coverageRadiusKm, gridOverBox, type BBox, type Cell } from "./grid";

export interface GridRules {
  radiusKm: number;
  spacingKm: number;
  maxCells: number;
}

/** What a job covers, as the admin sent it: a bounding box, explicit points, or PLZ centroids. */
export type Region =
  | { kind: "bbox"; bbox: BBox }
  | { kind: "points"; points: { lat: number; lon: number }[] }
  | { kind: "plz"; plz: string[] };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const lat = (v: unknown) => isNum(v) && v >= -90 && v <= 90;
const lon = (v: unknown) => isNum(v) && v >= -180 && v <= 180;

/** The region of a start request: exactly one of `bbox`, `points`, `plz`. */
export function parseRegion(p: Record<string, unknown>): Parsed<Region> {
  const given = ["bbox", "points", "plz"].filter((k) => p[k] !== undefined);
  if (given.length !== 1)
    return {
      ok: false,
      error: "Give exactly one region: bbox {south, west, north, east}, points [{lat, lon}] or plz [..]",
    };
  if (p.bbox !== undefined) {
    const b = p.bbox as Record<string, unknown>;
    if (!b || !lat(b.south) || !lat(b.north) || !lon(b.west) || !lon(b.east))
      return { ok: false, error: "bbox needs numeric south, west, north, east (degrees)" };
    if ((b.south as number) >= (b.north as number) || (b.west as number) >= (b.east as number))
      return { ok: false, error: "bbox: south must be below north and west left of east" };
    return { ok: true, value: { kind: "bbox", bbox: b as unknown as BBox } };
  }
  if (p.points !== undefined) {
    const pts = p.points as { lat: unknown; lon: unknown }[];
    if (!Array.isArray(pts) || !pts.length || !pts.every((x) => x && lat(x.lat) && lon(x.lon)))
      return { ok: false, error: "points must be a non-empty list of {lat, lon}" };
    return {
      ok: true,
      value: { kind: "points", points: pts.map((x) => ({ lat: x.lat as number, lon: x.lon as number })) },
    };
  }
  const plz = p.plz as unknown[];
  if (!Array.isArray(plz) || !plz.length || !plz.every((x) => typeof x === "string" && /^\d{5}$/.test(x)))
    return { ok: false, error: "plz must be a non-empty list of 5-digit postal codes" };
  return { ok: true, value: { kind: "plz", plz: [...new Set(plz as string[])] } };
}

/**
 * The query points of a job. A bounding box is covered completely, so its spacing may not exceed what the
 * radius covers; explicit points and PLZ centroids are queried as given (`centroids` resolves the PLZs).
 */
export function planCells(
  region: Region,
  rules: GridRules,
  centroids: { lat: number; lon: number }[] = [],
): Parsed<Cell[]> {
  let cells: Cell[];
  if (region.kind === "bbox") {
    if (rules.radiusKm < coverageRadiusKm(rules.spacingKm))
      return {
        ok: false,
        error: `A spacing of ${rules.spacingKm} km leaves gaps with a radius of ${rules.radiusKm} km (needs a radius of at least ${Math.ceil(coverageRadiusKm(rules.spacingKm) * 10) / 10} km)`,
      };
    cells = gridOverBox(region.bbox, rules.spacingKm, rules.radiusKm);
  } else {
    const pts = region.kind === "points" ? region.points : centroids;
    cells = pts.map((p) => ({ lat: p.lat, lon: p.lon, radius_km: rules.radiusKm, depth: 0 }));
  }
  if (cells.length > rules.maxCells)
    return {
      ok: false,
      error: `The region needs ${cells.length} query points, more than SCRAPER_MAX_CELLS (${rules.maxCells}); choose a smaller region or a larger spacing`,
    };
  return { ok: true, value: cells };
}
