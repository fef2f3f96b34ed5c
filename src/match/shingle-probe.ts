/**
 * Verification of many candidates that share one unit: the unit's shingle set
 * is hashed once, and each other set is looked up in it, instead of a merge
 * of the two sorted sets per candidate.
 *
 * Candidates come sorted by their first unit (band-pairs.ts), about five per
 * unit on large corpora, and most of them fail. A merge walks both sets with
 * a branch per step that goes either way at random; a lookup in a small table
 * (kept in cache across the unit's candidates) is mostly a miss, which the
 * branch predictor gets right. On large corpora this is the matching workers'
 * main loop (8 of their 11 s at 200,000 documents): 3 million synthetic
 * candidates, five per unit, took 500–550 ns each instead of 720–760, and the
 * matching stage at 100,000 documents 3.6–3.7 s instead of 3.9–4.4. The answer
 * is the same: the exact count, or -1 as soon as the elements left cannot
 * reach `need`.
 */

export class ShingleProbe {
  private keys = new Uint32Array(256);
  /** A slot is in use when its stamp is the current one: loading a set clears the table by moving on. */
  private stamps = new Int32Array(256);
  private stamp = 0;
  private mask = 0;

  /** Hash the sorted set `set[from, to)` (no repeats), for the counts that follow. */
  load(set: Uint32Array, from: number, to: number): void {
    let size = this.keys.length;
    while (size < 2 * (to - from)) size *= 2;
    if (size !== this.keys.length) {
      this.keys = new Uint32Array(size);
      this.stamps = new Int32Array(size);
      this.stamp = 0;
    }
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const mask = (this.mask = size - 1);
    const keys = this.keys;
    const stamps = this.stamps;
    for (let i = from; i < to; i++) {
      const v = set[i]!;
      // Shingle hashes are uniform (fmix32): their low bits are a good slot.
      let s = v & mask;
      while (stamps[s] === stamp) s = (s + 1) & mask;
      stamps[s] = stamp;
      keys[s] = v;
    }
  }

  /**
   * How many of `other[from, to)` (no repeats) the loaded set holds, when at
   * least `need`; else -1, found with an exact early exit. The same answer as
   * shingles.ts `rangeIntersectionAtLeast` on the two sets.
   */
  countAtLeast(other: Uint32Array, from: number, to: number, need: number): number {
    const keys = this.keys;
    const stamps = this.stamps;
    const stamp = this.stamp;
    const mask = this.mask;
    let n = 0;
    for (let i = from; i < to; i++) {
      if (n + (to - i) < need) return -1;
      const v = other[i]!;
      let s = v & mask;
      while (stamps[s] === stamp) {
        if (keys[s] === v) {
          n++;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    return n >= need ? n : -1;
  }
}
