/**
 * Document pairs: the paragraph matches between two documents, gathered from
 * the units they carry (never by looping over all pairs of documents), then
 * verified on the documents' whole non-boilerplate shingle sets.
 *
 * A pair is reported when at least one side has `minCoverage` of its text in
 * the other, and the matched paragraphs hold at least 2 × `minWords` words on
 * the smaller side: a shared title, dateline or quoted sentence alone does not
 * make two articles a republication.
 */
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import { intersectionSize, unionAll } from "../fingerprint/shingles.js";
import { RECURRING, type BoilerplateMask } from "./boilerplate.js";
import type { ParagraphEdges } from "./paragraph-matches.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/** Occurrences of one paragraph beyond which it is paired with its first LEADERS only. */
const CROWDED = 1000;
const LEADERS = 16;
/** Documents beyond which a repeated short paragraph only supports pairs, never seeds one. */
const SHORT_CROWD = 16;

export type MatchKind = "exact" | "near" | "partial";
export type PairKind = "identical" | "near-duplicate" | "excerpt" | "shared-passage";

/** Two paragraphs, one in each document of a pair. */
export interface ParagraphMatch {
  /** Paragraph index in document a, and in b. */
  readonly a: number;
  readonly b: number;
  readonly jaccard: number;
  readonly containment: number;
  readonly kind: MatchKind;
}

export interface DocumentPair {
  /** Document ids, a < b. */
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
  readonly coverageA: number;
  readonly coverageB: number;
  readonly kind: PairKind;
  readonly matches: readonly ParagraphMatch[];
}

export interface PairSettings {
  readonly minCoverage: number;
  readonly minWords: number;
}

export interface PairResult {
  readonly pairs: DocumentPair[];
  /** Document pairs that had paragraph matches and were verified. */
  readonly verified: number;
}

function matchKind(exact: boolean, jaccard: number): MatchKind {
  return exact ? "exact" : jaccard >= 0.5 ? "near" : "partial";
}

function pairKind(similarity: number, ca: number, cb: number): PairKind {
  if (similarity >= 0.95) return "identical";
  if (ca >= 0.8 && cb >= 0.8) return "near-duplicate";
  if (ca >= 0.8 || cb >= 0.8) return "excerpt";
  return "shared-passage";
}

