// Small deterministic PRNG for the benchmark corpus (never Math.random).

/**
 * Hash a string or number into a 32-bit seed (xmur3-like).
 * @param {string|number} s
 * @returns {number}
 */
export function seedHash(s) {
  const str = String(s);
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/**
 * sfc32 generator with helpers. Deterministic for a given seed.
 */
export class Rng {
  /** @param {string|number} seed */
  constructor(seed) {
    this.a = seedHash(`a:${seed}`);
    this.b = seedHash(`b:${seed}`);
    this.c = seedHash(`c:${seed}`);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** @returns {number} a float in [0, 1) */
  next() {
    let a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    this.c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** @param {number} n @returns {number} integer in [0, n) */
  int(n) {
    return Math.floor(this.next() * n);
  }

  /** @param {number} lo @param {number} hi @returns {number} integer in [lo, hi] */
  range(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** @param {number} p @returns {boolean} */
  chance(p) {
    return this.next() < p;
  }

  /**
   * @template T
   * @param {readonly T[]} arr
   * @returns {T}
   */
  pick(arr) {
    return /** @type {T} */ (arr[Math.floor(this.next() * arr.length)]);
  }

  /**
   * Weighted choice: weights need not sum to 1.
   * @param {readonly number[]} weights
   * @returns {number} index
   */
  weighted(weights) {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= /** @type {number} */ (weights[i]);
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * In-place Fisher-Yates shuffle.
   * @template T
   * @param {T[]} arr
   * @returns {T[]}
   */
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = /** @type {T} */ (arr[i]);
      arr[i] = /** @type {T} */ (arr[j]);
      arr[j] = t;
    }
    return arr;
  }

  /**
   * k distinct elements (order random).
   * @template T
   * @param {readonly T[]} arr
   * @param {number} k
   * @returns {T[]}
   */
  sample(arr, k) {
    const copy = arr.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = /** @type {T} */ (copy[i]);
      copy[i] = /** @type {T} */ (copy[j]);
      copy[j] = t;
    }
    return copy.slice(0, n);
  }
}
