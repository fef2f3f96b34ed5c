/**
 * In-memory LSH index over typed arrays, one band at a time.
 *
 * `add` keeps a reference to each unit's band keys (no copy). Candidates are
 * then found band by band, as LSH's one-table-per-band: the band's
 * (key, unit) entries are gathered into two Uint32Arrays and radix sorted on
 * the key (two 16-bit passes), so equal keys sit together without an object
 * per entry; runs of equal keys are buckets, and each bucket yields the pairs
 * of its members. Working one band at a time keeps the transient memory to
 * 1/bands of the entries, and keeps 32-bit keys of different bands from
 * colliding by chance (N²/2³³ pairs for N entries: about a million chance
 * candidates at 200,000 documents if all bands shared one table).
 *
 * Key `i` of a unit's keys belongs to band `i mod bands` (fingerprint.ts lays
 * out each window's band keys in band order).
 *
 * Pairs from all bands are collected as two Uint32Arrays, radix sorted on
 * (a, b), and de-duplicated (a pair of units usually shares several bands).
 *
 * A bucket holding more than `crowdedBucket` units (text that recurs nearly
 * verbatim in thousands of documents, i.e. boilerplate) would yield millions of
 * pairs; its members are paired only with its first `leaders` units instead, so
 * the cost stays linear and every member still meets the text it repeats.
 */
import type { CandidateIndex, CandidatePairs, CandidateStats } from "./candidate-index.js";

export interface MemoryLshIndexOptions {
  /** Bands a unit's keys cycle through (see above); 1 puts every key in one table. */
  readonly bands?: number;
  readonly crowdedBucket?: number;
  readonly leaders?: number;
}

/** A growable pair of Uint32 columns. */
class PairColumns {
  a: Uint32Array = new Uint32Array(1 << 16);
  b: Uint32Array = new Uint32Array(1 << 16);
  length = 0;
  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      this.a = grow(this.a);
      this.b = grow(this.b);
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

function grow(a: Uint32Array): Uint32Array {
  const grown = new Uint32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/**
 * Stable LSD radix sort of `keys[0, n)` ascending, carrying `values` along,
 * using `tmpKeys`/`tmpValues` (length ≥ n) as the other buffers. Two 16-bit
 * passes, so the sorted result ends up back in `keys`/`values`.
 */
function radixSort(keys: Uint32Array, values: Uint32Array, n: number, tmpKeys: Uint32Array, tmpValues: Uint32Array, count: Uint32Array): void {
  let fromK = keys;
  let fromV = values;
  let toK = tmpKeys;
  let toV = tmpValues;
  for (let shift = 0; shift <= 16; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((fromK[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const k = fromK[i]!;
      const at = count[(k >>> shift) & 0xffff]!++;
      toK[at] = k;
      toV[at] = fromV[i]!;
    }
    [fromK, toK] = [toK, fromK];
    [fromV, toV] = [toV, fromV];
  }
}

/** Entries gathered per pass over the units (8 bytes each, twice). */
const GROUP_ENTRIES = 1 << 23;

export class MemoryLshIndex implements CandidateIndex {
  private readonly unitIds: number[] = [];
  private readonly keyArrays: Uint32Array[] = [];
  private readonly bands: number;
  private readonly crowdedBucket: number;
  private readonly leaders: number;

  constructor(options: MemoryLshIndexOptions = {}) {
    this.bands = options.bands ?? 1;
    if (!Number.isInteger(this.bands) || this.bands < 1) throw new RangeError(`bands must be a positive integer, got ${this.bands}`);
    this.crowdedBucket = options.crowdedBucket ?? 200;
    this.leaders = options.leaders ?? 8;
  }

  add(unit: number, keys: Uint32Array): void {
    if (keys.length === 0) return;
    this.unitIds.push(unit);
    this.keyArrays.push(keys);
  }

  forEachCandidate(visit: (a: number, b: number) => void): CandidateStats {
    const { a, b, stats } = this.candidatePairs();
    for (let i = 0; i < a.length; i++) visit(a[i]!, b[i]!);
    return stats;
  }

  candidatePairs(): CandidatePairs {
    const bands = this.bands;
    // Entries per band: keys i ≡ b (mod bands).
    const perBand = new Uint32Array(bands);
    for (const keys of this.keyArrays) for (let b = 0; b < bands; b++) perBand[b]! += Math.ceil((keys.length - b) / bands);
    const largest = Math.max(0, ...perBand);
    // Bands are gathered a few at a time: one pass over the units fills each band's
    // region, and the transient arrays stay under GROUP_ENTRIES entries.
    const group = Math.max(1, Math.min(bands, Math.floor(GROUP_ENTRIES / Math.max(1, largest))));
    const size = largest * group;
    const keys = new Uint32Array(size);
    const units = new Uint32Array(size);
    const tmpKeys = new Uint32Array(largest);
    const tmpUnits = new Uint32Array(largest);
    const count = new Uint32Array(65537);
    const fill = new Uint32Array(group);
    const pairs = new PairColumns();
    let crowdedBuckets = 0;
    const emit = (x: number, y: number): void => {
      if (x !== y) pairs.push(Math.min(x, y), Math.max(x, y));
    };
    for (let first = 0; first < bands; first += group) {
      const last = Math.min(bands, first + group);
      for (let g = 0; g < last - first; g++) fill[g] = g * largest;
      for (let u = 0; u < this.keyArrays.length; u++) {
        const unitKeys = this.keyArrays[u]!;
        const unit = this.unitIds[u]!;
        for (let w = 0; w < unitKeys.length; w += bands) {
          for (let b = first; b < last && w + b < unitKeys.length; b++) {
            const at = fill[b - first]!++;
            keys[at] = unitKeys[w + b]!;
            units[at] = unit;
          }
        }
      }
      for (let b = first; b < last; b++) {
        const from = (b - first) * largest;
        const n = perBand[b]!;
        const bandKeys = keys.subarray(from, from + n);
        const bandUnits = units.subarray(from, from + n);
        radixSort(bandKeys, bandUnits, n, tmpKeys, tmpUnits, count);
        let start = 0;
        while (start < n) {
          const key = bandKeys[start]!;
          let end = start + 1;
          while (end < n && bandKeys[end] === key) end++;
          if (end - start > 1) {
            const crowded = end - start > this.crowdedBucket;
            if (crowded) crowdedBuckets++;
            for (let i = start + 1; i < end; i++) {
              const upTo = crowded ? Math.min(i, start + this.leaders) : i;
              for (let j = start; j < upTo; j++) emit(bandUnits[i]!, bandUnits[j]!);
            }
          }
          start = end;
        }
      }
    }
    // Sort pairs by (a, b): by b, then stably by a; then visit each distinct pair once.
    const m = pairs.length;
    const pa = pairs.a.subarray(0, m);
    const pb = pairs.b.subarray(0, m);
    const tmpA = new Uint32Array(m);
    const tmpB = new Uint32Array(m);
    radixSort(pb, pa, m, tmpB, tmpA, count);
    radixSort(pa, pb, m, tmpA, tmpB, count);
    // De-duplicate in place.
    let distinct = 0;
    for (let i = 0; i < m; i++) {
      if (i > 0 && pa[i] === pa[i - 1] && pb[i] === pb[i - 1]) continue;
      pa[distinct] = pa[i]!;
      pb[distinct++] = pb[i]!;
    }
    return { a: pa.subarray(0, distinct), b: pb.subarray(0, distinct), stats: { pairs: distinct, crowdedBuckets } };
  }
}
