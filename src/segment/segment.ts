/**
 * Segmentation: a document body to paragraphs, each with the lines it spans in
 * the original file.
 *
 * - A blank line (spaces, tabs, NBSP only) always ends a paragraph.
 * - Inside a block of non-blank lines, a line break is a *soft wrap* (rejoined)
 *   when the block looks hard-wrapped: every line fits a column limit
 *   (≤ WRAP_LIMIT characters) and the line before the break is full — long
 *   enough, and not a short closing line or a sentence end well before the
 *   margin. Otherwise each line is a paragraph of its own, as in files that
 *   separate paragraphs with single newlines (the seed `004_…`).
 * - A line that starts with a bullet (`•`, `*`, `+`) starts a paragraph. One
 *   that starts like a numbered or dashed item (`1.`, `-`, `–`) does so only
 *   after a line that ends a sentence or is itself such an item: in wrapped
 *   prose, "…his age as / 71. It listed…" is one sentence.
 * - A line that ends a sentence short of the margin still wraps when the next
 *   line's first word would not have fitted on it.
 * - A hyphen at the end of a wrapped line is kept (`long-` / `standing` is
 *   `long-standing`: wrappers break at existing hyphens) unless the word
 *   without it appears elsewhere in the text (`traf-` / `ficking` where the
 *   text also says `trafficking`): then it was hyphenation, and is removed.
 */
import type { RawParagraph } from "../model.js";

/** Lines longer than this are not hard-wrapped text (72-80 columns is the norm). */
const WRAP_LIMIT = 100;
const BULLET = /^\s*[*+•·▪◦]\s/;
const LIST_ITEM = /^\s*(?:[*+•·▪◦\-–—]\s|\d{1,3}[.)]\s)/;
const SENTENCE_END = /[.!?:;"”’»)\]]\s*$/;
const WRAP_HYPHEN = /\p{L}-$/u;
const STARTS_LOWER = /^\p{Ll}/u;

export function splitLines(text: string): string[] {
  // Splitting on a string is several times faster than on a regular expression; most texts have no \r.
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

function isBlank(line: string): boolean {
  return /^[\s\u200b\ufeff]*$/.test(line);
}

/** Should the break after `line` (inside a wrapped block of width `width`) be rejoined? */
function isSoftWrap(line: string, next: string, width: number): boolean {
  if (BULLET.test(next)) return false;
  if (LIST_ITEM.test(next) && (SENTENCE_END.test(line) || LIST_ITEM.test(line))) return false;
  const length = line.trimEnd().length;
  if (length >= 0.85 * width) return true;
  const nextWord = next.trim().split(/\s/)[0] ?? "";
  if (length >= 0.5 * width && length + 1 + nextWord.length > width) return true;
  return length >= 0.5 * width && !SENTENCE_END.test(line);
}

const LAST_WORD = /[\p{L}\p{M}]+$/u;
const FIRST_WORD = /^[\p{L}\p{M}]+/u;

function joinWrapped(lines: readonly string[], vocabulary: ReadonlySet<string>): string {
  let text = lines[0]!.trim();
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i]!.trim();
    if (WRAP_HYPHEN.test(text) && STARTS_LOWER.test(next)) {
      const head = LAST_WORD.exec(text.slice(0, -1))?.[0] ?? "";
      const tail = FIRST_WORD.exec(next)?.[0] ?? "";
      const whole = (head + tail).toLowerCase();
      text = vocabulary.has(whole) ? text.slice(0, -1) + next : text + next;
    } else text += " " + next;
  }
  return text;
}

/** Lower-cased words of a text: evidence of how it spells a word unbroken. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []);
}

/** Split one block of consecutive non-blank lines (first at `firstLine`) into paragraphs. */
function segmentBlock(lines: readonly string[], firstLine: number, out: RawParagraph[], vocabulary: ReadonlySet<string>): void {
  let width = 0;
  for (const l of lines) width = Math.max(width, l.trimEnd().length);
  const wrapped = lines.length > 1 && width <= WRAP_LIMIT;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    if (!last && wrapped && isSoftWrap(lines[i]!, lines[i + 1]!, width)) continue;
    out.push({
      text: joinWrapped(lines.slice(start, i + 1), vocabulary),
      line: firstLine + start,
      endLine: firstLine + i,
    });
    start = i + 1;
  }
}

/**
 * Paragraphs of `body`, whose first line is line `firstLine` (1-based) of its file.
 * Paragraphs without any letter or digit (rules, lone punctuation) are dropped:
 * they carry no text to match.
 */
export function segment(body: string, firstLine = 1): RawParagraph[] {
  const lines = splitLines(body);
  const out: RawParagraph[] = [];
  let vocabulary: Set<string> | undefined;
  let blockStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const blank = i === lines.length || isBlank(lines[i]!);
    if (!blank && blockStart < 0) blockStart = i;
    if (blank && blockStart >= 0) {
      // Built only when some line ends in a hyphen: most texts never need it.
      vocabulary ??= body.includes("-\n") || body.includes("-\r\n") ? wordsOf(body) : new Set();
      segmentBlock(lines.slice(blockStart, i), firstLine + blockStart, out, vocabulary);
      blockStart = -1;
    }
  }
  return out.filter((p) => /[\p{L}\p{N}]/u.test(p.text));
}
