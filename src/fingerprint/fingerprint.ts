/**
 * Fingerprint: a segmented document to paragraphs with their shingle sets, an
 * exact key, and LSH band keys.
 *
 * Long paragraphs are fingerprinted in overlapping windows of at most
 * `windowWords` tokens (step: half a window), each with its own MinHash
 * signature. A paragraph that was merged with its neighbour in one copy, or
 * cut down to one sentence in another, still shares a window with its
 * counterpart at high Jaccard similarity, so LSH finds the pair; exact
 * verification then works on whole paragraphs.
 */
import type { Document, ExtractedDocument, Paragraph, RawParagraph } from "../model.js";
import { tokenize } from "../normalize/normalize.js";
import { sequenceKey } from "./hash.js";
import { bandKeys, signature } from "./minhash.js";
import { hashTokens, shingleSequence, sortedUnique } from "./shingles.js";

export interface FingerprintSettings {
  readonly shingleSize: number;
  readonly minWords: number;
  readonly windowWords: number;
  readonly bands: number;
  readonly rows: number;
  /** Hash seeds, `bands × rows` of them (see minhash.hashSeeds). */
  readonly seeds: Uint32Array;
}

/** Paragraph plus the LSH keys of its windows (empty for short paragraphs). */
export interface FingerprintedParagraph extends Paragraph {
  readonly bandKeys: Uint32Array;
}

export interface FingerprintedDocument extends Document {
  readonly paragraphs: readonly FingerprintedParagraph[];
}

function windowKeys(sequence: Uint32Array, tokens: number, s: FingerprintSettings): Uint32Array {
  // Windows over the shingle sequence: shingle i covers tokens [i, i + size).
  const span = Math.max(1, s.windowWords - s.shingleSize + 1);
  const step = Math.max(1, Math.floor(span / 2));
  const starts: number[] = [];
  if (tokens <= s.windowWords) starts.push(0);
  else {
    for (let i = 0; i + span < sequence.length; i += step) starts.push(i);
    starts.push(Math.max(0, sequence.length - span));
  }
  const keys = new Uint32Array(starts.length * s.bands);
  starts.forEach((start, w) => {
    const set = sortedUnique(sequence.subarray(start, start + span));
    keys.set(bandKeys(signature(set, s.seeds), s.bands, s.rows), w * s.bands);
  });
  return keys;
}

export function fingerprintParagraph(raw: RawParagraph, index: number, s: FingerprintSettings): FingerprintedParagraph {
  const { words } = tokenize(raw.text);
  const tokenHashes = hashTokens(words);
  const sequence = shingleSequence(tokenHashes, s.shingleSize);
  const long = words.length >= s.minWords;
  return {
    index,
    line: raw.line,
    endLine: raw.endLine,
    text: raw.text,
    words: words.length,
    exactKey: sequenceKey(words),
    shingles: sortedUnique(sequence),
    bandKeys: long ? windowKeys(sequence, words.length, s) : new Uint32Array(0),
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
