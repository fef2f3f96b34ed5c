import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandShare, distinctSorted, gatherBandPairs, mergeCounted, type CountedPairs } from "../../src/candidates/band-pairs.js";
import { MemoryLshIndex, entriesOf } from "../../src/candidates/memory-lsh-index.js";

/** Units with `bands` keys per window, 1–3 windows each, keys from a small range so that buckets fill (and some crowd). */
const indexed = (bands: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 60 }).chain((units) =>
    fc.tuple(
      ...units.map((u) =>
        fc.tuple(
          fc.constant(u),
          fc.integer({ min: 1, max: 3 }).chain((windows) => fc.array(fc.integer({ min: 0, max: 12 }), { minLength: windows * bands, maxLength: windows * bands })),
        ),
      ),
    ),
  );

function indexOf(units: readonly (readonly [number, readonly number[]])[], bands: number): MemoryLshIndex {
  const index = new MemoryLshIndex({ bands, crowdedBucket: 6, leaders: 2 });
  for (const [u, keys] of units) index.add(u, Uint32Array.from(keys));
  return index;
}

const pairsOf = (p: { a: Uint32Array; b: Uint32Array }): string[] => Array.from(p.a, (a, i) => `${a},${p.b[i]}`);

describe("band pairs split between threads", () => {
  it("bands dealt to any number of workers, each gathered and sorted, then merged, give the index's pairs and crowded buckets (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((bands) => fc.tuple(fc.constant(bands), indexed(bands), fc.integer({ min: 1, max: 4 }))),
        ([bands, units, workers]) => {
          const index = indexOf(units, bands);
          const whole = index.candidatePairs();
          const entries = entriesOf(index.added());
          let crowded = 0;
          const lists: CountedPairs[] = [];
          for (let w = 0; w < workers; w++) {
            const share = bandShare(bands, workers, w);
            // A small gathering budget, so that the bands of a share are gathered in several groups.
            const { pairs, crowdedBuckets } = gatherBandPairs(entries, share, 4);
            crowded += crowdedBuckets;
            const sorted = distinctSorted(pairs);
            lists.push({ ...sorted, count: Int32Array.from(sorted.a, (a, i) => a * 7 + sorted.b[i]!) });
          }
          const { kept: merged, distinct } = mergeCounted(lists, () => true);
          expect(pairsOf(merged)).toEqual(pairsOf(whole));
          expect(distinct).toBe(whole.stats.pairs);
          expect(crowded).toBe(whole.stats.crowdedBuckets);
          // Each pair keeps the number it came with.
          merged.count.forEach((c, i) => expect(c).toBe(merged.a[i]! * 7 + merged.b[i]!));
        },
      ),
      { seed: 77, numRuns: 400 },
    );
  });

  it("deals every band to exactly one worker, each share ascending", () => {
    for (const [bands, workers] of [[20, 2], [20, 3], [5, 8], [1, 1]] as const) {
      const shares = Array.from({ length: workers }, (_, w) => bandShare(bands, workers, w));
      expect(shares.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: bands }, (_, b) => b));
      for (const share of shares) expect(share).toEqual([...share].sort((x, y) => x - y));
    }
  });

  it("refuses bands out of order or out of range (gathering relies on the order)", () => {
    const index = new MemoryLshIndex({ bands: 3 });
    index.add(1, Uint32Array.of(1, 2, 3));
    const entries = entriesOf(index.added());
    expect(() => gatherBandPairs(entries, [2, 1])).toThrow(RangeError);
    expect(() => gatherBandPairs(entries, [0, 3])).toThrow(RangeError);
    expect(gatherBandPairs(entries, [0, 2]).pairs.length).toBe(0);
  });

  it("merging counts each pair once, keeps those asked for in (a, b) order, with the first list's number where several hold it", () => {
    const x: CountedPairs = { a: Uint32Array.of(1, 1, 4), b: Uint32Array.of(2, 5, 9), count: Int32Array.of(10, -1, 40) };
    const y: CountedPairs = { a: Uint32Array.of(0, 1, 4, 6), b: Uint32Array.of(3, 5, 9, 7), count: Int32Array.of(3, 99, 41, 6) };
    const z: CountedPairs = { a: Uint32Array.of(6), b: Uint32Array.of(7), count: Int32Array.of(-5) };
    const all = mergeCounted([x, y, z], () => true);
    expect(pairsOf(all.kept)).toEqual(["0,3", "1,2", "1,5", "4,9", "6,7"]);
    expect([...all.kept.count]).toEqual([3, 10, -1, 40, 6]);
    expect(all.distinct).toBe(5);
    const matching = mergeCounted([x, y, z], (c) => c >= 0);
    expect(pairsOf(matching.kept)).toEqual(["0,3", "1,2", "4,9", "6,7"]);
    expect(matching.distinct).toBe(5);
    expect(pairsOf(mergeCounted([x, { a: new Uint32Array(0), b: new Uint32Array(0), count: new Int32Array(0) }], () => true).kept)).toEqual(pairsOf(x));
  });
});
