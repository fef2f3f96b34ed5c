/**
 * Verification of LSH candidates: for each candidate pair of units, the number
 * of shingles they share, or -1 when it cannot reach what a match needs.
 *
 * On large corpora chance candidates (stock phrases shared by unrelated text)
 * run to millions, and finding and verifying them are the longest corpus-wide
 * steps; both are independent from band to band and from pair to pair. When
 * the units' shingle sets and band keys live in shared memory (the
 * fingerprinting workers write them to SharedArrayBuffers), a pool of worker
 * threads reads them in place: from PAIR_IN_WORKERS_FROM indexed units each
 * worker finds and verifies the candidates of a share of the bands
 * (`candidatesVerifiedInWorkers`); otherwise the candidates are found here and,
 * from PARALLEL_FROM of them, verified by workers in chunks. With one job, a
 * cache or few candidates, everything runs in this thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { GROUP_ENTRIES, bandShare, mergeCounted, type CountedPairs } from "../candidates/band-pairs.js";
import type { CandidateStats } from "../candidates/candidate-index.js";
import type { IndexedKeys } from "../candidates/memory-lsh-index.js";
import { intersectionAtLeast, sharedNeeded } from "../fingerprint/shingles.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/**
 * Fewer candidates than this are verified in this thread: starting workers would
 * cost more. (STATDUP_VERIFY_PARALLEL_FROM overrides it: the tests use it to run
 * the worker path on a small corpus.)
 */
const PARALLEL_FROM = Number(process.env["STATDUP_VERIFY_PARALLEL_FROM"] ?? 200_000);
/**
 * Fewer units with band keys than this are paired in this thread (candidates
 * from all bands, then verified as above). STATDUP_MATCH_PARALLEL_FROM
 * overrides it, for the tests.
 */
const PAIR_IN_WORKERS_FROM = Number(process.env["STATDUP_MATCH_PARALLEL_FROM"] ?? 100_000);
/** Candidate pairs per message to a worker. */
const CHUNK = 1 << 16;

const WORKER_SCRIPT = new URL("./verify-worker.js", import.meta.url);

export interface VerifySettings {
  readonly threshold: number;
  readonly minShared: number;
  readonly jobs: number;
}

export async function verifyCandidates(units: UniqueParagraphs, a: Uint32Array, b: Uint32Array, s: VerifySettings): Promise<Int32Array> {
  const script = fileURLToPath(WORKER_SCRIPT);
  if (s.jobs >= 2 && a.length >= PARALLEL_FROM && existsSync(script)) {
    const layout = sharedLayout(units);
    if (layout) return inWorkers(layout, a, b, s, script);
  }
  const shared = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const sx = units.representative[a[i]!]!.shingles;
    const sy = units.representative[b[i]!]!.shingles;
    shared[i] = intersectionAtLeast(sx, sy, sharedNeeded(Math.min(sx.length, sy.length), s.threshold, s.minShared));
  }
  return shared;
}

/** Where arrays sit in shared memory: array i is `buffers[bufferOf[i]]`, from `start[i]`, `length[i]` elements. */
export interface SharedLayout {
  readonly buffers: SharedArrayBuffer[];
  readonly bufferOf: Uint32Array;
  readonly start: Uint32Array;
  readonly length: Uint32Array;
}

/** Where each unit's shingle set sits in shared memory, or null if some set is not in shared memory. */
function sharedLayout(units: UniqueParagraphs): SharedLayout | null {
  return layoutOf(units.count, (u) => units.representative[u]!.shingles);
}

/** Where arrays `arrayAt(0 .. count)` sit in shared memory, or null if one of them is elsewhere. */
function layoutOf(count: number, arrayAt: (i: number) => Uint32Array): SharedLayout | null {
  const ids = new Map<SharedArrayBuffer, number>();
  const buffers: SharedArrayBuffer[] = [];
  const bufferOf = new Uint32Array(count);
  const start = new Uint32Array(count);
  const length = new Uint32Array(count);
  // Arrays come in runs from one buffer (a fingerprinting batch's): the last buffer's id is tried first.
  let last: ArrayBufferLike | null = null;
  let lastId = -1;
  for (let u = 0; u < count; u++) {
    const set = arrayAt(u);
    const buffer = set.buffer;
    if (buffer !== last) {
      if (!(buffer instanceof SharedArrayBuffer)) return null;
      let id = ids.get(buffer);
      if (id === undefined) {
        id = buffers.length;
        ids.set(buffer, id);
        buffers.push(buffer);
      }
      last = buffer;
      lastId = id;
    }
    bufferOf[u] = lastId;
    start[u] = set.byteOffset / 4;
    length[u] = set.length;
  }
  return { buffers, bufferOf, start, length };
}

