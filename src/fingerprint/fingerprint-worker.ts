/**
 * A fingerprinting worker thread: takes batches of files, returns their
 * documents and problems (fingerprint-files.ts puts them back in order).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ReadSettings } from "../extract/read-documents.js";
import type { SourceFile } from "../model.js";
import { fingerprintFile, fingerprintSettings, type FileEvent, type FingerprintParams } from "./fingerprint-files.js";
import type { FingerprintedParagraph } from "./fingerprint.js";

const { read, params } = workerData as { read: ReadSettings; params: FingerprintParams };
const settings = fingerprintSettings(params);

/**
 * Put the typed arrays of a batch into two buffers, each array becoming a view
 * of one: structured cloning then copies a buffer instead of allocating one per
 * paragraph, which is what made sending results cost more than computing them.
 * Shingle sets go to shared memory, which posting does not copy and which the
 * verification workers read in place (match/verify-candidates.ts); band keys go
 * to a buffer of their own, transferred, so that once matching is done
 * (scan.ts releases them) that memory is free. Arrays shared between
 * paragraphs (cached fingerprints of recurring paragraphs) stay shared.
 */
function pack(results: FileEvent[][]): { results: FileEvent[][]; transfer: ArrayBuffer } {
  const offsets = (pick: (p: FingerprintedParagraph) => Uint32Array): { at: Map<Uint32Array, number>; total: number } => {
    const at = new Map<Uint32Array, number>();
    let total = 0;
    for (const events of results) {
      for (const e of events) {
        if (e.kind !== "document") continue;
        for (const p of e.document.paragraphs) {
          const a = pick(p);
          if (!at.has(a)) {
            at.set(a, total);
            total += a.length;
          }
        }
      }
    }
    return { at, total };
  };
  const shingles = offsets((p) => p.shingles);
  const bands = offsets((p) => p.bandKeys);
  const shingleBuffer = new Uint32Array(new SharedArrayBuffer(shingles.total * 4));
  const bandBuffer = new Uint32Array(bands.total);
  for (const [a, at] of shingles.at) shingleBuffer.set(a, at);
  for (const [a, at] of bands.at) bandBuffer.set(a, at);
  const view = (buffer: Uint32Array, at: Map<Uint32Array, number>, a: Uint32Array): Uint32Array => buffer.subarray(at.get(a)!, at.get(a)! + a.length);
  const packed = results.map((events) =>
    events.map((e): FileEvent => {
      if (e.kind !== "document") return e;
      const paragraphs = e.document.paragraphs.map((p) => ({ ...p, shingles: view(shingleBuffer, shingles.at, p.shingles), bandKeys: view(bandBuffer, bands.at, p.bandKeys) }));
      return { kind: "document", document: { ...e.document, paragraphs } };
    }),
  );
  return { results: packed, transfer: bandBuffer.buffer };
}

/** A batch's results without paragraph texts (the main thread keeps no more of them). */
function withoutTexts(results: FileEvent[][]): FileEvent[][] {
  return results.map((events) =>
    events.map((e): FileEvent => (e.kind === "document" ? { kind: "document", document: { ...e.document, paragraphs: e.document.paragraphs.map((p) => ({ ...p, text: "" })) } } : e)),
  );
}

parentPort!.on("message", (m: { id: number; files: SourceFile[]; dropTexts: boolean }) => {
  // The batch's reads are issued together; hashing runs as each file arrives.
  void Promise.all(m.files.map((file) => fingerprintFile(file, read, settings))).then((results) => {
    const packed = pack(m.dropTexts ? withoutTexts(results) : results);
    parentPort!.postMessage({ id: m.id, results: packed.results }, [packed.transfer]);
  });
});
