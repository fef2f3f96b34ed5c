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
 * - A line that starts a list item (`-`, `*`, `•`, `1.`) starts a paragraph.
 * - A word hyphenated across a wrap (`traf-` / `ficking`) is rejoined whole.
 */
import type { RawParagraph } from "../model.js";

/** Lines longer than this are not hard-wrapped text (72-80 columns is the norm). */
const WRAP_LIMIT = 100;
const LIST_ITEM = /^\s*(?:[-*+•·–]\s|\d{1,3}[.)]\s)/;
const SENTENCE_END = /[.!?:;"”’»)\]]\s*$/;
const WRAP_HYPHEN = /\p{L}-$/u;
const STARTS_LOWER = /^\p{Ll}/u;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isBlank(line: string): boolean {
  return /^[\s\u200b\ufeff]*$/.test(line);
}

/** Should the break after `line` (inside a wrapped block of width `width`) be rejoined? */
function isSoftWrap(line: string, next: string, width: number): boolean {
  if (LIST_ITEM.test(next)) return false;
  const length = line.trimEnd().length;
  if (length >= 0.85 * width) return true;
  return length >= 0.5 * width && !SENTENCE_END.test(line);
}

function joinWrapped(lines: readonly string[]): string {
  let text = lines[0]!.trim();
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i]!.trim();
    if (WRAP_HYPHEN.test(text) && STARTS_LOWER.test(next)) text = text.slice(0, -1) + next;
    else text += " " + next;
  }
  return text;
}

/** Split one block of consecutive non-blank lines (first at `firstLine`) into paragraphs. */
function segmentBlock(lines: readonly string[], firstLine: number, out: RawParagraph[]): void {
  let width = 0;
  for (const l of lines) width = Math.max(width, l.trimEnd().length);
  const wrapped = lines.length > 1 && width <= WRAP_LIMIT;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    if (!last && wrapped && isSoftWrap(lines[i]!, lines[i + 1]!, width)) continue;
    out.push({
      text: joinWrapped(lines.slice(start, i + 1)),
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
  let blockStart = -1;
  for (let i = 0; i <= lines.length; i++) {
    const blank = i === lines.length || isBlank(lines[i]!);
    if (!blank && blockStart < 0) blockStart = i;
    if (blank && blockStart >= 0) {
      segmentBlock(lines.slice(blockStart, i), firstLine + blockStart, out);
      blockStart = -1;
    }
  }
  return out.filter((p) => /[\p{L}\p{N}]/u.test(p.text));
}
