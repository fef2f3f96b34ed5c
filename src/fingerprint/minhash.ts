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
 * MinHash signature of a shingle set (repeats allowed: they change no minimum),
 * by one-permutation hashing with optimal densification (Li, Owen & Zhang
 * 2012; Shrivastava 2017): each shingle is hashed once, the hash's high bits
 * choose one of the `seeds.length` bins, and each bin keeps its minimum. A bin
 * no shingle fell in borrows the value of the first filled bin on a probe
 * sequence fixed by the bin's seed, the same for every set, so two sets agree
 * at each position with probability equal to their Jaccard similarity, as with
 * independent hash functions. One hash per shingle instead of one per shingle
 * and signature position: this loop was 60% of fingerprinting.
 */
export function signature(shingles: Uint32Array, seeds: Uint32Array, from = 0, to = shingles.length): Uint32Array {
  return signatureInto(new Uint32Array(seeds.length), shingles, seeds, from, to);
}

/** `signature`, written into `sig` (length `seeds.length`): the fingerprint loop reuses one array. */
export function signatureInto(sig: Uint32Array, shingles: Uint32Array, seeds: Uint32Array, from = 0, to = shingles.length): Uint32Array {
  const n = seeds.length;
  sig.fill(0xffffffff);
  if (filled.length < n) filled = new Uint8Array(n);
  filled.fill(0, 0, n);
  const salt = seeds[0] ?? 0;
  for (let i = from; i < to; i++) {
    // fmix32, inlined: this is the hottest loop of fingerprinting.
    let h = shingles[i]! ^ salt;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    const y = h >>> 0;
    // Bin from the high 16 bits (n <= 65536), order within a bin from all 32.
    // No branch on whether the bin was empty: which way it goes is a coin toss.
    const bin = ((y >>> 16) * n) >>> 16;
    filled[bin] = 1;
    const old = sig[bin]!;
    sig[bin] = y < old ? y : old;
  }
  if (to > from) densify(sig, seeds, n);
  return sig;
}

/**
 * Give each empty bin the value of the first filled bin on its probe sequence.
 * Written for the branch predictor, which the obvious loops kept missing (a
 * window of 37 shingles leaves about half of 60 bins empty, at random): empty
 * bins are found from a bit mask of the filled ones, 32 bins at a time, and
 * the first PROBES_AT_ONCE probes of a bin are looked up together, the first
 * filled one picked from their bits. Signatures and band keys 2.2 times as
 * fast, the same values.
 */
function densify(sig: Uint32Array, seeds: Uint32Array, n: number): void {
  const probes = probeTable(seeds);
  for (let base = 0; base < n; base += 32) {
    const width = Math.min(32, n - base);
    let mask = 0;
    for (let b = 0; b < width; b++) mask |= filled[base + b]! << b;
    let empty = ~mask & (width === 32 ? -1 : (1 << width) - 1);
    while (empty !== 0) {
      const bit = empty & -empty;
      empty ^= bit;
      const k = base + 31 - Math.clz32(bit);
      sig[k] = sig[firstFilledProbe(probes, seeds, k)]!;
    }
  }
}

/** Probes looked up at once, without a branch per probe (an empty bin's first one is filled about half the time). */
const PROBES_AT_ONCE = 8;

/** The first filled bin on empty bin `k`'s probe sequence (one exists: densify runs only when some bin is filled). */
function firstFilledProbe(probes: Uint16Array, seeds: Uint32Array, k: number): number {
  const at = k * PROBES;
  let bits = 0;
  for (let a = 0; a < PROBES_AT_ONCE; a++) bits |= filled[probes[at + a]!]! << a;
  if (bits !== 0) return probes[at + 31 - Math.clz32(bits & -bits)]!;
  for (let a = PROBES_AT_ONCE; a < PROBES; a++) if (filled[probes[at + a]!] === 1) return probes[at + a]!;
  for (let attempt = PROBES; ; attempt++) {
    const j = probe(seeds, k, attempt);
    if (filled[j] === 1) return j;
  }
}

/** Which bins are filled: scratch space shared by all calls (one thread, no re-entry). */
let filled = new Uint8Array(64);

/** Probes precomputed per bin: an empty bin rarely needs more (P(32 misses) < 0.6^32 for windows of 37 shingles over 60 bins). */
const PROBES = 32;
/** The probe table of the last seeds asked for: a thread fingerprints with one set of seeds. */
let lastSeeds: Uint32Array | null = null;
let lastProbes = new Uint16Array(0);

/** The `attempt`-th bin that empty bin `k` tries: depends on the seeds only, never on the set. */
export function probe(seeds: Uint32Array, k: number, attempt: number): number {
  return ((fmix32(seeds[k]! ^ Math.imul(attempt + 1, 0x9e3779b1)) >>> 16) * seeds.length) >>> 16;
}

function probeTable(seeds: Uint32Array): Uint16Array {
  if (seeds !== lastSeeds) {
    lastProbes = new Uint16Array(seeds.length * PROBES);
    for (let k = 0; k < seeds.length; k++) for (let a = 0; a < PROBES; a++) lastProbes[k * PROBES + a] = probe(seeds, k, a);
    lastSeeds = seeds;
  }
  return lastProbes;
}

/** One 32-bit key per band: the band's rows hashed together with the band's number. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  return bandKeysInto(new Uint32Array(bands), 0, sig, bands, rows);
}

/** `bandKeys`, written into `keys` from `at`. */
export function bandKeysInto(keys: Uint32Array, at: number, sig: Uint32Array, bands: number, rows: number): Uint32Array {
  for (let b = 0; b < bands; b++) {
    let h = combine(0x165667b1, b);
    for (let r = 0; r < rows; r++) h = combine(h, sig[b * rows + r]!);
    keys[at + b] = fmix32(h);
  }
  return keys;
}

/** Probability that two sets of Jaccard similarity `j` become candidates. */
export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}
