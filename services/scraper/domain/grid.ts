/** A query point of the 116117 search: centre and radius in km. */
export interface Cell {
  lat: number;
  lon: number;
  radius_km: number;
  /** 0 for a planned point, +1 for every split of a truncated query. */
  depth: number;
}

export interface BBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

const KM_PER_DEG_LAT = 111.32;
const round = (x: number, digits = 5) => Math.round(x * 10 ** digits) / 10 ** digits;
const kmPerDegLon = (lat: number) => KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

/** Radius that covers every point of a square grid of this spacing (half its diagonal). */
export const coverageRadiusKm = (spacingKm: number) => spacingKm / Math.SQRT2;

/**
 * Query points covering a bounding box: rows of equal height, per row columns of equal width, each at most
 * `spacingKm` wide, the point in the middle of its rectangle. With a radius of at least
 * coverageRadiusKm(spacingKm) every place of the box lies within some query's circle.
 */
export function gridOverBox(box: BBox, spacingKm: number, radiusKm: number): Cell[] {
  const heightKm = (box.north - box.south) * KM_PER_DEG_LAT;
  const rows = Math.max(1, Math.ceil(heightKm / spacingKm));
  const rowDeg = (box.north - box.south) / rows;
  const cells: Cell[] = [];
  for (let i = 0; i < rows; i++) {
    const lat = box.south + (i + 0.5) * rowDeg;
    // The row's widest edge (nearer the equator) decides how many columns it needs.
    const edge = Math.abs(box.south + i * rowDeg) < Math.abs(box.south + (i + 1) * rowDeg) ? i : i + 1;
    const widthKm = (box.east - box.west) * kmPerDegLon(box.south + edge * rowDeg);
    const cols = Math.max(1, Math.ceil(widthKm / spacingKm));
    const colDeg = (box.east - box.west) / cols;
    for (let j = 0; j < cols; j++)
      cells.push({
        lat: round(lat),
        lon: round(box.west + (j + 0.5) * colDeg),
        radius_km: radiusKm,
        depth: 0,
      });
  }
  return cells;
}

/**
 * A truncated query (moreResults) as four smaller ones: centres at ±r/2 km in both directions, radius r/√2,
 * so the four circles cover the square around the original circle. Null when they would fall below the
 * smallest useful radius.
 */
export function splitCell(c: Cell, minRadiusKm: number): Cell[] | null {
  const r = c.radius_km / Math.SQRT2;
  if (r < minRadiusKm) return null;
  const dLat = c.radius_km / 2 / KM_PER_DEG_LAT;
  const dLon = c.radius_km / 2 / kmPerDegLon(c.lat);
  return [
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
  ].map(([a, b]) => ({
    lat: round(c.lat + a * dLat),
    lon: round(c.lon + b * dLon),
    radius_km: round(r, 3),
    depth: c.depth + 1,
  }));
}
