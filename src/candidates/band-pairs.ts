/**
 * The work of an LSH index, as functions over typed arrays: gather the
 * candidate pairs of some bands, put pairs in order without repeats, merge
 * ordered lists. MemoryLshIndex runs them over every band in this thread;
 * match/verify-candidates.ts runs them in worker threads, each over a share of
 * the bands, and merges what the workers find, to the same pairs.
 *
 * One band is one LSH table: its (key, unit) entries are gathered into two
 * Uint32Arrays and radix sorted on the key (two 16-bit passes), so equal keys
 * sit together without an object per entry; runs of equal keys are buckets,
 * and each bucket yields the pairs of its members. Bands are gathered a few at
 * a time, so the transient arrays stay under GROUP_ENTRIES entries, and keys of
 * different bands never meet (32-bit keys of one shared table would collide by
 * chance: N²/2³³ pairs for N entries).
 *
 * Key `i` of a unit's keys belongs to band `i mod bands` (fingerprint.ts lays
 * out each window's band keys in band order).
 *
 * A bucket holding more than `crowdedBucket` units (text that recurs nearly
 * verbatim in thousands of documents, i.e. boilerplate) would yield millions of
 * pairs; its members are paired only with its first `leaders` units instead, so
 * the cost stays linear and every member still meets the text it repeats.
 */

/**
 * What the index was given: unit `unitIds[i]` has band keys
 * `views[viewOf[i]][start[i], start[i] + length[i])` (each unit's own array in
 * this thread, or its place in the buffers the fingerprinting workers shared).
 */
export interface BandEntries {
  readonly unitIds: ArrayLike<number>;
  readonly views: readonly Uint32Array[];
  readonly viewOf: Uint32Array;
  readonly start: Uint32Array;
  readonly length: Uint32Array;
  /** Bands a unit's keys cycle through; 1 puts every key in one table. */
  readonly bands: number;
  readonly crowdedBucket: number;
  readonly leaders: number;
}

/** The bands worker `w` of `workers` gathers, dealt round: w, w + workers, … (ascending). */
export function bandShare(bands: number, workers: number, w: number): number[] {
  const share: number[] = [];
  for (let b = w; b < bands; b += workers) share.push(b);
  return share;
}

/** Pairs in two columns, `a[i] < b[i]`. */
export interface PairList {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

/** A growable pair of Uint32 columns. */
export class PairColumns {
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
  // Each pass walks all 65,536 counts: for a few entries (a small scan's bands) that
  // is most of the work, 15 ms a scan in cold code. Insertion sort is stable too.
  if (n <= SMALL_SORT) return insertionSort(keys, values, n);
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

/** Entries sorted by insertion instead of by radix: below this, two passes over 65,536 counts cost more. */
const SMALL_SORT = 256;

/** Stable insertion sort of `keys[0, n)` ascending, carrying `values` along. */
function insertionSort(keys: Uint32Array, values: Uint32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      values[j + 1] = values[j]!;
      j--;
    }
    keys[j + 1] = k;
    values[j + 1] = v;
  }
}

/** Entries gathered per pass over the units (8 bytes each, twice): 128 MB. */
export const GROUP_ENTRIES = 1 << 23;

/**
 * The pairs of units sharing a key in one of `bandList`'s bands (ascending),
 * with repeats, and how many buckets were crowded. `groupEntries`: how many
 * entries to gather at a time (threads working side by side share GROUP_ENTRIES).
 */
