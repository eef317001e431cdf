/**
 * Candidates of one therapist as (upper bound, item) pairs in typed arrays, taken largest bound first. Filled
 * in any order, ordered once (heapify is linear), so taking only the few best stays cheap. Reused for every
 * therapist: no allocation in the loop.
 */
export class CandidateHeap {
  key: Float64Array;
  item: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.key = new Float64Array(Math.max(16, capacity));
    this.item = new Int32Array(Math.max(16, capacity));
  }

  clear() {
    this.size = 0;
  }

  /** Adds without keeping the heap order; call build() before taking. */
  add(key: number, item: number) {
    if (this.size === this.key.length) {
      const key2 = new Float64Array(this.key.length * 2);
      const item2 = new Int32Array(this.item.length * 2);
      key2.set(this.key);
      item2.set(this.item);
      this.key = key2;
      this.item = item2;
    }
    this.key[this.size] = key;
    this.item[this.size++] = item;
  }

  build() {
    for (let at = (this.size >> 1) - 1; at >= 0; at--) this.sink(at, this.key[at], this.item[at]);
  }

  /** The largest key (-Infinity when empty). */
  get topKey() {
    return this.size > 0 ? this.key[0] : -Infinity;
  }

  /** Removes the item with the largest key and returns it. */
  take(): number {
    const top = this.item[0];
    this.size--;
    if (this.size > 0) this.sink(0, this.key[this.size], this.item[this.size]);
    return top;
  }

  private sink(from: number, key: number, item: number) {
    const keys = this.key;
    const items = this.item;
    const n = this.size;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] > keys[child]) child++;
      if (keys[child] <= key) break;
      keys[at] = keys[child];
      items[at] = items[child];
      at = child;
    }
    keys[at] = key;
    items[at] = item;
  }
}
