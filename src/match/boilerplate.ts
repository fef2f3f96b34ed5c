/**
 * Boilerplate: paragraphs that frame many unrelated documents (a site's nav,
 * author box, comment policy, copyright), kept out of the evidence.
 *
 * Counting documents alone cannot tell a footer from a statement republished by
 * fifteen sites: both recur in many documents. What differs is what else those
 * documents share. A unit u, carried (exactly or nearly) by the set D of
 * documents, is boilerplate when all of these hold:
 *
 * 1. |D| ≥ `minDocs` (default 3): two documents alone cannot show a pattern.
 * 2. It sits in the documents' frame: in most of its occurrences, every
 *    paragraph between it and the start (or the end) of its document is short
 *    or itself recurs in ≥ `minDocs` documents — headers and footers.
 * 3. The documents of D share little else with each other: in the median
 *    document of D, less than half the words are in paragraphs found in some
 *    other document of D (judged on an evenly spaced sample of 64 of D). A
 *    footer's documents have different bodies; a statement's copies share the
 *    statement, and a licence file is all shared.
 * 4. D is not spread over many sites with one document each (a republished
 *    statement): fewer than `minDocs` distinct sites, or sites carrying on
 *    average two or more documents of D each. A document's site is its `site`
 *    metadata, else its folder.
 *
 * Besides recurrence, a document's trailing chrome is recognised by its wording
 * (extract/chrome-markers.ts, found when the document is fingerprinted: its
 * `chromeFrom`), which also counts as frame for rule 2.
 */
import path from "node:path";
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import type { ParagraphEdges } from "./paragraph-matches.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/** How many documents of D are examined for rule 3 (evenly spaced, deterministic). */
const SAMPLE = 64;

export interface BoilerplateSettings {
  readonly minDocs: number;
  readonly minWords: number;
}

/**
 * How many distinct documents carry u or a unit matched to u; with `out`, they
 * are also listed there (unsorted). Counting alone builds nothing: it is asked
 * for every unit.
 */
function spread(u: number, units: UniqueParagraphs, edges: ParagraphEdges, stamp: Int32Array, tag: number, out?: number[]): number {
  const { occStart, occDoc } = units;
  const { nStart, neighbour } = edges;
  // Most units occur once and match nothing: one document, without a closure per unit.
  if (nStart[u] === nStart[u + 1] && occStart[u + 1]! - occStart[u]! === 1) {
    out?.push(occDoc[occStart[u]!]!);
    return 1;
  }
  let count = 0;
  // u itself first (the step before its neighbours' range), then each unit matched to it.
  for (let k = nStart[u]! - 1; k < nStart[u + 1]!; k++) {
    const v = k < nStart[u]! ? u : neighbour[k]!;
    for (let i = occStart[v]!; i < occStart[v + 1]!; i++) {
      const d = occDoc[i]!;
      if (stamp[d] !== tag) {
        stamp[d] = tag;
        count++;
        out?.push(d);
      }
    }
  }
  return count;
}

/** The distinct documents carrying u or a unit matched to u, in document order. */
function spreadOf(u: number, units: UniqueParagraphs, edges: ParagraphEdges, stamp: Int32Array, tag: number): number[] {
  const out: number[] = [];
  spread(u, units, edges, stamp, tag, out);
  return out.sort((x, y) => x - y);
}

function siteOf(doc: FingerprintedDocument): string {
  return doc.site ?? path.posix.dirname(doc.path);
}

/** Why a paragraph is kept out of the evidence: 0 it is not, 1 it recurs as a frame, 2 chrome wording. */
export const CONTENT = 0;
export const RECURRING = 1;
export const CHROME = 2;

/** Per document, per paragraph: CONTENT, RECURRING or CHROME. */
export type BoilerplateMask = readonly Uint8Array[];

