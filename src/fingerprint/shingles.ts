/**
 * Word shingles: every run of `size` consecutive tokens, hashed to 32 bits.
 * A text shorter than `size` tokens has one shingle, of all its tokens, so that
 * short paragraphs can still match exactly.
 */
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

/** Up to this length, an insertion sort in place beats a call to the native sort. */
const INSERTION_SORT = 48;

/** The distinct values of `values[0, length)`, sorted ascending, in a new array (`values` is left as it was). */
export function sortedUniqueOf(values: Uint32Array, length: number): Uint32Array {
  const sorted = values.slice(0, length);
  if (length > INSERTION_SORT) sorted.sort();
  else {
    for (let i = 1; i < length; i++) {
      const x = sorted[i]!;
      let j = i - 1;
      while (j >= 0 && sorted[j]! > x) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = x;
    }
  }
  let n = 0;
  for (let i = 0; i < length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  }
  return n === length ? sorted : sorted.subarray(0, n);
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
