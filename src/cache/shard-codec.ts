/**
 * The cache's file format: one shard of entries (a file's key and its events)
 * as one buffer, compact and quick to load.
 *
 * Paragraphs are most of the volume (text, shingles, band keys), and one typed
 * array per paragraph is what makes a generic serialiser slow to load (node:v8
 * allocates an ArrayBuffer for each: 0.9 s for the 10,000-document benchmark).
 * So they are packed into four columns, and everything else — the entries and
 * their events, with each document's paragraphs replaced by their number — is
 * serialised with node:v8, which keeps every field and its order as it was.
 *
 *   u32[8]   magic, format, skeleton bytes, paragraphs P, data words D, text bytes T, 0, 0
 *   bytes    the skeleton (node:v8), padded to 8
 *   f64[P]   exact keys
 *   u32[7P]  index, line, endLine, words, text bytes, shingles, band keys
 *   u32[D]   shingles and band keys, paragraph after paragraph
 *   bytes[T] paragraph texts, UTF-8
 *
 * Decoding checks every length against the buffer, so a truncated or garbled
 * file is an error (the cache ignores it), never a wrong document. Typed arrays
 * use the machine's byte order: a cache from a machine of the other order reads
 * as a bad magic number, and is rebuilt.
 */
import v8 from "node:v8";
import type { FileEvent } from "../fingerprint/fingerprint-files.js";
import type { FingerprintedParagraph } from "../fingerprint/fingerprint.js";

/** One file's cached events, and what they were computed from. */
export interface CacheEntry {
  /** The path users see: the key (events carry it). */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 of the bytes (content strategy), or null. */
  readonly sha256: string | null;
  /** The modification day a document took as its date (`file-mtime`), or null when none did. */
  readonly mtimeDay: string | null;
  readonly events: FileEvent[];
}

const MAGIC = 0x43445453; // "STDC"
/** Bump when the layout, or what an entry holds, changes. */
export const SHARD_FORMAT = 2;
const HEAD_WORDS = 8;
const FIELDS = 7;
/** Largest shard written (readFile's limit is 2 GiB). */
const MAX_SHARD_BYTES = 0x7fff_0000;

interface Skeleton {
  readonly settings: string;
  readonly entries: CacheEntry[];
}

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Encode entries; `settings` (the settings hash) is checked on decode. */
export function encodeShard(entries: Iterable<CacheEntry>, settings: string): Buffer {
  const skeleton: CacheEntry[] = [];
  const paragraphs: FingerprintedParagraph[] = [];
  let dataWords = 0;
  let textBytes = 0;
  for (const entry of entries) {
    const events = entry.events.map((e): FileEvent => {
      if (e.kind !== "document") return e;
      for (const p of e.document.paragraphs) {
        paragraphs.push(p);
        dataWords += p.shingles.length + p.bandKeys.length;
        textBytes += Buffer.byteLength(p.text, "utf8");
      }
      // The number in place of the list keeps the field where it was.
      return { kind: "document", document: { ...e.document, paragraphs: e.document.paragraphs.length as unknown as FingerprintedParagraph[] } };
    });
    skeleton.push({ ...entry, events });
  }
  const head = v8.serialize({ settings, entries: skeleton } satisfies Skeleton);
  const count = paragraphs.length;
  const at = {
    skeleton: HEAD_WORDS * 4,
    keys: HEAD_WORDS * 4 + pad8(head.length),
  };
  const fieldsAt = at.keys + 8 * count;
  const dataAt = fieldsAt + 4 * FIELDS * count;
  const textAt = dataAt + 4 * dataWords;
  const total = textAt + textBytes;
  if (total > MAX_SHARD_BYTES) throw new Error(`a cache shard would be ${total} bytes, over the limit of ${MAX_SHARD_BYTES}`);

  const out = Buffer.alloc(total);
  const u32 = (offset: number, length: number): Uint32Array => new Uint32Array(out.buffer, out.byteOffset + offset, length);
  u32(0, HEAD_WORDS).set([MAGIC, SHARD_FORMAT, head.length, count, dataWords, textBytes, 0, 0]);
  head.copy(out, at.skeleton);
  const keys = new Float64Array(out.buffer, out.byteOffset + at.keys, count);
  const fields = u32(fieldsAt, FIELDS * count);
  const data = u32(dataAt, dataWords);
  let d = 0;
  let t = textAt;
  for (let i = 0; i < count; i++) {
    const p = paragraphs[i]!;
    const bytes = out.write(p.text, t, "utf8");
    t += bytes;
    keys[i] = p.exactKey;
    fields.set([p.index, p.line, p.endLine, p.words, bytes, p.shingles.length, p.bandKeys.length], FIELDS * i);
    data.set(p.shingles, d);
    d += p.shingles.length;
    data.set(p.bandKeys, d);
    d += p.bandKeys.length;
  }
  return out;
}

