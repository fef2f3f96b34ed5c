/**
 * MinHash signatures and LSH band keys.
 *
 * A signature holds, for each of `hashes` independent hash functions, the
 * minimum over a shingle set; two sets agree at one position with probability
 * equal to their Jaccard similarity. Banding (`bands` groups of `rows`
 * positions, hashed together) turns that into candidate pairs: two sets share a
 * band key with probability 1 − (1 − J^rows)^bands, without any pairwise loop.
 */
import { combine, fmix32 } from "./hash.js";

/** Seeds of the hash functions: derived from one fixed seed, so runs are reproducible. */
export function hashSeeds(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = fmix32(s + 0x9e3779b9);
    out[i] = s;
  }
  return out;
}

/**
 * MinHash signature of a non-empty shingle set (repeats allowed: they change no
 * minimum). Each shingle is mixed once with the full MurmurHash3 finaliser; the
 * `k`-th hash function is then a cheap xor-multiply-xorshift of that value, 4
 * operations instead of 10 — the hot loop of fingerprinting.
 */
export function signature(shingles: Uint32Array, seeds: Uint32Array, from = 0, to = shingles.length): Uint32Array {
  const n = seeds.length;
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (let i = from; i < to; i++) {
    const y = fmix32(shingles[i]!);
    for (let k = 0; k < n; k++) {
      let h = Math.imul(y ^ seeds[k]!, 0x9e3779b1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/** One 32-bit key per band: the band's rows hashed together with the band's number. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  const keys = new Uint32Array(bands);
  for (let b = 0; b < bands; b++) {
    let h = combine(0x165667b1, b);
    for (let r = 0; r < rows; r++) h = combine(h, sig[b * rows + r]!);
    keys[b] = fmix32(h);
  }
  return keys;
}

/** Probability that two sets of Jaccard similarity `j` become candidates. */
export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}
