/**
 * 32-bit integer hashing with Math.imul: FNV-1a for strings, the MurmurHash3
 * finaliser to mix. Fast in V8, deterministic across platforms, no dependency.
 */

/** FNV-1a over UTF-16 code units, finalised so that short strings spread well. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's finaliser: a bijection of 32-bit integers with full avalanche. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fold `value` into running hash `h` (order-sensitive). */
export function combine(h: number, value: number): number {
  return Math.imul((h ^ value) >>> 0, 0x9e3779b1) ^ ((h << 13) | (h >>> 19));
}

/** A 53-bit key (exact in a JS number) for a sequence of token hashes: equal sequences, equal keys. */
export function sequenceKey(tokenHashes: Uint32Array, length = tokenHashes.length): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < length; i++) {
    const h = tokenHashes[i]!;
    a = combine(a, h);
    b = combine(b, h ^ 0x5bd1e995);
  }
  a = fmix32(a ^ length);
  b = fmix32(b ^ Math.imul(length, 31));
  return a * 0x200000 + (b & 0x1fffff);
}