class Corrupt extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Corrupt(what);
}

/** Aligned copy of `length` elements at `offset` (a Buffer read from disk may start anywhere). */
function column<T extends Uint32Array | Float64Array>(buf: Buffer, offset: number, length: number, Type: new (n: number) => T): T {
  const out = new Type(length);
  new Uint8Array(out.buffer).set(buf.subarray(offset, offset + out.byteLength));
  return out;
}

/** Decode a shard; throws when the buffer is not one, is damaged, or was written for other settings. */
export function decodeShard(buf: Buffer, settings: string): CacheEntry[] {
  check(buf.length >= HEAD_WORDS * 4, "too short");
  const head = column(buf, 0, HEAD_WORDS, Uint32Array);
  check(head[0] === MAGIC, "not a statdup cache file");
  check(head[1] === SHARD_FORMAT, `format ${head[1]}, expected ${SHARD_FORMAT}`);
  const [headBytes, count, dataWords, textBytes] = [head[2]!, head[3]!, head[4]!, head[5]!];
  const keysAt = HEAD_WORDS * 4 + pad8(headBytes);
  const fieldsAt = keysAt + 8 * count;
  const dataAt = fieldsAt + 4 * FIELDS * count;
  const textAt = dataAt + 4 * dataWords;
  check(textAt + textBytes === buf.length, `length ${buf.length}, expected ${textAt + textBytes}`);

  const skeleton = v8.deserialize(buf.subarray(HEAD_WORDS * 4, HEAD_WORDS * 4 + headBytes)) as Skeleton;
  check(skeleton?.settings === settings && Array.isArray(skeleton.entries), "written for other settings");
  const keys = column(buf, keysAt, count, Float64Array);
  const fields = column(buf, fieldsAt, FIELDS * count, Uint32Array);
  // Shingles and band keys stay views on this one array: no allocation per paragraph.
  const data = column(buf, dataAt, dataWords, Uint32Array);
  let p = 0;
  let d = 0;
  let t = textAt;
  const paragraph = (): FingerprintedParagraph => {
    check(p < count, "more paragraphs than recorded");
    const f = FIELDS * p;
    const [index, line, endLine, words, bytes, shingles, bands] = [fields[f]!, fields[f + 1]!, fields[f + 2]!, fields[f + 3]!, fields[f + 4]!, fields[f + 5]!, fields[f + 6]!];
    check(d + shingles + bands <= dataWords && t + bytes <= buf.length, "paragraph out of bounds");
    const text = buf.toString("utf8", t, t + bytes);
    t += bytes;
    const exactKey = keys[p++]!;
    const out: FingerprintedParagraph = {
      index,
      line,
      endLine,
      text,
      words,
      exactKey,
      shingles: data.subarray(d, d + shingles),
      bandKeys: data.subarray(d + shingles, d + shingles + bands),
    };
    d += shingles + bands;
    return out;
  };
  for (const entry of skeleton.entries) {
    for (const e of entry.events) {
      if (e.kind !== "document") continue;
      const n = e.document.paragraphs as unknown;
      check(typeof n === "number", "document without a paragraph count");
      const list: FingerprintedParagraph[] = new Array<FingerprintedParagraph>(n as number);
      for (let i = 0; i < (n as number); i++) list[i] = paragraph();
      (e.document as unknown as { paragraphs: FingerprintedParagraph[] }).paragraphs = list;
    }
  }
  check(p === count && d === dataWords && t === buf.length, "paragraphs left over");
  return skeleton.entries;
}
