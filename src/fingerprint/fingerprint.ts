/**
 * Fingerprint: a segmented document to paragraphs with their shingle sets, an
 * exact key, and LSH band keys.
 *
 * Long paragraphs are fingerprinted in consecutive windows of at most
 * `windowWords` tokens, each with its own MinHash signature. A paragraph that
 * was merged with its neighbour in one copy, or cut down to one sentence in
 * another, still shares a window with its counterpart at a Jaccard similarity
 * the bands catch (two rows a band: a window half shared is a candidate with
 * probability 0.9), so LSH finds the pair; exact verification then works on
 * whole paragraphs.
 */
import type { Document, ExtractedDocument, Paragraph, RawParagraph } from "../model.js";
import { trailingChromeStart } from "../extract/chrome-markers.js";
import type { FingerprintArena } from "./arena.js";
import { tokenHashesInto, type TokenHashBuffer } from "../normalize/token-hashes.js";
import { sequenceKey } from "./hash.js";
import { KeyTable } from "./key-table.js";
import { bandKeysInto, signatureInto } from "./minhash.js";
import { shingleCount, shingleSequenceInto, sortedUniqueOf } from "./shingles.js";

export interface FingerprintSettings {
  readonly shingleSize: number;
  readonly minWords: number;
  readonly windowWords: number;
  readonly bands: number;
  readonly rows: number;
  /** Hash seeds, `bands × rows` of them (see minhash.hashSeeds). */
  readonly seeds: Uint32Array;
  /**
   * Fingerprints already computed, by exact key: a site's header and footer
   * recur on every page; their shingles and signatures are computed, and held
   * in memory, once (twice with arenas: see RecentFingerprints.seenBefore).
   */
  readonly bandCache?: RecentFingerprints;
  /**
   * Where a worker's batch keeps its shingle sets and band keys (arena.ts):
   * without, each paragraph gets arrays of its own.
   */
  readonly arenas?: { readonly shingles: FingerprintArena; readonly bandKeys: FingerprintArena };
}

/** Fingerprints by exact key, at most CACHE_LIMIT of them: past that it starts over. */
export class RecentFingerprints {
  private readonly at = new KeyTable();
  /** Keys seen once and not kept (see `seenBefore`). */
  private readonly seen = new KeyTable();
  private shingles: Uint32Array[] = [];
  private bandKeys: Uint32Array[] = [];

  /**
   * Whether `key` was asked about before; it is remembered now. With arenas a
   * paragraph's arrays live for one batch, so keeping every paragraph's would
   * mean copying each: only those of a paragraph seen twice are copied and
   * kept (one-off paragraphs, 40% of a corpus's, are never copied).
   */
  seenBefore(key: number): boolean {
    if (this.seen.get(key) >= 0) return true;
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
    this.seen.set(key, 0);
    return false;
  }

  /** The entry's index, or -1. */
  find(key: number): number {
    return this.at.get(key);
  }

  shinglesOf(entry: number): Uint32Array {
    return this.shingles[entry]!;
  }

  bandKeysOf(entry: number): Uint32Array {
    return this.bandKeys[entry]!;
  }

  add(key: number, shingles: Uint32Array, bandKeys: Uint32Array): void {
    // Bounded: recurring chrome comes back soon after a clear; one-off paragraphs must not pile up.
    if (this.shingles.length >= CACHE_LIMIT) {
      this.at.clear();
      this.shingles = [];
      this.bandKeys = [];
    }
    this.at.set(key, this.shingles.length);
    this.shingles.push(shingles);
    this.bandKeys.push(bandKeys);
  }
}

/** Paragraph plus the LSH keys of its windows (empty for short paragraphs). */
export interface FingerprintedParagraph extends Paragraph {
  readonly bandKeys: Uint32Array;
}

export interface FingerprintedDocument extends Document {
  readonly paragraphs: readonly FingerprintedParagraph[];
  /** First paragraph of the trailing chrome found by its wording (extract/chrome-markers.ts), or the paragraph count. */
  readonly chromeFrom: number;
  /** Path of the file the document was read from (differs from `path` for JSON Lines records). */
  readonly file: string;
}

const EMPTY: Uint32Array = new Uint32Array(0);
/** Entries the fingerprint cache holds before it starts over. */
const CACHE_LIMIT = 20000;
/** Keys seen once that it remembers before it starts over (12 bytes each in a KeyTable). */
const SEEN_LIMIT = 1 << 18;

