/**
 * Searches near a point, per travel radius: one grid per radius class over latitude/longitude, points sorted
 * by cell so the cells of one grid row are one contiguous slice. Items are numbered across all grids in that
 * order, so the arrays the inner loop reads (engine.ts) are laid out the way a query walks them.
 */
// Deliberately below the true 111.195 km per degree: the query window errs on the wide side.
const KM_PER_DEGREE = 110;
const RAD = Math.PI / 180;
const MAX_CELLS = 1 << 20;

export class RadiusGrid {
  private readonly latStep: number;
  private readonly lonStep: number;
  private readonly lat0: number;
  private readonly lon0: number;
  private readonly rows: number;
  private readonly cols: number;
  /** First slot of each cell, plus one end marker: the cells of a grid row are one contiguous run of slots. */
  readonly start: Int32Array;
  /** Slot → item number, cell by cell. */
  readonly slots: Int32Array;
  /** Items removed since the last compaction (still in `slots`; callers skip them by their budget). */
  private removed = 0;
  private size: number;

  /**
   * `members` are search indexes, all with a travel distance ≤ `radius`; `first` is the number of the grid's
   * first item. After construction `members` is in item order.
   */
  constructor(
    readonly radius: number,
    readonly first: number,
    readonly members: number[],
    lat: Float64Array,
    lon: Float64Array,
  ) {
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
    // Cells of a quarter radius, roughly square at the data's mid latitude (correctness does not depend on it).
    let cellKm = Math.max(2.5, radius / 4);
    const lonScale = Math.max(0.05, Math.cos(((minLat + maxLat) / 2) * RAD));
    const cells = (km: number) =>
      (Math.floor(((maxLat - minLat) * KM_PER_DEGREE) / km) + 1) *
      (Math.floor(((maxLon - minLon) * KM_PER_DEGREE * lonScale) / km) + 1);
    while (cells(cellKm) > MAX_CELLS) cellKm *= 2;
    this.latStep = cellKm / KM_PER_DEGREE;
    this.lonStep = this.latStep / lonScale;
    this.lat0 = minLat;
    this.lon0 = minLon;
    this.rows = Math.floor((maxLat - minLat) / this.latStep) + 1;
    this.cols = Math.floor((maxLon - minLon) / this.lonStep) + 1;
    const cellOf = members.map((i) => this.row(lat[i]) * this.cols + this.col(lon[i]));
    const counts = new Int32Array(this.rows * this.cols + 1);
    for (const c of cellOf) counts[c + 1]++;
    for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
    this.start = counts.slice();
    const sorted = new Array<number>(members.length);
    // Stable: within a cell, members keep their (waiting) order.
    members.forEach((i, k) => (sorted[counts[cellOf[k]]++] = i));
    for (let k = 0; k < sorted.length; k++) members[k] = sorted[k];
    this.slots = Int32Array.from(sorted, (_, k) => first + k);
    this.size = sorted.length;
  }

  private row(lat: number) {
    return Math.floor((lat - this.lat0) / this.latStep);
  }
  private col(lon: number) {
    return Math.floor((lon - this.lon0) / this.lonStep);
  }

  /**
   * Notes that an item left (its search has no contact budget left, `alive` is 0 for it). Queries still return
   * it until enough have left; then the live items move together, so a query never walks mostly dead slots.
   */
  remove(alive: Int32Array): void {
    if (++this.removed * 4 <= this.size) return;
    let to = 0;
    for (let c = 0, from = 0; c < this.start.length - 1; c++) {
      const end = this.start[c + 1];
      this.start[c] = to;
      for (; from < end; from++) if (alive[this.slots[from]] !== 0) this.slots[to++] = this.slots[from];
    }
    this.start[this.start.length - 1] = to;
    this.size = to;
    this.removed = 0;
  }

  /**
   * Writes [from, to) slot ranges that hold every member within `radius` km of (lat, lon) into `spans`;
   * returns how many numbers were written. Never misses one; may include some farther away and removed ones.
   */
  near(lat: number, lon: number, spans: Int32Array): number {
    const dLat = this.radius / KM_PER_DEGREE;
    const r0 = Math.max(0, this.row(lat - dLat));
    const r1 = Math.min(this.rows - 1, this.row(lat + dLat));
    // Longitude degrees shrink towards the poles: widen by the cosine at the edge nearest the pole.
    const edge = Math.abs(lat) + dLat;
    const lonPerLat = edge >= 89 ? Infinity : 1.01 / Math.cos(edge * RAD);
    let n = 0;
    for (let r = r0; r <= r1; r++) {
      // Within a row only the columns the circle reaches at the row's nearest latitude.
      const bandLo = this.lat0 + r * this.latStep;
      const bandHi = bandLo + this.latStep;
      const dy = lat < bandLo ? bandLo - lat : lat > bandHi ? lat - bandHi : 0;
      if (dy > dLat) continue;
      const half = Math.sqrt(dLat * dLat - dy * dy) * lonPerLat;
      const c0 = Math.max(0, this.col(lon - half));
      const c1 = Math.min(this.cols - 1, this.col(lon + half));
      if (c0 > c1) continue;
      spans[n++] = this.start[r * this.cols + c0];
      spans[n++] = this.start[r * this.cols + c1 + 1];
    }
    return n;
  }

  /** Room `near` needs in its `spans` array. */
  get spanCapacity() {
    return 2 * this.rows;
  }
}

/**
 * One grid per distinct travel distance (or per 5 km class when there are many), so a small radius is never
 * scanned with a large one's window. Returns the grids, `order` (item number → search index) and `gridOf`
 * (item number → grid).
 */
export function buildRadiusGrids(
  members: readonly number[],
  lat: Float64Array,
  lon: Float64Array,
  maxKm: Float64Array,
): { grids: RadiusGrid[]; order: Int32Array; gridOf: Int32Array } {
  const distinct = new Set(members.map((i) => maxKm[i]));
  const classOf = (km: number) => (distinct.size > 12 ? Math.ceil(km / 5) * 5 : km);
  const groups = new Map<number, number[]>();
  for (const i of members) {
    const key = classOf(maxKm[i]);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const grids: RadiusGrid[] = [];
  let first = 0;
  for (const [, g] of [...groups].sort((a, b) => a[0] - b[0])) {
    const radius = g.reduce((m, i) => Math.max(m, maxKm[i]), 0);
    grids.push(new RadiusGrid(radius, first, g, lat, lon));
    first += g.length;
  }
  const order = new Int32Array(first);
  const gridOf = new Int32Array(first);
  grids.forEach((g, k) => {
    order.set(g.members, g.first);
    gridOf.fill(k, g.first, g.first + g.members.length);
  });
  return { grids, order, gridOf };
}
