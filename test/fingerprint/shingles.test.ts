import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashTokens, intersectionAtLeast, intersectionSize, shingleSequence, shingleSet, sortedUnique, sortedUniqueOf, unionAll } from "../../src/fingerprint/shingles.js";
import { normalizeText, tokenize } from "../../src/normalize/normalize.js";
import { seedParagraphs } from "../helpers/corpus.js";

function hashesOf(text: string): Uint32Array {
  return hashTokens(tokenize(text).words);
}

function isStrictlyAscending(a: Uint32Array): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1]! < a[i]!)) return false;
  return true;
}

/** Small token hashes with many repeats, so that shingles repeat too. */
const tokenHashes = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }).map((xs) => Uint32Array.from(xs));
const sortedSet = fc
  .uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 200 })
  .map((xs) => Uint32Array.from(xs).sort());
const smallSortedSet = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }).map((xs) => Uint32Array.from(xs).sort());

describe("shingleSequence / shingleSet", () => {
  it("gives n - size + 1 shingles in text order, one per window", () => {
    const h = hashesOf("one two three four five six seven");
    expect(shingleSequence(h, 4)).toHaveLength(4);
    expect(shingleSequence(h, 1)).toHaveLength(7);
    expect(shingleSequence(h, 7)).toHaveLength(1);
  });

  it("gives exactly one shingle for a text shorter than the shingle size", () => {
    for (const text of ["one", "one two", "one two three"]) {
      expect(shingleSequence(hashesOf(text), 4)).toHaveLength(1);
      expect(shingleSet(hashesOf(text), 4)).toHaveLength(1);
    }
  });

  it("gives no shingle for no tokens", () => {
    expect(shingleSequence(new Uint32Array(0), 4)).toHaveLength(0);
    expect(shingleSet(new Uint32Array(0), 4)).toHaveLength(0);
  });

  it("the one shingle of a short text is its whole token sequence: short texts differing by a word differ", () => {
    const [a] = shingleSet(hashesOf("human rights"), 4);
    const [b] = shingleSet(hashesOf("human rights violation"), 4);
    const [c] = shingleSet(hashesOf("rights human"), 4);
    const [d] = shingleSet(hashesOf("Human\u00a0RIGHTS"), 4);
    expect(a).not.toBe(b);
    expect(a).not.toBe(c);
    expect(a).toBe(d);
  });

  it("equal windows give equal shingles, whatever their position", () => {
    const seq = shingleSequence(hashesOf("a b c d x a b c d"), 4);
    expect(seq[0]).toBe(seq[5]);
    expect(new Set(seq).size).toBe(5);
    expect(shingleSet(hashesOf("a b c d x a b c d"), 4)).toHaveLength(5);
  });

  it("word order inside a window matters", () => {
    const a = shingleSet(hashesOf("victims of trafficking were identified"), 4);
    const b = shingleSet(hashesOf("trafficking of victims were identified"), 4);
    expect(intersectionSize(a, b)).toBe(0);
  });

  it("a shingle set covers the tokens [from, to) only", () => {
    const h = hashesOf("zero one two three four five six seven eight nine");
    expect(shingleSet(h, 4, 2, 8)).toEqual(shingleSet(hashesOf("two three four five six seven"), 4));
  });

  it("copies a reader cannot tell apart have the same shingle set (real seed paragraphs)", () => {
    for (const p of seedParagraphs("000")) {
      const retyped = p.replace(/\u2019/g, "'").replace(/\s*[\u2014\u2013]\s*/g, " -- ").replace(/ /g, "\u00a0").toUpperCase();
      expect(normalizeText(retyped)).toBe(normalizeText(p));
      expect(shingleSet(hashesOf(retyped), 4)).toEqual(shingleSet(hashesOf(p), 4));
    }
  });

  it("is sorted ascending without repeats and holds exactly the sequence's values (property)", () => {
    fc.assert(
      fc.property(tokenHashes, fc.integer({ min: 1, max: 6 }), (h, size) => {
        const set = shingleSet(h, size);
        expect(isStrictlyAscending(set)).toBe(true);
        expect([...set]).toEqual([...new Set(shingleSequence(h, size))].sort((x, y) => x - y));
      }),
      { seed: 31, numRuns: 500 },
    );
  });

  it("distinct windows rarely collide (real text, 4-word shingles)", () => {
    const words = seedParagraphs("001").flatMap((p) => tokenize(p).words);
    const h = hashTokens(words);
    const windows = new Set<string>();
    for (let i = 0; i + 4 <= words.length; i++) windows.add(words.slice(i, i + 4).join(" "));
    expect(shingleSet(h, 4).length).toBe(windows.size);
  });
});

