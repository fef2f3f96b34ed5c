/**
 * Word shingles: every run of `size` consecutive tokens, hashed to 32 bits.
 * A text shorter than `size` tokens has one shingle, of all its tokens, so that
 * short paragraphs can still match exactly.
 */
import type { FingerprintArena } from "./arena.js";
import { combine, fmix32, hashString } from "./hash.js";

/** Hash each token once; shingles combine these. */
export function hashTokens(words: readonly string[]): Uint32Array {
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]!);
  return out;
}

/** Shingle hashes in text order (with repeats), for tokens `[from, to)` of `tokenHashes`. */
export function shingleSequence(tokenHashes: Uint32Array, size: number, from = 0, to = tokenHashes.length): Uint32Array {
  const out = new Uint32Array(shingleCount(to - from, size));
  shingleSequenceInto(out, tokenHashes, size, from, to);
  return out;
}

/** How many shingles `tokens` tokens make: one per run of `size`, and one for a shorter text (none for no text). */
export function shingleCount(tokens: number, size: number): number {
  return tokens <= 0 ? 0 : tokens < size ? 1 : tokens - size + 1;
}

/** `shingleSequence`, written into `out` (at least `shingleCount` long); returns the count. */
export function shingleSequenceInto(out: Uint32Array, tokenHashes: Uint32Array, size: number, from: number, to: number): number {
  const n = to - from;
  const count = shingleCount(n, size);
  const width = Math.min(size, n);
  for (let i = 0; i < count; i++) {
    let h = 0x27d4eb2f ^ width;
    for (let j = 0; j < width; j++) h = combine(h, tokenHashes[from + i + j]!);
    out[i] = fmix32(h);
  }
  return count;
}

/** The set of shingle hashes: sorted ascending, without repeats. */
export function shingleSet(tokenHashes: Uint32Array, size: number, from = 0, to = tokenHashes.length): Uint32Array {
  return sortedUnique(shingleSequence(tokenHashes, size, from, to));
}

export function sortedUnique(values: Uint32Array): Uint32Array {
  return sortedUniqueOf(values, values.length);
}

/** Up to this length, an insertion sort in place beats bucketing. */
const INSERTION_SORT = 24;
/** Longer arrays are sorted natively: paragraphs are far shorter, and the bucket counts would outgrow the cache. */
const BUCKET_SORT = 1 << 14;
/** Bucket counts, shared by all calls (one thread, no re-entry). */
let bucketCounts = new Int32Array(256);

/**
 * The distinct values of `values[0, length)`, sorted ascending, in a new array
 * (`values` is left as it was).
 *
 * Shingle hashes are uniform over 32 bits, so they are sorted by spreading them
 * over at least as many buckets as values by their high bits (a counting sort,
 * two passes), which leaves each value at most a few places from where it
 * belongs, then an insertion sort finishes. Every paragraph's set goes through
 * here, and calling the native sort for each of them cost twice as much
 * (typical paragraphs of 30–150 shingles). Values that are not uniform (a caller
 * passing small integers) cannot make this quadratic: past a budget of moves
 * the native sort takes over. With an `arena` the new array is a view carved
 * out of it (a worker's batch, arena.ts).
 */
export function sortedUniqueOf(values: Uint32Array, length: number, arena?: FingerprintArena): Uint32Array {
  const sorted = length <= INSERTION_SORT || length > BUCKET_SORT ? copied(values, length, arena) : bucketed(values, length, arena);
  if (length > BUCKET_SORT || !insertionSorted(sorted, length, length <= INSERTION_SORT ? Infinity : 4 * length)) sorted.sort();
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  }
  return n === length ? sorted : arena ? arena.fit(sorted, n) : sorted.subarray(0, n);
}

function copied(values: Uint32Array, length: number, arena: FingerprintArena | undefined): Uint32Array {
  if (!arena) return values.slice(0, length);
  const out = arena.take(length);
  out.set(values.subarray(0, length));
  return out;
}

/** `values[0, length)` in a new array, ordered by their high bits (2^bits >= length buckets). */
function bucketed(values: Uint32Array, length: number, arena: FingerprintArena | undefined): Uint32Array {
  const bits = 32 - Math.clz32(length - 1);
  const buckets = 1 << bits;
  const shift = 32 - bits;
  if (bucketCounts.length <= buckets) bucketCounts = new Int32Array(2 * buckets);
  const counts = bucketCounts;
  counts.fill(0, 0, buckets + 1);
  for (let i = 0; i < length; i++) counts[(values[i]! >>> shift) + 1]!++;
  for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
  const out = arena ? arena.take(length) : new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    out[counts[v >>> shift]!++] = v;
  }
  return out;
}

/** Insertion-sort `a[0, length)` in place; false (left part-sorted) once it has moved more than `budget` values. */
function insertionSorted(a: Uint32Array, length: number, budget: number): boolean {
  let moves = 0;
  for (let i = 1; i < length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
    moves += i - 1 - j;
    if (moves > budget) return false;
  }
  return true;
}

/** Size of the intersection of two sorted unique arrays (a merge: O(|a| + |b|)). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  // With nothing needed, the early exit never fires: the full count.
  return rangeIntersectionAtLeast(a, 0, a.length, b, 0, b.length, 0);
}

/**
 * `intersectionSize(a, b)` when it is at least `need`, else -1, found with an
 * exact early exit: the merge stops as soon as the elements left on the
 * shorter side can no longer bring the count to `need`. Most LSH candidates
 * that fail verification are settled halfway through.
 */
export function intersectionAtLeast(a: Uint32Array, b: Uint32Array, need: number): number {
  return rangeIntersectionAtLeast(a, 0, a.length, b, 0, b.length, need);
}

/** `intersectionAtLeast` of `a[aFrom, aTo)` and `b[bFrom, bTo)` (sets held in shared buffers). */
export function rangeIntersectionAtLeast(a: Uint32Array, aFrom: number, aTo: number, b: Uint32Array, bFrom: number, bTo: number, need: number): number {
  let i = aFrom;
  let j = bFrom;
  let n = 0;
  while (i < aTo && j < bTo) {
    if (n + Math.min(aTo - i, bTo - j) < need) return -1;
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n >= need ? n : -1;
}

/** The fewest shared shingles with which the smaller of two sets (`smaller` shingles) is `threshold` contained, and at least `minShared`. */
export function sharedNeeded(smaller: number, threshold: number, minShared: number): number {
  const size = Math.max(1, smaller);
  let need = Math.max(minShared, Math.ceil(threshold * size));
  while (need > minShared && (need - 1) / size >= threshold) need--; // ceil's floating-point rounding, undone
  return need;
}

/** Union of sorted unique arrays, sorted unique. */
export function unionAll(sets: readonly Uint32Array[]): Uint32Array {
  let total = 0;
  for (const s of sets) total += s.length;
  const all = new Uint32Array(total);
  let k = 0;
  for (const s of sets) {
    all.set(s, k);
    k += s.length;
  }
  return sortedUnique(all);
}
