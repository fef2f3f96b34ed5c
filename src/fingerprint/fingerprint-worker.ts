/**
 * A fingerprinting worker thread: takes batches of files, returns their
 * documents and problems (fingerprint-files.ts puts them back in order).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ReadSettings } from "../extract/read-documents.js";
import type { SourceFile } from "../model.js";
import { fingerprintFile, fingerprintSettings, type FingerprintParams } from "./fingerprint-files.js";
import { packBatch } from "./batch-columns.js";

const { read, params } = workerData as { read: ReadSettings; params: FingerprintParams };
const settings = fingerprintSettings(params);

parentPort!.on("message", (m: { id: number; files: SourceFile[]; dropTexts: boolean }) => {
  // The batch's reads are issued together; hashing runs as each file arrives.
  void Promise.all(m.files.map((file) => fingerprintFile(file, read, settings))).then((results) => {
    const { batch, transfer } = packBatch(results, m.dropTexts);
    parentPort!.postMessage({ id: m.id, batch }, transfer);
  });
});