export function findBoilerplate(
  docs: readonly FingerprintedDocument[],
  units: UniqueParagraphs,
  edges: ParagraphEdges,
  s: BoilerplateSettings,
): BoilerplateMask {
  const chromeFrom = docs.map((doc) => doc.chromeFrom);
  const spreads = new Int32Array(units.count);
  const stamp = new Int32Array(docs.length).fill(-1);
  for (let u = 0; u < units.count; u++) spreads[u] = spread(u, units, edges, stamp, u);

  // Rule 2: the frame of each document (leading and trailing runs of paragraphs
  // that are short or recur in minDocs documents).
  // One buffer, a view per document.
  const frames = new Uint8Array(units.occDoc.length);
  let at = 0;
  const inFrame = docs.map((doc, d) => {
    const unitOf = units.unitOf[d]!;
    const paragraphs = doc.paragraphs;
    const eligible = (i: number): boolean => paragraphs[i]!.words < s.minWords || i >= chromeFrom[d]! || spreads[unitOf[i]!]! >= s.minDocs;
    const frame = frames.subarray(at, (at += paragraphs.length));
    for (let i = 0; i < frame.length && eligible(i); i++) frame[i] = 1;
    for (let i = frame.length - 1; i >= 0 && frame[i] === 0 && eligible(i); i--) frame[i] = 1;
    return frame;
  });

  const boilerplate = new Uint8Array(units.count);
  // Per unit, for the rule-3 sample of the unit under test: sampled documents carrying it.
  const carriers = new Int32Array(units.count);
  const carrierRound = new Int32Array(units.count).fill(-1);
  const lastCarrier = new Int32Array(units.count);
  for (let u = 0; u < units.count; u++) {
    if (spreads[u]! < s.minDocs) continue;
    let framed = 0;
    const occurrences = units.occStart[u + 1]! - units.occStart[u]!;
    for (let i = units.occStart[u]!; i < units.occStart[u + 1]!; i++) framed += inFrame[units.occDoc[i]!]![units.occPara[i]!]!;
    if (framed * 2 < occurrences) continue;

    const set = spreadOf(u, units, edges, stamp, units.count + u);
    const sites = new Map<string, number>();
    for (const d of set) sites.set(siteOf(docs[d]!), (sites.get(siteOf(docs[d]!)) ?? 0) + 1);
    if (sites.size >= s.minDocs && set.length < 2 * sites.size) continue; // rule 4

    // A paragraph of a sampled document is shared within D when at least two of the
    // sampled documents carry it or a unit matched to it (the document itself is one).
    // Counting within the sample, not all of D, keeps the cost per unit constant:
    // scanning every carrier of every paragraph made this stage grow with the square
    // of a site's size (a footer unit's carriers are all of the site's pages).
    const m = Math.min(SAMPLE, set.length);
    const sample: number[] = [];
    for (let j = 0; j < m; j++) sample.push(set[Math.floor((j * set.length) / m)]!);
    sample.forEach((d, j) => {
      const mark = (v: number): void => {
        if (lastCarrier[v] === j + 1 && carrierRound[v] === u) return;
        if (carrierRound[v] !== u) {
          carrierRound[v] = u;
          carriers[v] = 0;
        }
        lastCarrier[v] = j + 1;
        carriers[v]!++;
      };
      for (const v of units.unitOf[d]!) {
        mark(v);
        for (let k = edges.nStart[v]!; k < edges.nStart[v + 1]!; k++) mark(edges.neighbour[k]!);
      }
    });
    const shares: number[] = [];
    for (const d of sample) {
      const doc = docs[d]!;
      let shared = 0;
      doc.paragraphs.forEach((p, i) => {
        if (carriers[units.unitOf[d]![i]!]! >= 2) shared += p.words;
      });
      shares.push(doc.words === 0 ? 1 : shared / doc.words);
    }
    shares.sort((x, y) => x - y);
    const median = shares[Math.floor((shares.length - 1) / 2)] ?? 1;
    if (median < 0.5) boilerplate[u] = 1; // rule 3
  }
  // One buffer, a view per document (as unique-paragraphs.ts's unitOf).
  const all = new Uint8Array(units.occDoc.length);
  let from = 0;
  return docs.map((doc, d) => {
    const mask = all.subarray(from, (from += doc.paragraphs.length));
    const unitOf = units.unitOf[d]!;
    for (let i = 0; i < mask.length; i++) mask[i] = boilerplate[unitOf[i]!] ? RECURRING : i >= chromeFrom[d]! ? CHROME : CONTENT;
    return mask;
  });
}
