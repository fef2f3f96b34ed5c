/**
 * Plain text and Markdown to one document.
 *
 * Markdown's front matter (markdown.ts) is kept out of the body, and its
 * `title`; `date` (or `published`, `pubDate`, `date_published`); `site`,
 * `publisher`, `source` or `series`; and `canonical`, `canonical_url` or
 * `url` give the metadata. The Markdown syntax is reduced to its text, line
 * for line. A Markdown `# heading` or else the first short line gives the
 * title. Without a front-matter date, a dateline near the top of the text gives
 * it (dates.ts); a copyright line ("© 2022 Dominica News Online") gives the
 * site. Line numbers stay those of the file.
 */
import * as crypto from "node:crypto";
import type { DateSource, ExtractedDocument, RawParagraph } from "../model.js";
import { segment } from "../segment/segment.js";
import { findDate, statedDate, type DateOrder } from "./dates.js";
import { firstField, frontMatter, markdownText } from "./markdown.js";

/** A document and its paragraphs (lines in the file), with what was doubtful on the way. */
export interface Extracted {
  readonly document: ExtractedDocument;
  readonly paragraphs: RawParagraph[];
  /** Warnings about the document (bad front matter, …). */
  readonly problems?: readonly { readonly code: string; readonly message: string }[];
}

export interface ExtractInput {
  readonly path: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly dateOrder?: DateOrder;
}

// crypto.hash (Node 20.12+), one call instead of a Hash object per file; createHash before it.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: "hex") => string }).hash;

export function sha256(bytes: Uint8Array): string {
  return oneShot ? oneShot("sha256", bytes, "hex") : crypto.createHash("sha256").update(bytes).digest("hex");
}

export function firstLineTitle(body: string, markdown: boolean): string | null {
  // Line by line (\r\n, \r or \n), without splitting the whole body: the first non-blank line is near the top.
  for (let start = 0; start <= body.length; ) {
    let end = start;
    while (end < body.length && body.charCodeAt(end) !== 10 && body.charCodeAt(end) !== 13) end++;
    const line = body.slice(start, end).trim();
    start = body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (line === "") continue;
    const text = markdown ? line.replace(/^#{1,6}\s+/, "").replace(/[*_`]/g, "") : line;
    return text.length > 0 && text.length <= 200 ? text : null;
  }
  return null;
}

/** A copyright line, tried only at a line that starts with "copyright" or "©" (see copyrightHolder). */
const COPYRIGHT = /[ \t]*(?:copyright[ \t]*(?:©|\(c\))?|©)[ \t]*\d{4}(?:[ \t]*[-–][ \t]*\d{4})?[ \t,]*(?:by[ \t]+)?([A-Z][^.,|\n]{2,60}?)(?=[ \t]*(?:[.,|]|all rights|\n|$))/iy;

/** The publisher named by a copyright line, e.g. "Copyright 2012 Dominica News Online, …": the first such line. */
export function copyrightHolder(text: string): string | null {
  // Line by line, looking only at each line's first word: a search for the
  // words anywhere in the text (then checking that they start their line) was
  // the slowest regular expression of reading a file, 60 ms per 56 MB.
  for (let start = 0; start < text.length; ) {
    let i = start;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x09) c = text.charCodeAt(++i);
    if (c === 0xa9 || ((c === 0x63 || c === 0x43) && text.slice(i, i + 9).toLowerCase() === "copyright")) {
      COPYRIGHT.lastIndex = start;
      const found = COPYRIGHT.exec(text);
      if (found) return found[1]!.trim();
    }
    const end = text.indexOf("\n", i);
    if (end < 0) break;
    start = end + 1;
  }
  return null;
}

export const DATE_KEYS = ["date", "published", "pubdate", "publishdate", "date_published", "datepublished", "publish_date", "created"];
export const SITE_KEYS = ["site", "publisher", "source", "series", "site_name", "publication"];
export const URL_KEYS = ["canonical", "canonical_url", "canonicalurl", "url", "link", "permalink"];

/** Lines longer than this (characters) are worth a warning: minified data, base64, a book without line breaks. */
export const LONG_LINE = 1 << 20;

/** The first line of `text` longer than LONG_LINE: its 1-based number and length. */
export function longLine(text: string): { line: number; length: number } | null {
  if (text.length <= LONG_LINE) return null;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end - start > LONG_LINE) return { line, length: end - start };
    start = end + 1;
  }
  return null;
}

/** A plain text or Markdown file to its document. */
export function extractPlain(input: ExtractInput, markdown: boolean): Extracted {
  let body = input.text.replace(/^\ufeff/, "");
  let bodyLine = 1;
  const problems: { code: string; message: string }[] = [];
  const fm = markdown ? frontMatter(body) : null;
  const fields = fm?.fields ?? new Map<string, unknown>();
  if (fm) {
    if (fm.error) problems.push({ code: "bad-front-matter", message: `${fm.error}: its keys were not used` });
    bodyLine += fm.lines;
    body = body.slice(fm.length);
  }
  const long = longLine(input.text);
  if (long) {
    const mb = (long.length / (1 << 20)).toFixed(1);
    problems.push({ code: "long-line", message: `line ${long.line} is ${long.length} characters (${mb} MiB) long: read as one paragraph` });
  }
  if (markdown) body = markdownText(body);
  const order = input.dateOrder ?? "auto";
  const rawDate = firstField(fields, DATE_KEYS);
  const stated = rawDate ? statedDate(rawDate, order) : null;
  let date = stated?.date ?? null;
  let dateSource: DateSource | null = date ? "front-matter" : null;
  let dateAmbiguous: string | null = stated?.ambiguous ?? null;
  if (!date) {
    const found = findDate(body, order);
    date = found.date;
    dateSource = date ? "text" : null;
    dateAmbiguous = date ? null : (dateAmbiguous ?? found.ambiguous);
  }
  const document: ExtractedDocument = {
    path: input.path,
    title: firstField(fields, ["title"]) ?? firstLineTitle(body, markdown),
    date,
    dateSource,
    site: firstField(fields, SITE_KEYS) ?? copyrightHolder(body),
    url: firstField(fields, URL_KEYS),
    body,
    bodyLine,
    sha256: sha256(input.bytes),
    dateAmbiguous,
  };
  return { document, paragraphs: segment(body, bodyLine), ...(problems.length > 0 ? { problems } : {}) };
}