export function documentPairs(
  docs: readonly FingerprintedDocument[],
  units: UniqueParagraphs,
  edges: ParagraphEdges,
  boilerplate: BoilerplateMask,
  s: PairSettings,
): PairResult {
  const n = docs.length;
  const gathered = new Map<number, ParagraphMatch[]>();
  const add = (d1: number, p1: number, d2: number, p2: number, exact: boolean, jaccard: number, containment: number): void => {
    if (d1 === d2 || boilerplate[d1]![p1] || boilerplate[d2]![p2]) return;
    const flip = d1 > d2;
    const key = flip ? d2 * n + d1 : d1 * n + d2;
    let list = gathered.get(key);
    if (!list) gathered.set(key, (list = []));
    list.push({ a: flip ? p2 : p1, b: flip ? p1 : p2, jaccard, containment, kind: matchKind(exact, jaccard) });
  };

  // Exact copies: every pair of occurrences of one unit (recurring boilerplate
  // is flagged per unit, so its occurrences are skipped here, not paired and dropped).
  // A paragraph that is content yet carried by more than CROWDED documents is paired
  // with its first LEADERS occurrences only: k occurrences would otherwise make k²/2
  // pairs, and each document still meets the text it repeats.
  //
  // A short paragraph (a title, a dateline, a "Related posts" line) repeated in more
  // than SHORT_CROWD documents seeds no pair: it only joins the matches of pairs that
  // longer text has made (below). Seeding with it would pair every page of a site
  // that links the same article — k²/2 pairs for nothing.
  const deferred = new Uint8Array(units.count);
  for (let u = 0; u < units.count; u++) {
    const first = units.occStart[u]!;
    const end = units.occStart[u + 1]!;
    if (end - first < 2 || boilerplate[units.occDoc[first]!]![units.occPara[first]!] === RECURRING) continue;
    if (units.representative[u]!.words < s.minWords && end - first > SHORT_CROWD) {
      deferred[u] = 1;
      continue;
    }
    const crowded = end - first > CROWDED;
    for (let i = first; i < end; i++) {
      for (let j = i + 1; j < end && (!crowded || i < first + LEADERS); j++) {
        add(units.occDoc[i]!, units.occPara[i]!, units.occDoc[j]!, units.occPara[j]!, true, 1, 1);
      }
    }
  }
  // Verified near matches: every occurrence of one unit with every occurrence of the
  // other, or, past CROWDED × LEADERS combinations, each with the other's first LEADERS.
  for (let e = 0; e < edges.count; e++) {
    const x = edges.a[e]!;
    const y = edges.b[e]!;
    const [xs, xe, ys, ye] = [units.occStart[x]!, units.occStart[x + 1]!, units.occStart[y]!, units.occStart[y + 1]!];
    const crowded = (xe - xs) * (ye - ys) > CROWDED * LEADERS;
    const pairUp = (i: number, j: number): void =>
      add(units.occDoc[i]!, units.occPara[i]!, units.occDoc[j]!, units.occPara[j]!, false, edges.jaccard[e]!, edges.containment[e]!);
    for (let i = xs; i < xe; i++) for (let j = ys; j < (crowded ? Math.min(ye, ys + LEADERS) : ye); j++) pairUp(i, j);
    if (crowded) for (let j = ys + LEADERS; j < ye; j++) for (let i = xs; i < Math.min(xe, xs + LEADERS); i++) pairUp(i, j);
  }

  // Deferred short paragraphs join the pairs that exist.
  const shortOf = new Map<number, Map<number, number[]>>();
  const shortUnits = (d: number): Map<number, number[]> => {
    let m = shortOf.get(d);
    if (m) return m;
    m = new Map<number, number[]>();
    units.unitOf[d]!.forEach((u, i) => {
      if (deferred[u]) m!.set(u, [...(m!.get(u) ?? []), i]);
    });
    shortOf.set(d, m);
    return m;
  };
  for (const [key, list] of gathered) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const inB = shortUnits(b);
    if (inB.size === 0) continue;
    for (const [u, paragraphsA] of shortUnits(a)) {
      for (const pb of inB.get(u) ?? []) for (const pa of paragraphsA) if (!boilerplate[a]![pa] && !boilerplate[b]![pb]) list.push({ a: pa, b: pb, jaccard: 1, containment: 1, kind: "exact" });
    }
  }

  // Non-boilerplate shingle set of each document, built when first needed.
  const textSets = new Map<number, Uint32Array>();
  const textOf = (d: number): Uint32Array => {
    let set = textSets.get(d);
    if (!set) {
      const mask = boilerplate[d]!;
      set = unionAll(docs[d]!.paragraphs.filter((_, i) => !mask[i]).map((p) => p.shingles));
      textSets.set(d, set);
    }
    return set;
  };

  const pairs: DocumentPair[] = [];
  const keys = [...gathered.keys()].sort((x, y) => x - y);
  for (const key of keys) {
    const a = Math.floor(key / n);
    const b = key - a * n;
    const matches = alignment(gathered.get(key)!);
    // The word count first: it is cheap, and most pairs that chance phrases make fail it.
    const wordsA = sumWords(docs[a]!, new Set(matches.map((m) => m.a)));
    const wordsB = sumWords(docs[b]!, new Set(matches.map((m) => m.b)));
    if (Math.min(wordsA, wordsB) < 2 * s.minWords) continue;
    const setA = textOf(a);
    const setB = textOf(b);
    const shared = intersectionSize(setA, setB);
    const coverageA = setA.length === 0 ? 0 : shared / setA.length;
    const coverageB = setB.length === 0 ? 0 : shared / setB.length;
    const similarity = shared / Math.max(1, setA.length + setB.length - shared);
    if (Math.max(coverageA, coverageB) < s.minCoverage) continue;
    pairs.push({ a, b, similarity, coverageA, coverageB, kind: pairKind(similarity, coverageA, coverageB), matches });
  }
  return { pairs, verified: gathered.size };
}

function strength(m: ParagraphMatch): number {
  return (m.kind === "exact" ? 10 : 0) + m.containment + m.jaccard;
}

/**
 * The alignment of two documents: each match that is the best one for its
 * paragraph on at least one side. A paragraph split in two keeps both halves
 * (each half's best is the whole); a title that also half-matches a dateline
 * loses that cross match to its own counterpart.
 */
function alignment(all: readonly ParagraphMatch[]): ParagraphMatch[] {
  const bestA = new Map<number, ParagraphMatch>();
  const bestB = new Map<number, ParagraphMatch>();
  for (const m of all) {
    const a = bestA.get(m.a);
    if (!a || strength(m) > strength(a)) bestA.set(m.a, m);
    const b = bestB.get(m.b);
    if (!b || strength(m) > strength(b)) bestB.set(m.b, m);
  }
  return all.filter((m) => bestA.get(m.a) === m || bestB.get(m.b) === m).sort((x, y) => x.a - y.a || x.b - y.b);
}

function sumWords(doc: FingerprintedDocument, paragraphs: ReadonlySet<number>): number {
  let words = 0;
  for (const i of paragraphs) words += doc.paragraphs[i]!.words;
  return words;
}

