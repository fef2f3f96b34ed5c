/**
 * A matching worker thread (verify-candidates.ts). It reads the units' shingle
 * sets, and their band keys when it is to find candidates, straight from the
 * shared buffers the fingerprinting workers wrote, and answers either
 *
 *   { id, a, b }      candidate pairs to verify: how many shingles each shares
 *   { gather, workers }  the candidates of bands `gather` (this worker's share
 *                     of `workers`), without repeats, in (a, b) order, each
 *                     with the shingles it shares
 *
 * (-1 where a pair cannot reach what a match needs).
 */
import { parentPort, workerData } from "node:worker_threads";
import { GROUP_ENTRIES, distinctSorted, gatherBandPairs } from "../candidates/band-pairs.js";
import { rangeIntersectionAtLeast, sharedNeeded } from "../fingerprint/shingles.js";
import { ShingleProbe } from "./shingle-probe.js";
import type { KeyLayout, SharedLayout } from "./verify-candidates.js";

interface Setup extends SharedLayout {
  readonly threshold: number;
  readonly minShared: number;
  readonly keys?: KeyLayout;
}

const setup = workerData as Setup;
const views = setup.buffers.map((b) => new Uint32Array(b));

/** The shingles units x and y must share to match. */
function needOf(x: number, y: number): number {
  return sharedNeeded(Math.min(setup.length[x]!, setup.length[y]!), setup.threshold, setup.minShared);
}

/** Shingles units x and y share, or -1. */
function verify(x: number, y: number): number {
  const sx = setup.start[x]!;
  const sy = setup.start[y]!;
  return rangeIntersectionAtLeast(views[setup.bufferOf[x]!]!, sx, sx + setup.length[x]!, views[setup.bufferOf[y]!]!, sy, sy + setup.length[y]!, needOf(x, y));
}

function gather(bands: readonly number[], keys: KeyLayout, workers: number): void {
  const entries = {
    unitIds: keys.unitIds,
    views: keys.buffers.map((b) => new Uint32Array(b)),
    viewOf: keys.bufferOf,
    start: keys.start,
    length: keys.length,
    bands: keys.bands,
    crowdedBucket: keys.crowdedBucket,
    leaders: keys.leaders,
  };
  // The workers side by side gather no more at a time than one thread would.
  const { pairs, crowdedBuckets } = gatherBandPairs(entries, bands, Math.floor(GROUP_ENTRIES / workers));
  const { a, b } = distinctSorted(pairs);
  const shared = new Int32Array(a.length);
  // Sorted by a: a's set is hashed once for all its candidates (shingle-probe.ts).
  const probe = new ShingleProbe();
  let loaded = -1;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== loaded) {
      probe.load(views[setup.bufferOf[x]!]!, setup.start[x]!, setup.start[x]! + setup.length[x]!);
      loaded = x;
    }
    const sy = setup.start[y]!;
    shared[i] = probe.countAtLeast(views[setup.bufferOf[y]!]!, sy, sy + setup.length[y]!, needOf(x, y));
  }
  // Copies of the sorted columns, so that what is posted is no bigger than the pairs.
  const ca = a.slice();
  const cb = b.slice();
  parentPort!.postMessage({ a: ca, b: cb, shared, crowdedBuckets }, [ca.buffer, cb.buffer, shared.buffer]);
}

parentPort!.on("message", (m: { id: number; a: Uint32Array; b: Uint32Array } | { gather: number[]; workers: number }) => {
  if ("gather" in m) {
    gather(m.gather, setup.keys!, m.workers);
    return;
  }
  const shared = new Int32Array(m.a.length);
  for (let i = 0; i < m.a.length; i++) shared[i] = verify(m.a[i]!, m.b[i]!);
  parentPort!.postMessage({ id: m.id, shared }, [shared.buffer]);
});
