/**
 * In-memory LSH index over typed arrays, one band at a time (band-pairs.ts
 * says how).
 *
 * `add` keeps a reference to each unit's band keys (no copy). Candidates are
 * found band by band; pairs from all bands are collected as two Uint32Arrays,
 * radix sorted on (a, b), and de-duplicated (a pair of units usually shares
 * several bands). `added` hands the same keys to worker threads, which split
 * the bands between them (match/verify-candidates.ts).
 */
import { distinctSorted, gatherBandPairs, type BandEntries } from "./band-pairs.js";
import type { CandidateIndex, CandidatePairs, CandidateStats } from "./candidate-index.js";

/** The units added and their band keys, in the order added, with the index's settings. */
export interface IndexedKeys {
  readonly unitIds: readonly number[];
  readonly keyArrays: readonly Uint32Array[];
  readonly bands: number;
  readonly crowdedBucket: number;
  readonly leaders: number;
}

/** The entries gatherBandPairs reads, over keys held one array per unit. */
export function entriesOf(indexed: IndexedKeys): BandEntries {
  const n = indexed.keyArrays.length;
  return {
    ...indexed,
    views: indexed.keyArrays,
    viewOf: Uint32Array.from({ length: n }, (_, i) => i),
    start: new Uint32Array(n),
    length: Uint32Array.from(indexed.keyArrays, (k) => k.length),
  };
}

export interface MemoryLshIndexOptions {
  /** Bands a unit's keys cycle through (see band-pairs.ts); 1 puts every key in one table. */
  readonly bands?: number;
  readonly crowdedBucket?: number;
  readonly leaders?: number;
}

export class MemoryLshIndex implements CandidateIndex {
  private readonly unitIds: number[] = [];
  private readonly keyArrays: Uint32Array[] = [];
  private readonly bands: number;
  private readonly crowdedBucket: number;
  private readonly leaders: number;

  constructor(options: MemoryLshIndexOptions = {}) {
    this.bands = options.bands ?? 1;
    if (!Number.isInteger(this.bands) || this.bands < 1) throw new RangeError(`bands must be a positive integer, got ${this.bands}`);
    this.crowdedBucket = options.crowdedBucket ?? 200;
    this.leaders = options.leaders ?? 8;
  }

  add(unit: number, keys: Uint32Array): void {
    if (keys.length === 0) return;
    this.unitIds.push(unit);
    this.keyArrays.push(keys);
  }

  /** What was added, and how buckets are read: for candidates found elsewhere (worker threads) to the same pairs. */
  added(): IndexedKeys {
    return { unitIds: this.unitIds, keyArrays: this.keyArrays, bands: this.bands, crowdedBucket: this.crowdedBucket, leaders: this.leaders };
  }

  forEachCandidate(visit: (a: number, b: number) => void): CandidateStats {
    const { a, b, stats } = this.candidatePairs();
    for (let i = 0; i < a.length; i++) visit(a[i]!, b[i]!);
    return stats;
  }

  candidatePairs(): CandidatePairs {
    const entries = entriesOf(this.added());
    const allBands = Array.from({ length: this.bands }, (_, b) => b);
    const { pairs, crowdedBuckets } = gatherBandPairs(entries, allBands);
    const { a, b } = distinctSorted(pairs);
    return { a, b, stats: { pairs: a.length, crowdedBuckets } };
  }
}
