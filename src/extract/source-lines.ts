/**
 * Segmentation of text that was rebuilt from a file (HTML blocks, JSON Lines
 * records): each rebuilt line knows the lines of the file it came from, and
 * the paragraphs that segment() finds in the rebuilt text are given those
 * lines. segment()'s own contract (blank lines, single-newline paragraphs,
 * wrapped lines rejoined) is untouched: this only maps its line numbers.
 */
import type { RawParagraph } from "../model.js";
import { segment } from "../segment/segment.js";

/** One line of rebuilt text ("" for a paragraph break) and where it is in the file. */
export interface SourceLine {
  readonly text: string;
  /** 1-based first and last line in the file. */
  readonly line: number;
  readonly endLine: number;
}

export interface MappedText {
  /** The rebuilt text, one SourceLine a line. */
  readonly body: string;
  readonly paragraphs: RawParagraph[];
}

/** Join `lines` into one text and segment it, with paragraph lines in the file. */
export function segmentSourceLines(lines: readonly SourceLine[]): MappedText {
  const body = lines.map((l) => l.text.replace(/\r\n|\r|\n/g, " ")).join("\n");
  const paragraphs = segment(body, 1).map((p) => ({
    text: p.text,
    line: lines[p.line - 1]?.line ?? 1,
    endLine: lines[p.endLine - 1]?.endLine ?? lines[p.line - 1]?.line ?? 1,
  }));
  return { body, paragraphs };
}
