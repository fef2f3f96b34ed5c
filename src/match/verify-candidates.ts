/**
 * Verification of LSH candidates: for each candidate pair of units, the number
 * of shingles they share, or -1 when it cannot reach what a match needs.
 *
 * On large corpora chance candidates (stock phrases shared by unrelated text)
 * run to millions, and verifying them is the longest corpus-wide step; it is
 * independent from pair to pair. When the units' shingle sets live in shared
 * memory (the fingerprinting workers write them to SharedArrayBuffers), the
 * pairs are split into chunks for a pool of worker threads that read the sets
 * in place; otherwise (one job, a cache, few candidates) they are verified here.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { intersectionAtLeast, sharedNeeded } from "../fingerprint/shingles.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/**
 * Fewer candidates than this are verified in this thread: starting workers would
 * cost more. (STATDUP_VERIFY_PARALLEL_FROM overrides it: the tests use it to run
 * the worker path on a small corpus.)
 */
const PARALLEL_FROM = Number(process.env["STATDUP_VERIFY_PARALLEL_FROM"] ?? 200_000);
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

interface SharedLayout {
  readonly buffers: SharedArrayBuffer[];
  readonly bufferOf: Uint32Array;
  readonly start: Uint32Array;
  readonly length: Uint32Array;
}

/** Where each unit's shingle set sits in shared memory, or null if some set is not in shared memory. */
function sharedLayout(units: UniqueParagraphs): SharedLayout | null {
  const ids = new Map<SharedArrayBuffer, number>();
  const buffers: SharedArrayBuffer[] = [];
  const bufferOf = new Uint32Array(units.count);
  const start = new Uint32Array(units.count);
  const length = new Uint32Array(units.count);
  for (let u = 0; u < units.count; u++) {
    const set = units.representative[u]!.shingles;
    const buffer = set.buffer;
    if (!(buffer instanceof SharedArrayBuffer)) return null;
    let id = ids.get(buffer);
    if (id === undefined) {
      id = buffers.length;
      ids.set(buffer, id);
      buffers.push(buffer);
    }
    bufferOf[u] = id;
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
