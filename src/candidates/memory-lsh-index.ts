/**
 * In-memory LSH index over typed arrays.
 *
 * Every (band key, unit) entry is packed into one 64-bit slot — key in the high
 * word, unit in the low — so one native sort of a BigUint64Array groups equal
 * keys together without allocating an object per entry. Runs of equal keys are
 * buckets; each bucket yields the pairs of its members.
 *
 * A bucket holding more than `crowdedBucket` units (text that recurs nearly
 * verbatim in thousands of documents, i.e. boilerplate) would yield millions of
 * pairs; its members are paired only with its first `leaders` units instead, so
 * the cost stays linear and every member still meets the text it repeats.
 */
import type { CandidateIndex, CandidateStats } from "./candidate-index.js";

export interface MemoryLshIndexOptions {
  readonly crowdedBucket?: number;
  readonly leaders?: number;
}

export class MemoryLshIndex implements CandidateIndex {
  private slots = new Uint32Array(1 << 16);
  private size = 0;
  private readonly crowdedBucket: number;
  private readonly leaders: number;

  constructor(options: MemoryLshIndexOptions = {}) {
    this.crowdedBucket = options.crowdedBucket ?? 200;
    this.leaders = options.leaders ?? 8;
  }

  add(unit: number, keys: Uint32Array): void {
    const need = (this.size + keys.length) * 2;
    if (need > this.slots.length) {
      const grown = new Uint32Array(Math.max(need, this.slots.length * 2));
      grown.set(this.slots.subarray(0, this.size * 2));
      this.slots = grown;
    }
    for (let i = 0; i < keys.length; i++) {
      // Little-endian 64-bit slot: low word = unit, high word = key.
      this.slots[this.size * 2] = unit;
      this.slots[this.size * 2 + 1] = keys[i]!;
      this.size++;
    }
  }

  forEachCandidate(visit: (a: number, b: number) => void): CandidateStats {
    const packed = new BigUint64Array(this.slots.buffer, 0, this.size);
    packed.sort();
    const words = new Uint32Array(packed.buffer, 0, this.size * 2);
    const seen = new Set<number>();
    let crowdedBuckets = 0;
    const emit = (x: number, y: number): void => {
      if (x === y) return;
      const a = Math.min(x, y);
      const b = Math.max(x, y);
      const id = a * 0x100000000 + b;
      if (seen.has(id)) return;
      seen.add(id);
      visit(a, b);
    };
    let start = 0;
    while (start < this.size) {
      const key = words[start * 2 + 1]!;
      let end = start + 1;
      while (end < this.size && words[end * 2 + 1] === key) end++;
      const n = end - start;
      if (n > 1) {
        const crowded = n > this.crowdedBucket;
        if (crowded) crowdedBuckets++;
        for (let i = start + 1; i < end; i++) {
          const u = words[i * 2]!;
          const upTo = crowded ? Math.min(i, start + this.leaders) : i;
          for (let j = start; j < upTo; j++) emit(u, words[j * 2]!);
        }
      }
      start = end;
    }
    return { pairs: seen.size, crowdedBuckets };
  }
}
