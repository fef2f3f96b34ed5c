/**
 * A verification worker thread: counts the shingles that candidate pairs of
 * units share, reading the units' sets straight from the shared buffers the
 * fingerprinting workers wrote (verify-candidates.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { rangeIntersectionAtLeast, sharedNeeded } from "../fingerprint/shingles.js";

interface Setup {
  readonly buffers: SharedArrayBuffer[];
  readonly bufferOf: Uint32Array;
  readonly start: Uint32Array;
  readonly length: Uint32Array;
  readonly threshold: number;
  readonly minShared: number;
}

const setup = workerData as Setup;
const views = setup.buffers.map((b) => new Uint32Array(b));

parentPort!.on("message", (m: { id: number; a: Uint32Array; b: Uint32Array }) => {
  const shared = new Int32Array(m.a.length);
  for (let i = 0; i < m.a.length; i++) {
    const x = m.a[i]!;
    const y = m.b[i]!;
    const lx = setup.length[x]!;
    const ly = setup.length[y]!;
    const sx = setup.start[x]!;
    const sy = setup.start[y]!;
    shared[i] = rangeIntersectionAtLeast(views[setup.bufferOf[x]!]!, sx, sx + lx, views[setup.bufferOf[y]!]!, sy, sy + ly, sharedNeeded(Math.min(lx, ly), setup.threshold, setup.minShared));
  }
  parentPort!.postMessage({ id: m.id, shared }, [shared.buffer]);
});
