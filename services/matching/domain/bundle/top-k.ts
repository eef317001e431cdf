/**
 * The best k candidates seen so far, best first: higher score, then lower index (longer waiting) — the order
 * the reference sorts all candidates in. Keeping only k of them is what lets the engine skip candidates whose
 * upper bound cannot beat the k-th.
 */
export class TopK {
  readonly score: Float64Array;
  readonly index: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.score = new Float64Array(Math.max(1, k));
    this.index = new Int32Array(Math.max(1, k));
  }

  reset() {
    this.size = 0;
  }

  /** Score of the k-th candidate (-Infinity while there are fewer). */
  get threshold() {
    return this.size === this.k && this.k > 0 ? this.score[this.k - 1] : -Infinity;
  }

  /** Whether `offer` would keep this candidate. */
  wouldTake(score: number, index: number): boolean {
    if (this.size < this.k) return true;
    const last = this.k - 1;
    return (
      this.k > 0 && (score > this.score[last] || (score === this.score[last] && index < this.index[last]))
    );
  }

  offer(score: number, index: number) {
    if (this.k === 0) return;
    let at = this.size;
    if (at === this.k) {
      const last = this.k - 1;
      if (score < this.score[last] || (score === this.score[last] && index > this.index[last])) return;
      at = last;
    } else {
      this.size++;
    }
    while (
      at > 0 &&
      (score > this.score[at - 1] || (score === this.score[at - 1] && index < this.index[at - 1]))
    ) {
      this.score[at] = this.score[at - 1];
      this.index[at] = this.index[at - 1];
      at--;
    }
    this.score[at] = score;
    this.index[at] = index;
  }

  /** The indexes of the best `count`, ascending. */
  best(count: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < Math.min(count, this.size); k++) {
      let at = out.length;
      out.push(this.index[k]);
      while (at > 0 && out[at - 1] > this.index[k]) {
        out[at] = out[at - 1];
        at--;
      }
      out[at] = this.index[k];
    }
    return out;
  }
}
