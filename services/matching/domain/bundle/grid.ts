/**
 * A uniform latitude/longitude grid for "points near here" queries. The query range is computed conservatively
 * so no point within the radius is ever missed (the reference implementation checks that on every seed).
 */
const KM_PER_DEG_LAT = 111.2;

export class GeoGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly cellDeg: number;

  constructor(lat: Float64Array, lon: Float64Array, members: number[], cellKm = 10) {
    this.cellDeg = cellKm / KM_PER_DEG_LAT;
    for (const i of members) {
      const key = this.key(this.row(lat[i]), this.col(lon[i]));
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  private row = (lat: number) => Math.floor(lat / this.cellDeg);
  private col = (lon: number) => Math.floor(lon / this.cellDeg);
  private key = (r: number, c: number) => r * 100_000 + c;

  /** Calls `visit` for every point possibly within `radiusKm` of (lat, lon). */
  near(lat: number, lon: number, radiusKm: number, visit: (i: number) => void): void {
    const dr = Math.ceil(radiusKm / KM_PER_DEG_LAT / this.cellDeg) + 1;
    // Longitude degrees shrink towards the poles: widen by the cosine at the edge nearest the pole.
    const edge = Math.min(89, Math.abs(lat) + radiusKm / KM_PER_DEG_LAT + this.cellDeg);
    const dc = Math.ceil(radiusKm / (KM_PER_DEG_LAT * Math.cos((edge * Math.PI) / 180)) / this.cellDeg) + 1;
    const r0 = this.row(lat);
    const c0 = this.col(lon);
    for (let r = r0 - dr; r <= r0 + dr; r++) {
      for (let c = c0 - dc; c <= c0 + dc; c++) {
        const list = this.cells.get(this.key(r, c));
        if (list) for (let k = 0; k < list.length; k++) visit(list[k]);
      }
    }
  }
}
