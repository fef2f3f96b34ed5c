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
import type { FingerprintArena } from "./arena.js";
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

/**
 * Pack a batch; `transfer` lists the buffers to transfer (not copy) with it.
 * `arenas`: where the batch's arrays were carved out (arena.ts), copied chunk
 * by chunk; arrays from elsewhere (the worker's cache) are placed one by one.
 */
export function packBatch(
  results: FileEvent[][],
  dropTexts: boolean,
  arenas?: { readonly shingles: FingerprintArena; readonly bandKeys: FingerprintArena },
): { batch: PackedBatch; transfer: ArrayBuffer[] } {
  const all: FingerprintedParagraph[] = [];
  for (const events of results) for (const e of events) if (e.kind === "document") for (const p of e.document.paragraphs) all.push(p);
  const shingleColumn = new Column(arenas?.shingles.chunks() ?? []);
  const bandColumn = new Column(arenas?.bandKeys.chunks() ?? []);
  const fields = new Int32Array(all.length * FIELDS);
  const exactKeys = new Float64Array(all.length);
  const texts: string[] = new Array<string>(all.length);
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    const f = i * FIELDS;
    fields[f] = p.index;
    fields[f + 1] = p.line;
    fields[f + 2] = p.endLine;
    fields[f + 3] = p.words;
    fields[f + 4] = shingleColumn.place(p.shingles);
    fields[f + 5] = p.shingles.length;
    fields[f + 6] = bandColumn.place(p.bandKeys);
    fields[f + 7] = p.bandKeys.length;
    exactKeys[i] = p.exactKey;
    texts[i] = dropTexts ? "" : p.text;
  }
  const shingles = shingleColumn.write();
  const bandKeys = bandColumn.write();
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

/**
 * One shared column of a batch (shingle sets or band keys): the arena's chunks
 * first, end to end, then every other array once (arrays shared by several
 * paragraphs, the cached fingerprints of recurring ones, are stored once).
 */
class Column {
  private readonly buffers: ArrayBufferLike[];
  private readonly bases: number[] = [];
  private readonly others = new Map<Uint32Array, number>();
  private total = 0;

  constructor(private readonly chunks: readonly Uint32Array[]) {
    this.buffers = chunks.map((c) => c.buffer);
    for (const c of chunks) {
      this.bases.push(this.total - c.byteOffset / 4);
      this.total += c.length;
    }
  }

  /** Where `values` lies in the column. */
  place(values: Uint32Array): number {
    if (values.length === 0) return 0;
    for (let k = 0; k < this.buffers.length; k++) if (values.buffer === this.buffers[k]) return this.bases[k]! + values.byteOffset / 4;
    let at = this.others.get(values);
    if (at === undefined) {
      at = this.total;
      this.others.set(values, at);
      this.total += values.length;
    }
    return at;
  }

  /** The column in shared memory. */
  write(): Uint32Array {
    const out = new Uint32Array(new SharedArrayBuffer(this.total * 4));
    this.chunks.forEach((c, k) => out.set(c, this.bases[k]! + c.byteOffset / 4));
    for (const [values, at] of this.others) out.set(values, at);
    return out;
  }
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
