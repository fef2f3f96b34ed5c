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
import { tokenHashes } from "../normalize/token-hashes.js";
import { sequenceKey } from "./hash.js";
import { bandKeys, signature } from "./minhash.js";
import { shingleSequence, sortedUnique } from "./shingles.js";

export interface FingerprintSettings {
  readonly shingleSize: number;
  readonly minWords: number;
  readonly windowWords: number;
  readonly bands: number;
  readonly rows: number;
  /** Hash seeds, `bands × rows` of them (see minhash.hashSeeds). */
  readonly seeds: Uint32Array;
  /**
   * Band keys already computed, by exact key: a site's header and footer recur
   * on every page, and their signatures are computed once.
   */
  readonly bandCache?: Map<number, Uint32Array>;
}

/** Paragraph plus the LSH keys of its windows (empty for short paragraphs). */
export interface FingerprintedParagraph extends Paragraph {
  readonly bandKeys: Uint32Array;
}

export interface FingerprintedDocument extends Document {
  readonly paragraphs: readonly FingerprintedParagraph[];
}

const EMPTY: Uint32Array = new Uint32Array(0);

function windowKeys(sequence: Uint32Array, s: FingerprintSettings): Uint32Array {
  // Windows over the shingle sequence (shingle i covers tokens [i, i + size)):
  // as many equal windows as it takes to keep each within windowWords tokens.
  const span = Math.max(1, s.windowWords - s.shingleSize + 1);
  const windows = Math.max(1, Math.ceil(sequence.length / span));
  const keys = new Uint32Array(windows * s.bands);
  for (let w = 0; w < windows; w++) {
    const from = Math.floor((w * sequence.length) / windows);
    const to = Math.floor(((w + 1) * sequence.length) / windows);
    keys.set(bandKeys(signature(sequence, s.seeds, from, to), s.bands, s.rows), w * s.bands);
  }
  return keys;
}

export function fingerprintParagraph(raw: RawParagraph, index: number, s: FingerprintSettings): FingerprintedParagraph {
  const tokens = tokenHashes(raw.text);
  const sequence = shingleSequence(tokens, s.shingleSize);
  const long = tokens.length >= s.minWords;
  const exactKey = sequenceKey(tokens);
  let keys: Uint32Array = EMPTY;
  if (long) {
    keys = s.bandCache?.get(exactKey) ?? windowKeys(sequence, s);
    s.bandCache?.set(exactKey, keys);
  }
  return {
    index,
    line: raw.line,
    endLine: raw.endLine,
    text: raw.text,
    words: tokens.length,
    exactKey,
    shingles: sortedUnique(sequence),
    bandKeys: keys,
  };
}

export function fingerprintDocument(
  doc: ExtractedDocument,
  raw: readonly RawParagraph[],
  id: number,
  s: FingerprintSettings,
): FingerprintedDocument {
  const paragraphs = raw.map((p, i) => fingerprintParagraph(p, i, s)).filter((p) => p.words > 0);
  const reindexed = paragraphs.map((p, i) => (p.index === i ? p : { ...p, index: i }));
  const { body: _body, bodyLine: _line, dateAmbiguous: _ambiguous, ...meta } = doc;
  return {
    ...meta,
    id,
    paragraphs: reindexed,
    words: reindexed.reduce((n, p) => n + p.words, 0),
  };
}
