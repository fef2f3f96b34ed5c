/**
 * A fingerprinting worker thread: takes batches of files, returns their
 * documents and problems (fingerprint-files.ts puts them back in order).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ReadSettings } from "../extract/read-documents.js";
import type { SourceFile } from "../model.js";
import { fingerprintFile, fingerprintSettings, type FileEvent, type FingerprintParams } from "./fingerprint-files.js";

const { read, params } = workerData as { read: ReadSettings; params: FingerprintParams };
const settings = fingerprintSettings(params);

/**
 * Put every typed array of a batch into one buffer, each array becoming a view
 * of it: structured cloning then copies one buffer instead of allocating one
 * per paragraph, which is what made sending results cost more than computing
 * them (and the buffer is shared memory, so posting it copies nothing). Arrays shared between
 * paragraphs (cached band keys) stay shared.
 */
function pack(results: FileEvent[][]): FileEvent[][] {
  const arrays = new Map<Uint32Array, number>();
  let total = 0;
  for (const events of results) {
    for (const e of events) {
      if (e.kind !== "document") continue;
      for (const p of e.document.paragraphs) {
        for (const a of [p.shingles, p.bandKeys]) {
          if (!arrays.has(a)) {
            arrays.set(a, total);
            total += a.length;
          }
        }
      }
    }
  }
  // Shared memory: the main thread's verification workers read the sets in place (match/verify-candidates.ts).
  const buffer = new Uint32Array(new SharedArrayBuffer(total * 4));
  for (const [a, at] of arrays) buffer.set(a, at);
  const view = (a: Uint32Array): Uint32Array => buffer.subarray(arrays.get(a)!, arrays.get(a)! + a.length);
  const packed = results.map((events) =>
    events.map((e): FileEvent => {
      if (e.kind !== "document") return e;
      const paragraphs = e.document.paragraphs.map((p) => ({ ...p, shingles: view(p.shingles), bandKeys: view(p.bandKeys) }));
      return { kind: "document", document: { ...e.document, paragraphs } };
    }),
  );
  return packed;
}

/** A batch's results without paragraph texts (the main thread keeps no more of them). */
function withoutTexts(results: FileEvent[][]): FileEvent[][] {
  return results.map((events) =>
    events.map((e): FileEvent => (e.kind === "document" ? { kind: "document", document: { ...e.document, paragraphs: e.document.paragraphs.map((p) => ({ ...p, text: "" })) } } : e)),
  );
}

parentPort!.on("message", (m: { id: number; files: SourceFile[]; dropTexts: boolean }) => {
  // The batch's reads are issued together; hashing runs as each file arrives.
  // The packed buffer is shared memory: posting it copies nothing.
  void Promise.all(m.files.map((file) => fingerprintFile(file, read, settings))).then((results) =>
    parentPort!.postMessage({ id: m.id, results: pack(m.dropTexts ? withoutTexts(results) : results) }),
  );
});
