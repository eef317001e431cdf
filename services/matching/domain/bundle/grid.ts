/**
 * A compact grid over latitude/longitude for "points near here" queries: points are sorted by cell into one
 * array, so the cells of a query row are one contiguous slice. The query range is computed conservatively so
 * no point within the radius is ever missed (the reference implementation checks that on every seed).
 */
const KM_PER_DEG_LAT = 111.2;

export class GeoGrid {
  private readonly latDeg: number;
  private readonly lonDeg: number;
  private readonly lat0: number;
  private readonly lon0: number;
  private readonly rows: number;
  private readonly cols: number;
  private readonly start: Int32Array;
  readonly items: Int32Array;

  constructor(lat: Float64Array, lon: Float64Array, members: number[], cellKm = 5) {
    let minLat = Infinity;
    let maxLat = -Infinity;
    let minLon = Infinity;
    let maxLon = -Infinity;
    for (const i of members) {
      minLat = Math.min(minLat, lat[i]);
      maxLat = Math.max(maxLat, lat[i]);
      minLon = Math.min(minLon, lon[i]);
      maxLon = Math.max(maxLon, lon[i]);
    }
    if (!members.length) minLat = maxLat = minLon = maxLon = 0;
    this.latDeg = cellKm / KM_PER_DEG_LAT;
    // Roughly square cells at this latitude; correctness does not depend on it.
    this.lonDeg = this.latDeg / Math.max(0.2, Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
    this.lat0 = minLat;
    this.lon0 = minLon;
    this.rows = Math.floor((maxLat - minLat) / this.latDeg) + 1;
    this.cols = Math.floor((maxLon - minLon) / this.lonDeg) + 1;
    const cellOf = (i: number) => this.rowOf(lat[i]) * this.cols + this.colOf(lon[i]);
    const counts = new Int32Array(this.rows * this.cols + 1);
    for (const i of members) counts[cellOf(i) + 1]++;
    for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
    this.start = counts.slice();
    const fill = counts;
    this.items = new Int32Array(members.length);
    for (const i of members) this.items[fill[cellOf(i)]++] = i;
  }

  private rowOf = (lat: number) => Math.floor((lat - this.lat0) / this.latDeg);
  private colOf = (lon: number) => Math.floor((lon - this.lon0) / this.lonDeg);

  /** Calls `visit` for every point possibly within `radiusKm` of (lat, lon). */
  near(lat: number, lon: number, radiusKm: number, visit: (i: number) => void): void {
    const dLat = radiusKm / KM_PER_DEG_LAT;
    // Longitude degrees shrink towards the poles: widen by the cosine at the edge nearest the pole.
    const edge = Math.min(89, Math.abs(lat) + dLat);
    const dLon = radiusKm / (KM_PER_DEG_LAT * Math.cos((edge * Math.PI) / 180));
    const r0 = Math.max(0, this.rowOf(lat - dLat));
    const r1 = Math.min(this.rows - 1, this.rowOf(lat + dLat));
    const c0 = Math.max(0, this.colOf(lon - dLon));
    const c1 = Math.min(this.cols - 1, this.colOf(lon + dLon));
    if (r0 > r1 || c0 > c1) return;
    for (let r = r0; r <= r1; r++) {
      const from = this.start[r * this.cols + c0];
      const to = this.start[r * this.cols + c1 + 1];
      for (let k = from; k < to; k++) visit(this.items[k]);
    }
  }
}