export function gatherBandPairs(entries: BandEntries, bandList: readonly number[], groupEntries = GROUP_ENTRIES): { pairs: PairColumns; crowdedBuckets: number } {
  const { unitIds, views, viewOf, start: keyStart, length: keyLength, bands, crowdedBucket, leaders } = entries;
  // Ascending and within range: gathering stops at a unit's last key by the band order.
  bandList.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 0 || b >= bands || (i > 0 && b <= bandList[i - 1]!)) throw new RangeError(`bands to gather must ascend within 0..${bands - 1}, got ${bandList.join(",")}`);
  });
  const units = unitIds.length;
  // Entries per band: keys i ≡ b (mod bands).
  const perBand = new Uint32Array(bands);
  for (let u = 0; u < units; u++) for (const b of bandList) perBand[b]! += Math.max(0, Math.ceil((keyLength[u]! - b) / bands));
  let largest = 0;
  for (const b of bandList) largest = Math.max(largest, perBand[b]!);
  const group = Math.max(1, Math.min(bandList.length, Math.floor(groupEntries / Math.max(1, largest))));
  const keys = new Uint32Array(largest * group);
  const owners = new Uint32Array(largest * group);
  const tmpKeys = new Uint32Array(largest);
  const tmpUnits = new Uint32Array(largest);
  const count = new Uint32Array(65537);
  const fill = new Uint32Array(group);
  const pairs = new PairColumns();
  let crowdedBuckets = 0;
  for (let first = 0; first < bandList.length; first += group) {
    const inGroup = bandList.slice(first, first + group);
    for (let g = 0; g < inGroup.length; g++) fill[g] = g * largest;
    for (let u = 0; u < units; u++) {
      const view = views[viewOf[u]!]!;
      const from = keyStart[u]!;
      const length = keyLength[u]!;
      const unit = unitIds[u]!;
      for (let w = 0; w < length; w += bands) {
        for (let g = 0; g < inGroup.length; g++) {
          const b = inGroup[g]!;
          if (w + b >= length) break;
          const at = fill[g]!++;
          keys[at] = view[from + w + b]!;
          owners[at] = unit;
        }
      }
    }
    for (let g = 0; g < inGroup.length; g++) {
      const from = g * largest;
      const n = perBand[inGroup[g]!]!;
      const bandKeys = keys.subarray(from, from + n);
      const bandUnits = owners.subarray(from, from + n);
      radixSort(bandKeys, bandUnits, n, tmpKeys, tmpUnits, count);
      let start = 0;
      while (start < n) {
        const key = bandKeys[start]!;
        let end = start + 1;
        while (end < n && bandKeys[end] === key) end++;
        if (end - start > 1) {
          const crowded = end - start > crowdedBucket;
          if (crowded) crowdedBuckets++;
          for (let i = start + 1; i < end; i++) {
            const upTo = crowded ? Math.min(i, start + leaders) : i;
            for (let j = start; j < upTo; j++) {
              const x = bandUnits[i]!;
              const y = bandUnits[j]!;
              if (x !== y) pairs.push(Math.min(x, y), Math.max(x, y));
            }
          }
        }
        start = end;
      }
    }
  }
  return { pairs, crowdedBuckets };
}

/** The distinct pairs of `pairs`, sorted by (a, b). Sorts `pairs`' columns in place. */
export function distinctSorted(pairs: PairColumns): PairList {
  const m = pairs.length;
  const pa = pairs.a.subarray(0, m);
  const pb = pairs.b.subarray(0, m);
  const tmpA = new Uint32Array(m);
  const tmpB = new Uint32Array(m);
  const count = new Uint32Array(65537);
  // By b, then stably by a.
  radixSort(pb, pa, m, tmpB, tmpA, count);
  radixSort(pa, pb, m, tmpA, tmpB, count);
  let distinct = 0;
  for (let i = 0; i < m; i++) {
    if (i > 0 && pa[i] === pa[i - 1] && pb[i] === pb[i - 1]) continue;
    pa[distinct] = pa[i]!;
    pb[distinct++] = pb[i]!;
  }
  return { a: pa.subarray(0, distinct), b: pb.subarray(0, distinct) };
}

/** Pairs in (a, b) order, without repeats, each with a number (verify-candidates.ts: the shingles it shares). */
export interface CountedPairs extends PairList {
  readonly count: Int32Array;
}

/**
 * The union of sorted lists of counted pairs, each pair once (with the first
 * list's count where several hold it), walked in order without building it:
 * how many distinct pairs there are, and those whose count `keep` accepts, in
 * order. On a million documents the lists hold 190 million candidates, of
 * which a few million are kept.
 */
export function mergeCounted(lists: readonly CountedPairs[], keep: (count: number) => boolean): { kept: CountedPairs; distinct: number } {
  const at = new Array<number>(lists.length).fill(0);
  const kept = new PairColumns();
  let counts = new Int32Array(kept.a.length);
  let distinct = 0;
  for (;;) {
    // The smallest pair at the lists' heads, from the first list that holds it.
    let best = -1;
    let ba = 0;
    let bb = 0;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      const i = at[l]!;
      if (i >= list.a.length) continue;
      const a = list.a[i]!;
      const b = list.b[i]!;
      if (best < 0 || a < ba || (a === ba && b < bb)) {
        best = l;
        ba = a;
        bb = b;
      }
    }
    if (best < 0) break;
    distinct++;
    const count = lists[best]!.count[at[best]!]!;
    if (keep(count)) {
      if (kept.length === counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[kept.length] = count;
      kept.push(ba, bb);
    }
    // This pair at the head of any list is passed.
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      const i = at[l]!;
      if (i < list.a.length && list.a[i] === ba && list.b[i] === bb) at[l] = i + 1;
    }
  }
  const n = kept.length;
  return { kept: { a: kept.a.subarray(0, n), b: kept.b.subarray(0, n), count: counts.subarray(0, n) }, distinct };
}