/**
 * Scratch arrays of this thread's fingerprinting loop (one paragraph at a
 * time, no re-entry): a paragraph's token hashes, its shingle sequence and one
 * window's signature. Only what a paragraph keeps (its shingle set and band
 * keys) is allocated per paragraph, out of the batch's arenas in a worker.
 */
const tokens: TokenHashBuffer = { data: new Uint32Array(1024), length: 0 };
let sequence = new Uint32Array(1024);
let scratch = new Uint32Array(0);
/** Scratch arrays longer than this (4 MB) are let go after the paragraph that needed them. */
const LARGEST_KEPT_SCRATCH = 1 << 20;

function windowKeys(sequence: Uint32Array, length: number, s: FingerprintSettings): Uint32Array {
  // Windows over the shingle sequence (shingle i covers tokens [i, i + size)):
  // as many equal windows as it takes to keep each within windowWords tokens.
  const span = Math.max(1, s.windowWords - s.shingleSize + 1);
  const windows = Math.max(1, Math.ceil(length / span));
  const keys = s.arenas ? s.arenas.bandKeys.take(windows * s.bands) : new Uint32Array(windows * s.bands);
  if (scratch.length !== s.seeds.length) scratch = new Uint32Array(s.seeds.length);
  for (let w = 0; w < windows; w++) {
    const from = Math.floor((w * length) / windows);
    const to = Math.floor(((w + 1) * length) / windows);
    bandKeysInto(keys, w * s.bands, signatureInto(scratch, sequence, s.seeds, from, to), s.bands, s.rows);
  }
  return keys;
}

export function fingerprintParagraph(raw: RawParagraph, index: number, s: FingerprintSettings): FingerprintedParagraph {
  tokenHashesInto(raw.text, tokens);
  const words = tokens.length;
  const exactKey = sequenceKey(tokens.data, words);
  const cache = s.bandCache;
  const entry = cache ? cache.find(exactKey) : -1;
  let shingles: Uint32Array;
  let bandKeys: Uint32Array;
  if (entry >= 0) {
    shingles = cache!.shinglesOf(entry);
    bandKeys = cache!.bandKeysOf(entry);
  } else {
    const count = shingleCount(words, s.shingleSize);
    if (sequence.length < count) sequence = new Uint32Array(Math.max(count, sequence.length * 2));
    shingleSequenceInto(sequence, tokens.data, s.shingleSize, 0, words);
    shingles = sortedUniqueOf(sequence, count, s.arenas?.shingles);
    bandKeys = words >= s.minWords ? windowKeys(sequence, count, s) : EMPTY;
    if (cache && !s.arenas) cache.add(exactKey, shingles, bandKeys);
    // Arena views last one batch: the cache keeps copies, of recurring paragraphs only.
    else if (cache && cache.seenBefore(exactKey)) cache.add(exactKey, shingles.slice(), bandKeys.length > 0 ? bandKeys.slice() : EMPTY);
  }
  // One huge paragraph (a file without line breaks) must not pin its scratch arrays for the thread's life.
  if (tokens.data.length > LARGEST_KEPT_SCRATCH) tokens.data = new Uint32Array(1024);
  if (sequence.length > LARGEST_KEPT_SCRATCH) sequence = new Uint32Array(1024);
  return { index, line: raw.line, endLine: raw.endLine, text: raw.text, words, exactKey, shingles, bandKeys };
}

export function fingerprintDocument(
  doc: ExtractedDocument,
  raw: readonly RawParagraph[],
  id: number,
  s: FingerprintSettings,
  file: string = doc.path,
): FingerprintedDocument {
  const paragraphs = raw.map((p, i) => fingerprintParagraph(p, i, s)).filter((p) => p.words > 0);
  const reindexed = paragraphs.map((p, i) => (p.index === i ? p : { ...p, index: i }));
  const { body: _body, bodyLine: _line, dateAmbiguous: _ambiguous, ...meta } = doc;
  return {
    ...meta,
    id,
    paragraphs: reindexed,
    words: reindexed.reduce((n, p) => n + p.words, 0),
    chromeFrom: trailingChromeStart(reindexed),
    file,
  };
}
