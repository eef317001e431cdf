/**
 * A uniform grid over latitude/longitude for "searches near this therapist" queries. Cells are small enough
 * that a radius query touches few of them; the query range is computed conservatively so no search within
 * the radius is ever missed (the reference implementation checks that on every seed).
 */
const KM_PER_DEG_LAT = 111.2;

export class GeoGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cellDeg: number;

  constructor(
    lat: Float64Array,
    lon: Float64Array,
    cellKm = 10,
  ) {
    this.cellDeg = cellKm / KM_PER_DEG_LAT;
    for (let i = 0; i < lat.length; i++) {
      if (Number.isNaN(lat[i])) continue;
      const key = this.key(this.row(lat[i]), this.col(lon[i]));
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private row = (lat: number) => Math.floor(lat / this.cellDeg);
  private col = (lon: number) => Math.floor(lon / this.cellDeg);
  private key = (r: number, c: number) => r * 100_000 + c;

  /** Indexes of points possibly within `radiusKm` of (lat, lon), in ascending index order. */
  near(lat: number, lon: number, radiusKm: number): number[] {
    const dr = Math.ceil(radiusKm / KM_PER_DEG_LAT / this.cellDeg) + 1;
    // Longitude degrees shrink towards the poles: widen by the cosine at the edge nearest the pole.
    const edge = Math.min(89, Math.abs(lat) + radiusKm / KM_PER_DEG_LAT + this.cellDeg);
    const dc = Math.ceil(radiusKm / (KM_PER_DEG_LAT * Math.cos((edge * Math.PI) / 180)) / this.cellDeg) + 1;
    const r0 = this.row(lat);
    const c0 = this.col(lon);
    const out: number[] = [];
    for (let r = r0 - dr; r <= r0 + dr; r++) {
      for (let c = c0 - dc; c <= c0 + dc; c++) {
        const list = this.cells.get(this.key(r, c));
        if (list) for (const i of list) out.push(i);
      }
    }
    return out.sort((a, b) => a - b);
  }
}
