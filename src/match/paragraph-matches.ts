/**
 * Paragraph matches: LSH candidates between units, each verified exactly on
 * whole shingle sets.
 *
 * Two paragraphs match when the share of the smaller one's shingles found in
 * the other (the overlap coefficient, or containment of the smaller) reaches
 * `threshold`, and they share at least `MIN_SHARED_SHINGLES`. Containment
 * rather than Jaccard, because copies shorten sentences and merge paragraphs:
 * a paragraph cut to its first sentence is still that paragraph.
 */
import type { CandidateIndex, CandidateStats } from "../candidates/candidate-index.js";
import { MemoryLshIndex } from "../candidates/memory-lsh-index.js";
import { candidatesVerifiedInWorkers, verifyCandidates } from "./verify-candidates.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

const MIN_SHARED_SHINGLES = 3;

export interface ParagraphEdges {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Jaccard similarity of the two shingle sets. */
  readonly jaccard: Float64Array;
  /** Overlap coefficient: |A ∩ B| / min(|A|, |B|). */
  readonly containment: Float64Array;
  readonly count: number;
  /** Neighbours of unit u: `neighbour[nStart[u] .. nStart[u + 1])` (edge ids in `nEdge`). */
  readonly nStart: Int32Array;
  readonly neighbour: Int32Array;
  readonly nEdge: Int32Array;
  readonly candidates: CandidateStats;
  /** Worker threads that found the candidates, each for a share of the bands (0: found in this thread). */
  readonly candidateWorkers: number;
}

export async function matchParagraphs(units: UniqueParagraphs, index: CandidateIndex, threshold: number, jobs = 1): Promise<ParagraphEdges> {
  for (let u = 0; u < units.count; u++) {
    const keys = units.representative[u]!.bandKeys;
    if (keys.length > 0) index.add(u, keys);
  }
  const a: number[] = [];
  const b: number[] = [];
  const jac: number[] = [];
  const con: number[] = [];
  const settings = { threshold, minShared: MIN_SHARED_SHINGLES, jobs };
  // On a large corpus, worker threads find and verify the candidates, the bands split between them.
  const inWorkers = index instanceof MemoryLshIndex ? await candidatesVerifiedInWorkers(units, index.added(), settings) : null;
  const { a: ca, b: cb, stats: candidates } = inWorkers ?? index.candidatePairs();
  const counts = inWorkers ? inWorkers.shared : await verifyCandidates(units, ca, cb, settings);
  for (let i = 0; i < ca.length; i++) {
    const shared = counts[i]!;
    if (shared < 0) continue;
    const x = ca[i]!;
    const y = cb[i]!;
    const lx = units.representative[x]!.shingles.length;
    const ly = units.representative[y]!.shingles.length;
    const containment = shared / Math.max(1, Math.min(lx, ly));
    if (containment >= threshold && shared >= MIN_SHARED_SHINGLES) {
      a.push(x);
      b.push(y);
      jac.push(shared / Math.max(1, lx + ly - shared));
      con.push(containment);
    }
  }
  // Candidates come sorted by (a, b), so the edges are too: everything downstream
  // is independent of bucket order.
  const count = a.length;
  const ea = Int32Array.from(a);
  const eb = Int32Array.from(b);
  const nStart = new Int32Array(units.count + 1);
  for (let e = 0; e < count; e++) {
    nStart[ea[e]! + 1]!++;
    nStart[eb[e]! + 1]!++;
  }
  for (let u = 0; u < units.count; u++) nStart[u + 1]! += nStart[u]!;
  const fill = nStart.slice(0, units.count);
  const neighbour = new Int32Array(count * 2);
  const nEdge = new Int32Array(count * 2);
  for (let e = 0; e < count; e++) {
    let at = fill[ea[e]!]!++;
    neighbour[at] = eb[e]!;
    nEdge[at] = e;
    at = fill[eb[e]!]!++;
    neighbour[at] = ea[e]!;
    nEdge[at] = e;
  }
  return {
    a: ea,
    b: eb,
    jaccard: Float64Array.from(jac),
    containment: Float64Array.from(con),
    count,
    nStart,
    neighbour,
    nEdge,
    candidates,
    candidateWorkers: inWorkers?.workers ?? 0,
  };
}
