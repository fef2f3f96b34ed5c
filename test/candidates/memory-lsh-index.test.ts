import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryLshIndex, type MemoryLshIndexOptions } from "../../src/candidates/memory-lsh-index.js";

type Corpus = ReadonlyArray<readonly [unit: number, keys: readonly number[]]>;

/** Run the index over a corpus: every visited pair, in visiting order, and the stats. */
function visit(corpus: Corpus, options?: MemoryLshIndexOptions) {
  const index = new MemoryLshIndex(options);
  for (const [unit, keys] of corpus) index.add(unit, Uint32Array.from(keys));
  const pairs: [number, number][] = [];
  const stats = index.forEachCandidate((a, b) => pairs.push([a, b]));
  return { pairs, stats };
}

/** Brute force: every pair of distinct units sharing at least one key, as "a,b" with a < b. */
function bruteForce(corpus: Corpus): Set<string> {
  const byKey = new Map<number, Set<number>>();
  for (const [unit, keys] of corpus) {
    for (const k of keys) {
      let s = byKey.get(k);
      if (!s) byKey.set(k, (s = new Set()));
      s.add(unit);
    }
  }
  const out = new Set<string>();
  for (const members of byKey.values()) {
    const list = [...members];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = Math.min(list[i]!, list[j]!);
        const b = Math.max(list[i]!, list[j]!);
        out.add(`${a},${b}`);
      }
    }
  }
  return out;
}

function expectExactlyOnce(pairs: readonly [number, number][], expected: Set<string>): void {
  for (const [a, b] of pairs) expect(a).toBeLessThan(b);
  const seen = pairs.map(([a, b]) => `${a},${b}`);
  expect(new Set(seen).size).toBe(seen.length); // no pair twice
  expect(new Set(seen)).toEqual(expected); // no pair missing, none extra
}

/** Every corpus `corpora` makes gives each pair that brute force finds, exactly once. */
function holdsToBruteForce(corpora: fc.Arbitrary<Corpus>, seed: number, numRuns: number): void {
  fc.assert(
    fc.property(corpora, (c) => {
      const { pairs } = visit(c);
      expectExactlyOnce(pairs, bruteForce(c));
    }),
    { seed, numRuns },
  );
}

/** A corpus: distinct units (shuffled ids), each with band keys drawn from a small range (repeats allowed). */
const corpus = (maxUnits: number, keyRange: number, maxKeys: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: maxUnits })
    .chain((units) =>
      fc.tuple(...units.map((u) => fc.tuple(fc.constant(u), fc.array(fc.integer({ min: 0, max: keyRange }), { maxLength: maxKeys })))),
    )
    .map((entries) => entries as Corpus);

describe("MemoryLshIndex: every pair sharing a key, exactly once", () => {
  it("matches brute force on random small corpora (property)", () => {
    fc.assert(
      fc.property(corpus(30, 40, 6), (c) => {
        const { pairs, stats } = visit(c);
        const expected = bruteForce(c);
        expectExactlyOnce(pairs, expected);
        expect(stats.pairs).toBe(expected.size);
        expect(stats.crowdedBuckets).toBe(0);
      }),
      { seed: 61, numRuns: 500 },
    );
  });

  it("matches brute force with keys over the whole 32-bit range (property)", () => {
    const wide = fc
      .uniqueArray(fc.integer({ min: 0, max: 100000 }), { maxLength: 25 })
      .chain((units) =>
        fc.tuple(
          ...units.map((u) =>
            fc.tuple(fc.constant(u), fc.array(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 12345), { maxLength: 4 })),
          ),
        ),
      )
      .map((entries) => entries as Corpus);
    holdsToBruteForce(wide, 62, 300);
  });

  it("matches brute force with more entries a band than are sorted by insertion, keys over the whole 32-bit range (property)", () => {
    // 300 units or more: a band holds more than 256 entries, so they are radix sorted.
    const key = fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 600 }));
    const many = fc
      .uniqueArray(fc.integer({ min: 0, max: 100000 }), { minLength: 300, maxLength: 400 })
      .chain((units) => fc.tuple(...units.map((u) => fc.tuple(fc.constant(u), fc.array(key, { minLength: 1, maxLength: 3 })))))
      .map((entries) => entries as Corpus);
    holdsToBruteForce(many, 63, 40);
  });

  it("matches brute force when the index grows past its initial capacity", () => {
    // 6000 units × 12 keys = 72,000 entries, more than the initial 32,768.
    const c: [number, number[]][] = [];
    let x = 1;
    for (let u = 0; u < 6000; u++) {
      const keys: number[] = [];
      for (let k = 0; k < 12; k++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        keys.push((x >>> 8) % 20000);
      }
      c.push([u, keys]);
    }
    const { pairs, stats } = visit(c);
    const expected = bruteForce(c);
    expect(expected.size).toBeGreaterThan(1000);
    expectExactlyOnce(pairs, expected);
    expect(stats.pairs).toBe(expected.size);
  });

  it("visits nothing for no units, units without keys, or one unit alone", () => {
    expect(visit([]).pairs).toEqual([]);
    expect(visit([[0, []], [1, []]]).pairs).toEqual([]);
    expect(visit([[0, [5, 5, 5]]]).pairs).toEqual([]);
  });

  it("a unit whose keys repeat is never paired with itself", () => {
    const { pairs } = visit([
      [3, [7, 7, 9]],
      [4, [9, 9]],
    ]);
    expect(pairs).toEqual([[3, 4]]);
  });
});

