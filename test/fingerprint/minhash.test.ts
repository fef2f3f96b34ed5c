import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fmix32 } from "../../src/fingerprint/hash.js";
import { bandKeys, candidateProbability, hashSeeds, probe, signature } from "../../src/fingerprint/minhash.js";
import { sortedUnique } from "../../src/fingerprint/shingles.js";

const HASHES = 256;

/**
 * Two sets of `size` elements sharing `shared` of them: Jaccard = shared / (2 size - shared).
 * Elements are hashed (as shingle hashes are) or consecutive integers (a worst case).
 */
function pairWithOverlap(size: number, shared: number, salt: number, hashed: boolean): [Uint32Array, Uint32Array] {
  const element = (i: number): number => (hashed ? fmix32(i + salt * 7919 + 1) : i + salt * 1000);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < shared; i++) {
    a.push(element(i));
    b.push(element(i));
  }
  for (let i = shared; i < size; i++) {
    a.push(element(i));
    b.push(element(i + size));
  }
  return [sortedUnique(Uint32Array.from(a)), sortedUnique(Uint32Array.from(b))];
}

function agreement(x: Uint32Array, y: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) n++;
  return n / x.length;
}

describe("hashSeeds", () => {
  it("is deterministic and gives distinct seeds", () => {
    expect(hashSeeds(64, 0x5eed)).toEqual(hashSeeds(64, 0x5eed));
    expect(new Set(hashSeeds(256, 0x5eed)).size).toBe(256);
    expect(hashSeeds(8, 1)).not.toEqual(hashSeeds(8, 2));
  });
});

describe("signature", () => {
  it("is the same for the same set, and for a set given with its elements in another order", () => {
    const seeds = hashSeeds(HASHES, 1);
    const [a] = pairWithOverlap(50, 50, 3, true);
    expect(signature(a, seeds)).toEqual(signature(a, seeds));
    expect(signature(a.slice().reverse(), seeds)).toEqual(signature(a, seeds));
  });

  it("agrees everywhere for identical sets and almost nowhere for disjoint ones", () => {
    const seeds = hashSeeds(HASHES, 9);
    const [a, b] = pairWithOverlap(200, 0, 1, true);
    expect(agreement(signature(a, seeds), signature(a, seeds))).toBe(1);
    expect(agreement(signature(a, seeds), signature(b, seeds))).toBeLessThan(0.02);
  });

  it("estimates Jaccard within ±0.1 over 256 hashes (property over seeds, overlaps, hashed and consecutive elements)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (seed, shared, salt, hashed) => {
          const [a, b] = pairWithOverlap(200, shared, salt, hashed);
          const jaccard = shared / (400 - shared);
          const seeds = hashSeeds(HASHES, seed);
          const estimate = agreement(signature(a, seeds), signature(b, seeds));
          expect(Math.abs(estimate - jaccard)).toBeLessThanOrEqual(0.1);
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  it("is unbiased: over many seeds the mean estimate is within 0.02 of the Jaccard", () => {
    for (const shared of [20, 100, 133, 180]) {
      const jaccard = shared / (400 - shared);
      for (const hashed of [true, false]) {
        let sum = 0;
        const trials = 40;
        for (let t = 0; t < trials; t++) {
          const [a, b] = pairWithOverlap(200, shared, t, hashed);
          const seeds = hashSeeds(HASHES, 1000 + t);
          sum += agreement(signature(a, seeds), signature(b, seeds));
        }
        expect(Math.abs(sum / trials - jaccard), `shared=${shared} hashed=${hashed}`).toBeLessThan(0.02);
      }
    }
  });

  it("works for sets of different sizes (one contained in the other)", () => {
    // A ⊂ B with |A| = 50, |B| = 200: Jaccard 0.25.
    const [, b] = pairWithOverlap(200, 200, 5, true);
    const a = sortedUnique(b.slice(0, 50));
    const seeds = hashSeeds(HASHES, 77);
    expect(Math.abs(agreement(signature(a, seeds), signature(b, seeds)) - 0.25)).toBeLessThanOrEqual(0.1);
  });
});

/** The signature as its definition reads: each element to its bin's minimum, then each empty bin probed bin by bin. */
function referenceSignature(set: Uint32Array, seeds: Uint32Array): Uint32Array {
  const n = seeds.length;
  const sig = new Uint32Array(n).fill(0xffffffff);
  const filled = new Array<boolean>(n).fill(false);
  for (const x of set) {
    const y = fmix32(x ^ seeds[0]!);
    const bin = ((y >>> 16) * n) >>> 16;
    filled[bin] = true;
    sig[bin] = Math.min(sig[bin]!, y);
  }
  if (!filled.includes(true)) return sig;
  for (let k = 0; k < n; k++) {
    if (filled[k]) continue;
    let j = probe(seeds, k, 0);
    for (let attempt = 1; !filled[j]; attempt++) j = probe(seeds, k, attempt);
    sig[k] = sig[j]!;
  }
  return sig;
}

describe("signature densification", () => {
  it("gives every empty bin the first filled bin on its probe sequence, for any bin count (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 130 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uint32Array({ maxLength: 160 }),
        (n, seed, set) => {
          const seeds = hashSeeds(n, seed);
          expect(signature(set, seeds)).toEqual(referenceSignature(set, seeds));
        },
      ),
      { seed: 60, numRuns: 3000 },
    );
  });

  it("fills a window of few shingles over many bins, where most bins are empty and some probe far", () => {
    const seeds = hashSeeds(60, 7);
    for (let size = 1; size <= 4; size++) {
      for (let t = 0; t < 200; t++) {
        const set = Uint32Array.from({ length: size }, (_, i) => fmix32(t * 31 + i));
        expect(signature(set, seeds)).toEqual(referenceSignature(set, seeds));
      }
    }
  });
});

