/**
 * Variants: what a copy changed, word by word, between two aligned paragraphs,
 * and over a whole document pair (paragraphs dropped or added, boilerplate
 * added, words replaced such as labour → labor).
 *
 * Words are compared after normalisation (so quotes, dashes and case never
 * show as changes) with the `diff` package's array diff (wordDiff); the pieces returned
 * carry the original text, punctuation and spacing included, for display.
 */
import { diffArrays } from "diff";
import { CHAR_CLASS, isSimpleText } from "../normalize/char-class.js";
import { tokenize } from "../normalize/normalize.js";

export type DiffOp = "equal" | "removed" | "added";

export interface DiffPiece {
  readonly op: DiffOp;
  /** Original text: from the first paragraph for equal and removed, the second for added. */
  readonly text: string;
}

export interface WordChanges {
  /** Replacements, normalised: [old, new]. */
  readonly replaced: readonly (readonly [string, string])[];
  readonly wordsRemoved: number;
  readonly wordsAdded: number;
}

/** A run of a word diff: `count` words kept, removed from the first array, or added from the second. */
export interface WordRun {
  readonly count: number;
  readonly added: boolean;
  readonly removed: boolean;
}

/**
 * A shortest word diff of `a` into `b`: the `diff` package's diffArrays on
 * what lies between the words both start with and the words both end with.
 * A copy's paragraph differs from its parent's by a word or two, so that is
 * most often a few words, not the paragraph (Myers' algorithm pays for every
 * word before the change, and the package allocates for each).
 */
export function wordDiff(a: readonly string[], b: readonly string[]): WordRun[] {
  const shorter = Math.min(a.length, b.length);
  let head = 0;
  while (head < shorter && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < shorter - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const runs: WordRun[] = [];
  if (head > 0) runs.push({ count: head, added: false, removed: false });
  const removed = a.length - head - tail;
  const added = b.length - head - tail;
  if (removed > 0 && added > 0) {
    for (const change of diffArrays(a.slice(head, a.length - tail), b.slice(head, b.length - tail))) {
      runs.push({ count: change.count ?? change.value.length, added: change.added, removed: change.removed });
    }
  } else if (removed > 0) runs.push({ count: removed, added: false, removed: true });
  else if (added > 0) runs.push({ count: added, added: true, removed: false });
  if (tail > 0) runs.push({ count: tail, added: false, removed: false });
  return runs;
}

/** Original text of each token with what follows it up to the next token. */
function pieces(text: string): { words: string[]; spans: string[] } {
  const { words, offsets } = tokenize(text);
  const spans = words.map((_, i) => {
    const from = i === 0 ? 0 : offsets[i * 2]!;
    const to = i + 1 < words.length ? offsets[(i + 1) * 2]! : text.length;
    return text.slice(from, to);
  });
  return { words, spans };
}

/** Word-level diff of two paragraphs. */
export function diffParagraphs(a: string, b: string): DiffPiece[] {
  const pa = pieces(a);
  const pb = pieces(b);
  const out: DiffPiece[] = [];
  let i = 0;
  let j = 0;
  for (const change of wordDiff(pa.words, pb.words)) {
    const n = change.count;
    if (change.added) {
      out.push({ op: "added", text: pb.spans.slice(j, j + n).join("") });
      j += n;
    } else if (change.removed) {
      out.push({ op: "removed", text: pa.spans.slice(i, i + n).join("") });
      i += n;
    } else {
      out.push({ op: "equal", text: pa.spans.slice(i, i + n).join("") });
      i += n;
      j += n;
    }
  }
  return out;
}

/** Count and name the word changes of one paragraph diff. */
export function wordChanges(diff: readonly DiffPiece[]): WordChanges {
  const replaced: [string, string][] = [];
  let wordsRemoved = 0;
  let wordsAdded = 0;
  for (let k = 0; k < diff.length; k++) {
    const piece = diff[k]!;
    const n = tokenize(piece.text).words.length;
    if (piece.op === "removed") wordsRemoved += n;
    if (piece.op === "added") wordsAdded += n;
    const next = diff[k + 1];
    if (piece.op === "removed" && next?.op === "added") {
      const before = tokenize(piece.text).words.join(" ");
      const after = tokenize(next.text).words.join(" ");
      // A short swap is a replacement (labour → labor); a long one is a rewrite.
      if (before.split(" ").length <= 4 && after.split(" ").length <= 4) replaced.push([before, after]);
    }
  }
  return { replaced, wordsRemoved, wordsAdded };
}

/**
 * tokenize(text).words when `text` is plain (isSimpleText), in one pass and
 * without the offsets: maximal runs of ASCII letters and digits, lower-cased;
 * null for any other text.
 */
export function plainWords(text: string): string[] | null {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = CHAR_CLASS[text.charCodeAt(i)];
    if (c === 1) {
      if (start < 0) start = i;
    } else {
      if (c === 2) return null;
      if (start >= 0) {
        words.push(text.slice(start, i).toLowerCase());
        start = -1;
      }
    }
  }
  if (start >= 0) words.push(text.slice(start).toLowerCase());
  return words;
}

/**
 * How many code units `a` and `b` share at their start and at their end, each
 * cut back to a separator so that no token is split: the shared start ends
 * with a separator (or is empty) and the shared end begins with one, and the
 * two never overlap in either text. The tokens there are the same in both.
 * For plain text only (isSimpleText): a separator is then anything but an
 * ASCII letter or digit; past ASCII a token's bounds need the full tokenizer.
 */
