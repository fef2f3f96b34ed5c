/**
 * In-memory LSH index over typed arrays.
 *
 * Entries are (band key, unit) pairs in two parallel Uint32Arrays. A two-pass
 * LSD radix sort on the key (16 bits a pass) groups equal keys together in
 * linear time, without an object per entry. Runs of equal keys are buckets;
 * each bucket yields the pairs of its members, packed as `a · 2^32 + b` into a
 * Float64Array that one numeric sort de-duplicates (a pair of units usually
 * shares several bands).
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

class GrowableUint32 {
  data: Uint32Array = new Uint32Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

/** Sort `keys` ascending, carrying `values` along (LSD radix, two 16-bit digits). */
function radixSort(keys: Uint32Array, values: Uint32Array): [Uint32Array, Uint32Array] {
  const n = keys.length;
  let k: Uint32Array = keys;
  let v: Uint32Array = values;
  let k2: Uint32Array = new Uint32Array(n);
  let v2: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((k[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const at = count[(k[i]! >>> shift) & 0xffff]!++;
      k2[at] = k[i]!;
      v2[at] = v[i]!;
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return [k, v];
}

export class MemoryLshIndex implements CandidateIndex {
  private readonly keys = new GrowableUint32();
  private readonly units = new GrowableUint32();
  private readonly crowdedBucket: number;
  private readonly leaders: number;

  constructor(options: MemoryLshIndexOptions = {}) {
    this.crowdedBucket = options.crowdedBucket ?? 200;
    this.leaders = options.leaders ?? 8;
  }

  add(unit: number, keys: Uint32Array): void {
    for (let i = 0; i < keys.length; i++) {
      this.keys.push(keys[i]!);
      this.units.push(unit);
    }
  }

  forEachCandidate(visit: (a: number, b: number) => void): CandidateStats {
    const [keys, units] = radixSort(this.keys.data.subarray(0, this.keys.length), this.units.data.subarray(0, this.units.length));
    let pairs = new Float64Array(1 << 16);
    let count = 0;
    let crowdedBuckets = 0;
    const emit = (x: number, y: number): void => {
      if (x === y) return;
      if (count === pairs.length) {
        const grown = new Float64Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[count++] = x < y ? x * 0x100000000 + y : y * 0x100000000 + x;
    };
    const n = keys.length;
    let start = 0;
    while (start < n) {
      const key = keys[start]!;
      let end = start + 1;
      while (end < n && keys[end] === key) end++;
      if (end - start > 1) {
        const crowded = end - start > this.crowdedBucket;
        if (crowded) crowdedBuckets++;
        for (let i = start + 1; i < end; i++) {
          const upTo = crowded ? Math.min(i, start + this.leaders) : i;
          for (let j = start; j < upTo; j++) emit(units[i]!, units[j]!);
        }
      }
      start = end;
    }
    const sorted = pairs.subarray(0, count).sort();
    let distinct = 0;
    for (let i = 0; i < count; i++) {
      const p = sorted[i]!;
      if (i > 0 && p === sorted[i - 1]) continue;
      distinct++;
      const a = Math.floor(p / 0x100000000);
      visit(a, p - a * 0x100000000);
    }
    return { pairs: distinct, crowdedBuckets };
  }
}
