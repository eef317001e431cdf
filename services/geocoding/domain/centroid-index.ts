type Centroid = { latitude: number; longitude: number };

/** How far (in PLZ numbers) a code the list lacks may lie from the neighbours that place it. */
const MAX_GAP = 100;

/**
 * PLZ centroids with a fallback for codes the list lacks (new codes, PO boxes, large customers such as
 * 60306 Frankfurt): such a code lies where its neighbours in PLZ order lie, if they share its region (the
 * first three digits, else two) and are near in number. Codes are handed out region by region, so the
 * neighbours of 65220 are Wiesbaden's.
 */
export class CentroidIndex {
  private readonly sorted: string[];

  constructor(private readonly byPlz: ReadonlyMap<string, Centroid>) {
    this.sorted = [...byPlz.keys()].sort();
  }

  get size(): number {
    return this.byPlz.size;
  }

  entries(): IterableIterator<[string, Centroid]> {
    return this.byPlz.entries();
  }

  /** The code's own centroid, or null. */
  exact(plz: string): Centroid | null {
    return this.byPlz.get(plz) ?? null;
  }

  /** The code's own centroid, else the one its PLZ-order neighbours give it, else null. */
  locate(plz: string): Centroid | null {
    const own = this.byPlz.get(plz);
    if (own || !/^\d{5}$/.test(plz)) return own ?? null;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < plz) lo = mid + 1;
      else hi = mid;
    }
    const n = Number(plz);
    if (n < 1001 || n > 99998) return null;
    const near = (code: string | undefined, digits: number) =>
      code !== undefined &&
      code.slice(0, digits) === plz.slice(0, digits) &&
      Math.abs(Number(code) - n) <= MAX_GAP;
    for (const digits of [3, 2]) {
      const sides = [this.sorted[lo - 1], this.sorted[lo]].filter((c) => near(c, digits)) as string[];
      if (!sides.length) continue;
      const pts = sides.map((c) => this.byPlz.get(c)!);
      const round = (x: number) => Math.round(x * 1e5) / 1e5;
      return {
        latitude: round(pts.reduce((s, p) => s + p.latitude, 0) / pts.length),
        longitude: round(pts.reduce((s, p) => s + p.longitude, 0) / pts.length),
      };
    }
    return null;
  }
}
