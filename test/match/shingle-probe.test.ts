import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rangeIntersectionAtLeast } from "../../src/fingerprint/shingles.js";
import { ShingleProbe } from "../../src/match/shingle-probe.js";

/** A sorted set without repeats, from 0 to 2^32 - 1 (the ends included: 0 is a hash like any other). */
const sortedSet = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff), fc.integer({ min: 0, max: 40 })), { maxLength: 300, size: "max" })
  .map((xs) => Uint32Array.from(xs).sort());

describe("ShingleProbe: one set hashed, many looked up in it", () => {
  it("gives rangeIntersectionAtLeast's answer for every set and need, one set loaded for several (property)", () => {
    fc.assert(
      fc.property(sortedSet, fc.array(fc.tuple(sortedSet, fc.nat({ max: 320 })), { minLength: 1, maxLength: 6, size: "max" }), fc.nat({ max: 50 }), (loaded, others, pad) => {
        // The sets sit inside one larger array, as in the batches' shared buffers.
        const all = new Uint32Array(pad + loaded.length + others.reduce((n, [o]) => n + o.length, 0));
        all.set(loaded, pad);
        const probe = new ShingleProbe();
        probe.load(all, pad, pad + loaded.length);
        let at = pad + loaded.length;
        for (const [other, need] of others) {
          all.set(other, at);
          expect(probe.countAtLeast(all, at, at + other.length, need)).toBe(rangeIntersectionAtLeast(loaded, 0, loaded.length, other, 0, other.length, need));
          at += other.length;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("forgets the last set when the next one is loaded, whatever their sizes", () => {
    const probe = new ShingleProbe();
    const big = Uint32Array.from({ length: 2000 }, (_, i) => i * 7);
    probe.load(big, 0, big.length);
    expect(probe.countAtLeast(big, 0, 10, 1)).toBe(10);
    const small = Uint32Array.from([5, 9, 14]);
    probe.load(small, 0, small.length);
    expect(probe.countAtLeast(big, 0, big.length, 1)).toBe(1); // 14 only: 0 and 7 were the big set's
    expect(probe.countAtLeast(Uint32Array.from([5, 9]), 0, 2, 2)).toBe(2);
    expect(probe.countAtLeast(Uint32Array.from([5, 6, 7]), 0, 3, 2)).toBe(-1);
  });
});
