/**
 * The candidate index: where LSH band keys go in, and candidate pairs come out.
 *
 * One small interface, so the index can live in memory today and in a database
 * later (DESIGN.md, "Scale") without the stages around it changing.
 */
export interface CandidateIndex {
  /** Add the band keys of one unit (a unique paragraph). Units are dense integers. */
  add(unit: number, keys: Uint32Array): void;
  /**
   * Visit every candidate pair once, `a < b`: units that share at least one
   * band key. Never a loop over all pairs of units.
   */
  forEachCandidate(visit: (a: number, b: number) => void): CandidateStats;
  /** Every candidate pair once, as two columns sorted by (a, b), a < b. */
  candidatePairs(): CandidatePairs;
}

export interface CandidatePairs {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly stats: CandidateStats;
}

export interface CandidateStats {
  /** Distinct candidate pairs visited. */
  readonly pairs: number;
  /** Buckets so crowded that their members were only paired with a few leaders. */
  readonly crowdedBuckets: number;
}
