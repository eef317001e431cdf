import { parseHours, type ParsedHours } from "./hours";
import { chordLimit2, ConstraintTable, unitVector } from "./prefilter";
import { waitingFraction } from "./scoring";
import type { BundleSearch } from "./types";

/**
 * What the engine's inner loop reads about the searches in its grids, indexed by item number (grid and cell
 * order, search-index.ts): typed arrays, so one query walks neighbouring memory and allocates nothing.
 */
export interface SearchItems {
  /** Item → position in waiting order (the tie-breaker and the index into `ordered`). */
  order: Int32Array;
  /** Item number of each search in waiting order, -1 for searches not in a grid. */
  itemOf: Int32Array;
  budget: Int32Array;
  latitude: Float64Array;
  longitude: Float64Array;
  /** Unit vectors, three numbers per item. */
  xyz: Float64Array;
  chord2: Float64Array;
  maxKm: Float64Array;
  waiting: Float64Array;
  constraintClass: Int32Array;
  /** Age in years, NaN when unknown. */
  age: Float64Array;
  hours: (ParsedHours | null)[];
  /** hours.ts packed form, fourteen numbers per item; `packed[p]` 0 where the item's hours do not pack. */
  packedHours: Int32Array;
  packed: Uint8Array;
  /** 0 for a patient without hours. */
  denominator: Float64Array;
}

export function searchItems(
  ordered: readonly BundleSearch[],
  order: Int32Array,
  budgets: Int32Array,
  table: ConstraintTable,
  today: string,
): SearchItems {
  const m = order.length;
  const items: SearchItems = {
    order,
    itemOf: new Int32Array(ordered.length).fill(-1),
    budget: new Int32Array(m),
    latitude: new Float64Array(m),
    longitude: new Float64Array(m),
    xyz: new Float64Array(3 * m),
    chord2: new Float64Array(m),
    maxKm: new Float64Array(m),
    waiting: new Float64Array(m),
    constraintClass: new Int32Array(m),
    age: new Float64Array(m),
    hours: new Array<ParsedHours | null>(m),
    packedHours: new Int32Array(14 * m),
    packed: new Uint8Array(m),
    denominator: new Float64Array(m),
  };
  const limits = new Map<number, number>();
  for (let p = 0; p < m; p++) {
    const i = order[p];
    const s = ordered[i];
    items.itemOf[i] = p;
    items.budget[p] = budgets[i];
    items.latitude[p] = s.latitude!;
    items.longitude[p] = s.longitude!;
    unitVector(s.latitude!, s.longitude!, items.xyz, 3 * p);
    let limit = limits.get(s.max_km);
    if (limit === undefined) limits.set(s.max_km, (limit = chordLimit2(s.max_km)));
    items.chord2[p] = limit;
    items.maxKm[p] = s.max_km;
    items.waiting[p] = waitingFraction(s, today);
    items.constraintClass[p] = table.searchClass(s);
    items.age[p] = s.age ?? NaN;
    const h = parseHours(s.zeitliche_verfuegbarkeit);
    items.hours[p] = h;
    if (h?.packed) {
      items.packedHours.set(h.packed, 14 * p);
      items.packed[p] = 1;
    }
    items.denominator[p] = h ? h.denominator : 0;
  }
  return items;
}
