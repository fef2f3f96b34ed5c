/**
 * A worker thread of the read pool (fingerprint-files.ts): takes batches of
 * files and returns, in columns, their fingerprinted documents and problems;
 * or, for a batch of texts to read again, each file's paragraph texts
 * (extract/document-texts.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { textsOfFile, type TextRequest } from "../extract/document-texts.js";
// Loaded now, while the main thread lists the inputs, not with the first batch.
import "../extract/read-documents.js";
import type { ReadSettings } from "../extract/read-settings.js";
import type { SourceFile } from "../model.js";
import { fingerprintFile, fingerprintSettings, type FingerprintParams } from "./fingerprint-files.js";
import { FingerprintArena } from "./arena.js";
import { packBatch } from "./batch-columns.js";

const { read, params } = workerData as { read: ReadSettings; params: FingerprintParams };
const settings = fingerprintSettings(params);

type Arenas = { readonly shingles: FingerprintArena; readonly bandKeys: FingerprintArena };
/** Arenas of finished batches, for the next ones (a batch awaits as it reads, and the next one, already posted, may start meanwhile: two pairs are usual). */
const idle: Arenas[] = [];

type Request = { id: number; files: SourceFile[]; dropTexts: boolean; texts?: undefined } | { id: number; texts: TextRequest[] };

/**
 * Batches of texts to read, waiting: the pool deals them all at once (fingerprint-files.ts
 * `upfront`), and a JSON Lines file is read as a stream, so without a queue every batch's
 * files would be open together.
 */
const textQueue: { id: number; texts: TextRequest[] }[] = [];
let textBatchesRunning = 0;
/** Text batches read at once (the fingerprinting batches' IN_FLIGHT). */
const TEXT_BATCHES_AT_ONCE = 2;

function readTexts(): void {
  while (textBatchesRunning < TEXT_BATCHES_AT_ONCE && textQueue.length > 0) {
    const m = textQueue.shift()!;
    textBatchesRunning++;
    void Promise.all(m.texts.map((t) => textsOfFile(t.file, read, new Set(t.wanted)))).then((texts) => {
      parentPort!.postMessage({ id: m.id, texts });
      textBatchesRunning--;
      readTexts();
    });
  }
}

parentPort!.on("message", (m: Request) => {
  if (m.texts) {
    textQueue.push(m);
    readTexts();
    return;
  }
  const arenas = idle.pop() ?? { shingles: new FingerprintArena(), bandKeys: new FingerprintArena() };
  const batchSettings = { ...settings, arenas };
  // The batch's reads are issued together; hashing runs as each file arrives.
  void Promise.all(m.files.map((file) => fingerprintFile(file, read, batchSettings))).then((results) => {
    const { batch, transfer } = packBatch(results, m.dropTexts, arenas);
    arenas.shingles.reset();
    arenas.bandKeys.reset();
    idle.push(arenas);
    parentPort!.postMessage({ id: m.id, batch }, transfer);
  });
});