async function inWorkers(layout: SharedLayout, a: Uint32Array, b: Uint32Array, s: VerifySettings, script: string): Promise<Int32Array> {
  const shared = new Int32Array(a.length);
  const chunks = Math.ceil(a.length / CHUNK);
  let next = 0;
  const workers = Array.from({ length: Math.min(s.jobs, chunks) }, () => new Worker(script, { workerData: { ...layout, threshold: s.threshold, minShared: s.minShared } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= chunks) {
                resolve();
                return;
              }
              const id = next++;
              const from = id * CHUNK;
              const to = Math.min(a.length, from + CHUNK);
              worker.postMessage({ id, a: a.slice(from, to), b: b.slice(from, to) });
            };
            worker.on("message", (m: { id: number; shared: Int32Array }) => {
              shared.set(m.shared, m.id * CHUNK);
              feed();
            });
            worker.on("error", reject);
            // A worker that ends without an error event (killed, out of memory) must not leave the scan waiting.
            worker.on("exit", (code) => {
              if (next < chunks || code !== 0) reject(new Error(`a verification worker stopped (exit code ${code})`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return shared;
}

/** Candidate pairs that share enough shingles, in (a, b) order, and what finding them took. */
export interface VerifiedCandidates {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  /** Shingles each pair shares (never -1: pairs that cannot match are left out). */
  readonly shared: Int32Array;
  readonly stats: CandidateStats;
  /** Worker threads that found them. */
  readonly workers: number;
}

/** How worker threads find the candidates of their bands (verify-worker.ts). */
export interface KeyLayout extends SharedLayout {
  readonly unitIds: Uint32Array;
  readonly bands: number;
  readonly crowdedBucket: number;
  readonly leaders: number;
}

/**
 * Candidates found and verified by a pool of worker threads, the bands split
 * between them: each worker gathers its bands' pairs (band-pairs.ts), sorts
 * them without repeats, and verifies them in place; this thread merges the
 * workers' lists, each pair once. The same pairs and counts as finding every
 * candidate here and verifying them (`verifyCandidates`), with the sorting of
 * candidates, the longest step of this thread on large corpora, shared out. A
 * pair found by two workers (it shares bands of both) is verified twice:
 * rarely a chance candidate, which shares one band.
 *
 * Null when there is to be no pool: one job, few units, or keys or shingle
 * sets not in shared memory (a cache, TypeScript sources).
 */
export async function candidatesVerifiedInWorkers(units: UniqueParagraphs, index: IndexedKeys, s: VerifySettings): Promise<VerifiedCandidates | null> {
  const script = fileURLToPath(WORKER_SCRIPT);
  if (s.jobs < 2 || index.keyArrays.length < PAIR_IN_WORKERS_FROM || index.bands < 2 || !existsSync(script)) return null;
  const sets = sharedLayout(units);
  const keyArrays = layoutOf(index.keyArrays.length, (i) => index.keyArrays[i]!);
  if (!sets || !keyArrays) return null;
  const keys: KeyLayout = {
    ...keyArrays,
    unitIds: Uint32Array.from(index.unitIds),
    bands: index.bands,
    crowdedBucket: index.crowdedBucket,
    leaders: index.leaders,
  };
  // Each worker gathers at least one band's entries at a time (24 bytes each, with the
  // sort's buffers): past what GROUP_ENTRIES allows, two workers, not one per core.
  let entriesPerBand = 0;
  for (const k of index.keyArrays) entriesPerBand += Math.ceil(k.length / index.bands);
  const count = Math.min(s.jobs, index.bands, Math.max(2, Math.floor(GROUP_ENTRIES / Math.max(1, entriesPerBand))));
  const found: CountedPairs[] = new Array<CountedPairs>(count);
  let crowdedBuckets = 0;
  const workers = Array.from({ length: count }, () => new Worker(script, { workerData: { ...sets, threshold: s.threshold, minShared: s.minShared, keys } }));
  try {
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            worker.on("message", (m: { a: Uint32Array; b: Uint32Array; shared: Int32Array; crowdedBuckets: number }) => {
              found[w] = { a: m.a, b: m.b, count: m.shared };
              crowdedBuckets += m.crowdedBuckets;
              resolve();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => reject(new Error(`a matching worker stopped (exit code ${code})`)));
            worker.postMessage({ gather: bandShare(index.bands, count, w), workers: count });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Only the pairs that can match go on; the rest are counted.
  const { kept, distinct } = mergeCounted(found, (shared) => shared >= 0);
  return { a: kept.a, b: kept.b, shared: kept.count, stats: { pairs: distinct, crowdedBuckets }, workers: count };
}
