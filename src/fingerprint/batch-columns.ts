/**
 * A batch of fingerprinting results in columns, for crossing from a worker
 * thread to the main thread.
 *
 * Posting paragraph objects made the main thread rebuild every one of them
 * property by property (structured cloning), which on two cores took CPU from
 * the workers: 0.9 s of main-thread work for 10,000 articles. Here a batch's
 * paragraphs travel as a few typed arrays and one array of texts; documents
 * and problems keep their shape, each document's paragraphs replaced by their
 * place in the columns, and `unpackBatch` builds the paragraph objects with
 * plain object literals.
 *
 * Shingle sets and band keys go to shared memory, which posting does not copy
 * and which the matching workers read in place (match/verify-candidates.ts),
 * each in a buffer of its own per batch: once matching is done (scan.ts
 * releases the band keys, and the workers have stopped) their memory is free
 * while the shingle sets stay. Arrays shared between paragraphs
 * (cached fingerprints of recurring paragraphs) are stored once.
 */
import type { FileEvent } from "./fingerprint-files.js";
import type { FingerprintedDocument, FingerprintedParagraph } from "./fingerprint.js";

/** Per paragraph: index, line, endLine, words, shingles at, shingles length, band keys at, band keys length. */
const FIELDS = 8;

type PackedDocument = Omit<FingerprintedDocument, "paragraphs"> & { readonly paragraphs: { readonly from: number; readonly count: number } };
type PackedEvent = Exclude<FileEvent, { kind: "document" }> | { readonly kind: "document"; readonly document: PackedDocument };

export interface PackedBatch {
  readonly events: PackedEvent[][];
  readonly fields: Int32Array;
  readonly exactKeys: Float64Array;
  readonly texts: string[];
  readonly shingles: Uint32Array;
  readonly bandKeys: Uint32Array;
}

/** Pack a batch; `transfer` lists the buffers to transfer (not copy) with it. */
export function packBatch(results: FileEvent[][], dropTexts: boolean): { batch: PackedBatch; transfer: ArrayBuffer[] } {
  const all: FingerprintedParagraph[] = [];
  for (const events of results) for (const e of events) if (e.kind === "document") for (const p of e.document.paragraphs) all.push(p);
  // A paragraph's shingles and band keys come as a pair (fingerprint.ts caches them
  // together): arrays shared by several paragraphs are placed once, found by the shingles.
  const placed = new Map<Uint32Array, number>();
  const shingleAt = new Int32Array(all.length);
  const bandAt = new Int32Array(all.length);
  const owner = new Uint8Array(all.length);
  let shingleTotal = 0;
  let bandTotal = 0;
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    const first = placed.get(p.shingles);
    if (first !== undefined && all[first]!.bandKeys === p.bandKeys) {
      shingleAt[i] = shingleAt[first]!;
      bandAt[i] = bandAt[first]!;
      continue;
    }
    placed.set(p.shingles, i);
    owner[i] = 1;
    shingleAt[i] = shingleTotal;
    bandAt[i] = bandTotal;
    shingleTotal += p.shingles.length;
    bandTotal += p.bandKeys.length;
  }
  const shingles = new Uint32Array(new SharedArrayBuffer(shingleTotal * 4));
  const bandKeys = new Uint32Array(new SharedArrayBuffer(bandTotal * 4));
  const fields = new Int32Array(all.length * FIELDS);
  const exactKeys = new Float64Array(all.length);
  const texts: string[] = new Array<string>(all.length);
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    // Written where it is first placed; a paragraph sharing another's arrays points there.
    if (owner[i]) {
      shingles.set(p.shingles, shingleAt[i]!);
      bandKeys.set(p.bandKeys, bandAt[i]!);
    }
    const f = i * FIELDS;
    fields[f] = p.index;
    fields[f + 1] = p.line;
    fields[f + 2] = p.endLine;
    fields[f + 3] = p.words;
    fields[f + 4] = shingleAt[i]!;
    fields[f + 5] = p.shingles.length;
    fields[f + 6] = bandAt[i]!;
    fields[f + 7] = p.bandKeys.length;
    exactKeys[i] = p.exactKey;
    texts[i] = dropTexts ? "" : p.text;
  }
  let next = 0;
  const events = results.map((list) =>
    list.map((e): PackedEvent => {
      if (e.kind !== "document") return e;
      const from = next;
      next += e.document.paragraphs.length;
      return { kind: "document", document: { ...e.document, paragraphs: { from, count: e.document.paragraphs.length } } };
    }),
  );
  return { batch: { events, fields, exactKeys, texts, shingles, bandKeys }, transfer: [fields.buffer, exactKeys.buffer] };
}

const NO_BAND_KEYS = new Uint32Array(0);

/** The batch's results, paragraph objects rebuilt over the batch's buffers. */
export function unpackBatch(b: PackedBatch): FileEvent[][] {
  const paragraph = (i: number): FingerprintedParagraph => {
    const f = i * FIELDS;
    const sAt = b.fields[f + 4]!;
    const bAt = b.fields[f + 6]!;
    const bLength = b.fields[f + 7]!;
    return {
      index: b.fields[f]!,
      line: b.fields[f + 1]!,
      endLine: b.fields[f + 2]!,
      text: b.texts[i]!,
      words: b.fields[f + 3]!,
      exactKey: b.exactKeys[i]!,
      shingles: b.shingles.subarray(sAt, sAt + b.fields[f + 5]!),
      // Short paragraphs have no band keys: one empty array for all, not a view each (millions of objects kept).
      bandKeys: bLength === 0 ? NO_BAND_KEYS : b.bandKeys.subarray(bAt, bAt + bLength),
    };
  };
  return b.events.map((list) =>
    list.map((e): FileEvent => {
      if (e.kind !== "document") return e;
      const { from, count } = e.document.paragraphs;
      const paragraphs: FingerprintedParagraph[] = new Array<FingerprintedParagraph>(count);
      for (let k = 0; k < count; k++) paragraphs[k] = paragraph(from + k);
      return { kind: "document", document: { ...e.document, paragraphs } };
    }),
  );
}