describe("MemoryLshIndex: crowded buckets stay linear", () => {
  const members = 1000;
  const crowdedBucket = 200;
  const leaders = 8;

  function crowded(extra: Corpus = []) {
    // Units added in a scrambled order, all sharing key 42, each with a private key too.
    const c: [number, number[]][] = [];
    for (let i = 0; i < members; i++) {
      const u = (i * 7919) % members;
      c.push([u, [1_000_000 + u, 42]]);
    }
    return visit([...c, ...extra], { crowdedBucket, leaders });
  }

  it("pairs each member with at most `leaders` others, and every member with at least one leader", () => {
    const { pairs, stats } = crowded();
    expect(stats.crowdedBuckets).toBe(1);
    expect(pairs.length).toBeLessThanOrEqual(leaders * members);
    expect(new Set(pairs.map(([a, b]) => `${a},${b}`)).size).toBe(pairs.length);
    for (const [a, b] of pairs) expect(a).toBeLessThan(b);

    const partners = new Map<number, Set<number>>();
    for (const [a, b] of pairs) {
      if (!partners.has(a)) partners.set(a, new Set());
      if (!partners.has(b)) partners.set(b, new Set());
      partners.get(a)!.add(b);
      partners.get(b)!.add(a);
    }
    // Leaders: the units paired with many; there are at most `leaders` of them.
    const leaderSet = [...partners.entries()].filter(([, p]) => p.size > leaders).map(([u]) => u);
    expect(leaderSet.length).toBeGreaterThan(0);
    expect(leaderSet.length).toBeLessThanOrEqual(leaders);
    for (let u = 0; u < members; u++) {
      const p = partners.get(u);
      expect(p, `unit ${u} has no candidate`).toBeDefined();
      if (!leaderSet.includes(u)) {
        expect(p!.size).toBeLessThanOrEqual(leaders);
        expect([...p!].some((v) => leaderSet.includes(v)), `unit ${u} meets no leader`).toBe(true);
      }
    }
  });

  it("grows linearly: each member added to a crowded bucket adds at most `leaders` pairs", () => {
    const count = (n: number): number => {
      const c: [number, number[]][] = [];
      for (let u = 0; u < n; u++) c.push([u, [42]]);
      return visit(c, { crowdedBucket, leaders }).stats.pairs;
    };
    const small = count(1000);
    const large = count(4000);
    expect(large - small).toBeLessThanOrEqual(leaders * 3000);
    expect(large).toBeLessThanOrEqual(leaders * 4000);
    expect(large).toBeGreaterThanOrEqual(4000 - 1); // still every member meets someone
  });

  it("pairs in ordinary buckets are all still visited beside a crowded bucket", () => {
    const extra: Corpus = [
      [500, [77]],
      [731, [77]],
      [999, [77]],
    ];
    const { pairs } = crowded(extra);
    const seen = new Set(pairs.map(([a, b]) => `${a},${b}`));
    for (const p of ["500,731", "500,999", "731,999"]) expect(seen.has(p), p).toBe(true);
  });

  it("a bucket at the limit is not crowded: all its pairs are visited", () => {
    const c: [number, number[]][] = [];
    for (let u = 0; u < crowdedBucket; u++) c.push([u, [42]]);
    const { pairs, stats } = visit(c, { crowdedBucket, leaders });
    expect(stats.crowdedBuckets).toBe(0);
    expect(pairs.length).toBe((crowdedBucket * (crowdedBucket - 1)) / 2);
  });
});

describe("MemoryLshIndex: bands", () => {
  it("keys are compared only within their band (key i is in band i mod bands)", () => {
    // Unit 1's key 5 is in band 0, unit 2's key 5 in band 1: no pair. Units 1 and 3 share 5 in band 0.
    const c: Corpus = [
      [1, [5, 9]],
      [2, [8, 5]],
      [3, [5, 6]],
    ];
    expect(visit(c, { bands: 2 }).pairs).toEqual([[1, 3]]);
    expect(visit(c).pairs).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it("with several windows (keys cycling through the bands) matches brute force per band (property)", () => {
    const bands = 3;
    fc.assert(
      fc.property(corpus(25, 12, 9), (c) => {
        const perBand = (b: number): Corpus => c.map(([u, keys]) => [u, keys.filter((_, i) => i % bands === b)] as const);
        const expected = new Set<string>();
        for (let b = 0; b < bands; b++) for (const p of bruteForce(perBand(b))) expected.add(p);
        expectExactlyOnce(visit(c, { bands }).pairs, expected);
      }),
      { seed: 63, numRuns: 300 },
    );
  });
});