describe("sortedUnique / unionAll", () => {
  it("sortedUnique sorts numerically (not as strings) and drops repeats", () => {
    expect([...sortedUnique(Uint32Array.from([10, 9, 100, 9, 0xffffffff, 2, 10]))]).toEqual([2, 9, 10, 100, 0xffffffff]);
  });

  it("sortedUniqueOf gives the distinct values of a prefix in numeric order, whatever the spread of the values (property)", () => {
    // uniform: hashes, as fingerprinting gives (bucketed, then insertion-sorted);
    // few: repeats to drop, all in one bucket (the move budget hands over to the native sort);
    // clustered: equal high bits, distinct low bits (one crowded bucket, the same hand-over).
    const spread = { uniform: (x: number) => x, few: (x: number) => x % 7, clustered: (x: number) => (0xabc00000 | (x & 0xfffff)) >>> 0 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 300, size: "max" }), fc.nat(), fc.constantFrom("uniform", "few", "clustered"), (xs, cut, mode) => {
        const values = Uint32Array.from(xs.map(spread[mode as keyof typeof spread]));
        const length = values.length === 0 ? 0 : cut % (values.length + 1);
        const before = [...values];
        const expected = [...new Set(values.subarray(0, length))].sort((a, b) => a - b);
        expect([...sortedUniqueOf(values, length)]).toEqual(expected);
        expect([...values]).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it("sortedUniqueOf sorts long arrays too (past the bucket sort's range, and at its edge)", () => {
    for (const length of [16384, 16385, 40000]) {
      let x = length;
      const values = Uint32Array.from({ length }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 3);
      const expected = [...new Set(values)].sort((a, b) => a - b);
      expect([...sortedUniqueOf(values, length)]).toEqual(expected);
    }
  });

  it("sortedUnique does not change its input", () => {
    const input = Uint32Array.from([3, 1, 2, 1]);
    sortedUnique(input);
    expect([...input]).toEqual([3, 1, 2, 1]);
  });

  it("unionAll equals the brute-force union (property)", () => {
    fc.assert(
      fc.property(fc.array(smallSortedSet, { maxLength: 6 }), (sets) => {
        const expected = [...new Set(sets.flatMap((s) => [...s]))].sort((x, y) => x - y);
        expect([...unionAll(sets)]).toEqual(expected);
      }),
      { seed: 32, numRuns: 500 },
    );
  });
});

describe("intersectionAtLeast", () => {
  it("is intersectionSize when that reaches `need`, else -1 (property)", () => {
    fc.assert(
      fc.property(sortedSet, sortedSet, sortedSet, fc.integer({ min: 0, max: 60 }), (common, x, y, need) => {
        const a = sortedUnique(Uint32Array.from([...common, ...x]));
        const b = sortedUnique(Uint32Array.from([...common, ...y]));
        const size = intersectionSize(a, b);
        expect(intersectionAtLeast(a, b, need)).toBe(size >= need ? size : -1);
        expect(intersectionAtLeast(b, a, need)).toBe(size >= need ? size : -1);
      }),
      { seed: 36, numRuns: 1000 },
    );
  });
});

describe("intersectionSize", () => {
  it("equals a brute-force Set intersection (property)", () => {
    const check = (a: Uint32Array, b: Uint32Array): void => {
      const sb = new Set(b);
      const expected = [...a].filter((x) => sb.has(x)).length;
      expect(intersectionSize(a, b)).toBe(expected);
      expect(intersectionSize(b, a)).toBe(expected);
    };
    fc.assert(fc.property(smallSortedSet, smallSortedSet, check), { seed: 33, numRuns: 1000 });
    fc.assert(fc.property(sortedSet, sortedSet, check), { seed: 34, numRuns: 300 });
    // Sets built to overlap: a common part plus each side's own values.
    fc.assert(
      fc.property(sortedSet, sortedSet, sortedSet, (common, x, y) => {
        check(sortedUnique(Uint32Array.from([...common, ...x])), sortedUnique(Uint32Array.from([...common, ...y])));
      }),
      { seed: 35, numRuns: 300 },
    );
  });

  it("handles values above 2^31", () => {
    const a = Uint32Array.from([1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]);
    const b = Uint32Array.from([0x80000000, 0xffffffff]);
    expect(intersectionSize(a, b)).toBe(2);
  });
});