export function sharedEnds(a: string, b: string): { head: number; tail: number } {
  const shorter = Math.min(a.length, b.length);
  let head = 0;
  while (head < shorter && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  while (head > 0 && CHAR_CLASS[a.charCodeAt(head - 1)] === 1) head--;
  let tail = 0;
  while (tail < shorter - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  while (tail > 0 && CHAR_CLASS[a.charCodeAt(a.length - tail)] === 1) tail--;
  return { head, tail };
}

/**
 * wordChanges(diffParagraphs(a, b)), without the display text when both are
 * plain ASCII text: there each piece's text holds exactly the tokens the diff
 * gave it (tokens are maximal runs of ASCII letters and digits, and a piece runs
 * from one token's start to the next piece's first token), so its words are
 * counted and joined from the token arrays instead of re-tokenised.
 *
 * Only the words between the text both start with and the text both end with
 * are taken (sharedEnds): a copy's paragraph differs from its parent's by a word
 * or two, and tokenising both whole made a string of every word of both (word
 * diffs, the diff package's own work included, were a third of what tracing
 * allocated at 50,000 documents). The words
 * of the shared ends are the diff's own kept head and tail (wordDiff trims the
 * words both arrays start and end with), so the runs between are the same.
 */
export function paragraphChanges(a: string, b: string): WordChanges {
  if (!isSimpleText(a) || !isSimpleText(b)) return wordChanges(diffParagraphs(a, b));
  const { head, tail } = sharedEnds(a, b);
  const wa = plainWords(a.slice(head, a.length - tail))!;
  const wb = plainWords(b.slice(head, b.length - tail))!;
  const changes = wordDiff(wa, wb);
  const replaced: [string, string][] = [];
  let wordsRemoved = 0;
  let wordsAdded = 0;
  let i = 0;
  let j = 0;
  for (let k = 0; k < changes.length; k++) {
    const change = changes[k]!;
    const n = change.count;
    if (change.added) {
      wordsAdded += n;
      j += n;
    } else if (change.removed) {
      wordsRemoved += n;
      const next = changes[k + 1];
      if (next?.added) {
        const before = wa.slice(i, i + n).join(" ");
        const after = wb.slice(j, j + next.count).join(" ");
        // A short swap is a replacement (labour → labor); a long one is a rewrite.
        if (before.split(" ").length <= 4 && after.split(" ").length <= 4) replaced.push([before, after]);
      }
      i += n;
    } else {
      i += n;
      j += n;
    }
  }
  return { replaced, wordsRemoved, wordsAdded };
}

/** What a child changed relative to its parent, over a whole document pair. */
export interface EdgeChanges {
  /** Parent's content paragraphs with no counterpart in the child. */
  readonly paragraphsDropped: number;
  /** Child's content paragraphs with no counterpart in the parent. */
  readonly paragraphsAdded: number;
  /** Child's boilerplate paragraphs (its site's chrome). */
  readonly boilerplateAdded: number;
  readonly wordsRemoved: number;
  readonly wordsAdded: number;
  /** Up to 10 distinct word replacements, old → new. */
  readonly replaced: readonly (readonly [string, string])[];
}

export interface AlignedParagraphs {
  /** Texts of the parent's and child's paragraphs. */
  readonly parent: readonly string[];
  readonly child: readonly string[];
  /** Boilerplate flags of each side's paragraphs. */
  readonly parentMask: Uint8Array;
  readonly childMask: Uint8Array;
  /** Matched paragraph index pairs [parent, child]. */
  readonly matches: readonly (readonly [number, number])[];
  /**
   * Normalised-text keys of each side's paragraphs (`Paragraph.exactKey`), when known:
   * paragraphs with equal keys read the same after normalisation and are not diffed.
   */
  readonly parentKeys?: readonly number[];
  readonly childKeys?: readonly number[];
}

export function edgeChanges(x: AlignedParagraphs): EdgeChanges {
  const matchedParent = new Set(x.matches.map((m) => m[0]));
  const matchedChild = new Set(x.matches.map((m) => m[1]));
  const count = (texts: readonly string[], mask: Uint8Array, matched: ReadonlySet<number>): number =>
    texts.reduce((n, _, i) => n + (!mask[i] && !matched.has(i) ? 1 : 0), 0);
  const replaced = new Map<string, readonly [string, string]>();
  let wordsRemoved = 0;
  let wordsAdded = 0;
  const diffed = new Set<number>();
  for (const [p, c] of x.matches) {
    if (diffed.has(c)) continue; // one diff per child paragraph: its first counterpart
    diffed.add(c);
    if (x.parentKeys && x.childKeys && x.parentKeys[p] === x.childKeys[c]) continue; // same words: nothing changed
    const w = paragraphChanges(x.parent[p]!, x.child[c]!);
    wordsRemoved += w.wordsRemoved;
    wordsAdded += w.wordsAdded;
    for (const r of w.replaced) if (replaced.size < 10) replaced.set(`${r[0]}\u0000${r[1]}`, r);
  }
  return {
    paragraphsDropped: count(x.parent, x.parentMask, matchedParent),
    paragraphsAdded: count(x.child, x.childMask, matchedChild),
    boilerplateAdded: x.childMask.reduce((n, f) => n + (f ? 1 : 0), 0),
    wordsRemoved,
    wordsAdded,
    replaced: [...replaced.values()],
  };
}