describe("bandKeys", () => {
  it("identical signatures give identical keys; one changed row changes only its band's key", () => {
    const seeds = hashSeeds(64, 3);
    const [a] = pairWithOverlap(100, 100, 1, true);
    const sig = signature(a, seeds);
    const keys = bandKeys(sig, 32, 2);
    expect(keys).toHaveLength(32);
    expect(bandKeys(sig.slice(), 32, 2)).toEqual(keys);
    const changed = sig.slice();
    changed[7] = (changed[7]! + 1) >>> 0; // row 1 of band 3
    const keys2 = bandKeys(changed, 32, 2);
    keys.forEach((k, band) => (band === 3 ? expect(keys2[band]).not.toBe(k) : expect(keys2[band]).toBe(k)));
  });

  it("the same rows in two different bands give different keys (no cross-band candidates)", () => {
    const sig = new Uint32Array(64).fill(12345);
    const keys = bandKeys(sig, 32, 2);
    expect(new Set(keys).size).toBe(32);
  });

  it("sets of high Jaccard share a band key far more often than sets of low Jaccard", () => {
    const rate = (shared: number): number => {
      let hits = 0;
      for (let t = 0; t < 100; t++) {
        const [a, b] = pairWithOverlap(60, shared, t, true);
        const seeds = hashSeeds(64, t);
        const ka = bandKeys(signature(a, seeds), 32, 2);
        const kb = bandKeys(signature(b, seeds), 32, 2);
        if (ka.some((k, i) => kb[i] === k)) hits++;
      }
      return hits / 100;
    };
    // Default 32 bands × 2 rows: P(J=0.5) ≈ 1, P(J≈0.05) ≈ 0.08.
    expect(rate(40)).toBeGreaterThanOrEqual(0.97);
    expect(rate(6)).toBeLessThan(0.3);
  });
});

describe("candidateProbability", () => {
  it("is 0 at j=0, 1 at j=1, and follows 1 − (1 − j^r)^b", () => {
    expect(candidateProbability(0, 32, 2)).toBe(0);
    expect(candidateProbability(1, 32, 2)).toBe(1);
    expect(candidateProbability(0.5, 1, 1)).toBeCloseTo(0.5, 12);
    expect(candidateProbability(0.5, 2, 2)).toBeCloseTo(1 - 0.75 * 0.75, 12);
  });

  it("is monotone non-decreasing in j (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 16 }),
        (x, y, bands, rows) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const p = candidateProbability(lo, bands, rows);
          const q = candidateProbability(hi, bands, rows);
          expect(p).toBeLessThanOrEqual(q);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 51, numRuns: 2000 },
    );
  });

  it("matches the observed band-key collision rate", () => {
    // 2 rows × 8 bands, J = 100/300 = 1/3: P = 1 − (1 − 1/9)^8 ≈ 0.61.
    const expected = candidateProbability(1 / 3, 8, 2);
    let hits = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const [a, b] = pairWithOverlap(200, 100, t, true);
      const seeds = hashSeeds(16, 500 + t);
      const ka = bandKeys(signature(a, seeds), 8, 2);
      const kb = bandKeys(signature(b, seeds), 8, 2);
      if (ka.some((k, i) => kb[i] === k)) hits++;
    }
    expect(Math.abs(hits / trials - expected)).toBeLessThan(0.08);
  });
});
