/**
 * Families: each family is one text and every document that carries it.
 *
 * Built from matched passages, not from whole documents, so that transitive
 * closure over document pairs cannot chain unrelated articles together:
 *
 * 1. A *passage* is a set of paragraphs joined by verified matches inside
 *    reported pairs (exact copies are one unit already; near matches join units).
 * 2. Passages that two documents both carry — the matches of one reported pair —
 *    are one text.
 * 3. A family is a connected set of reported pairs of one text: pairs join when
 *    they share a document and their text is the same. Documents that carry the
 *    same paragraph but were not found to republish each other (a quote, say)
 *    stay apart.
 *
 * A round-up page R that quotes statement A (also carried by X) and statement B
 * (carried by Y) has pairs R–X, sharing A's passages, and R–Y, sharing B's: A's
 * and B's passages never meet in one pair, so R sits in two families and X and
 * Y are never joined through R. Every reported pair belongs to exactly one family.
 */
import type { DocumentPair } from "../match/document-pairs.js";
import type { UniqueParagraphs } from "../match/unique-paragraphs.js";
import { UnionFind } from "./union-find.js";

export interface Family {
  /** Document ids, ascending. */
  readonly documents: readonly number[];
  /** Indexes into the pairs array, in its order. */
  readonly pairs: readonly number[];
}

export function groupFamilies(pairs: readonly DocumentPair[], units: UniqueParagraphs): Family[] {
  const passages = new UnionFind(units.count);
  const unit = (doc: number, paragraph: number): number => units.unitOf[doc]![paragraph]!;
  // 1. Passages: units joined by the matches that reported pairs rest on.
  for (const pair of pairs) for (const m of pair.matches) passages.union(unit(pair.a, m.a), unit(pair.b, m.b));
  // 2. Texts: every passage of one pair belongs to one family.
  const texts = new UnionFind(units.count);
  for (const pair of pairs) {
    const first = passages.find(unit(pair.a, pair.matches[0]!.a));
    for (const m of pair.matches) texts.union(first, passages.find(unit(pair.a, m.a)));
  }
  const textOf = pairs.map((pair) => texts.find(passages.find(unit(pair.a, pair.matches[0]!.a))));
  // 3. Connected pairs of one text.
  const joined = new UnionFind(pairs.length);
  const seenAt = new Map<string, number>();
  pairs.forEach((pair, i) => {
    for (const d of [pair.a, pair.b]) {
      const key = `${d}:${textOf[i]}`;
      const other = seenAt.get(key);
      if (other === undefined) seenAt.set(key, i);
      else joined.union(other, i);
    }
  });
  const byRoot = new Map<number, { documents: Set<number>; pairs: number[] }>();
  pairs.forEach((pair, i) => {
    const root = joined.find(i);
    let family = byRoot.get(root);
    if (!family) byRoot.set(root, (family = { documents: new Set(), pairs: [] }));
    family.documents.add(pair.a).add(pair.b);
    family.pairs.push(i);
  });
  return [...byRoot.values()].map((f) => ({ documents: [...f.documents].sort((x, y) => x - y), pairs: f.pairs }));
}
