/**
 * Publication dates stated in a document's text: datelines and forms such as
 * "July 30, 2022", "30 July 2020", "2022-07-30", "30.07.2020".
 *
 * Parsing is chrono-node's strict mode (formal dates only: never "Friday" or
 * "last year"), looked for near the top of the document, where datelines are.
 * A numeric date whose day and month could be swapped (03/04/2020) is taken
 * only when `--date-order` says how to read it; otherwise it is reported as
 * ambiguous and not used — a wrong date is worse than none for provenance.
 * Dotted numeric dates (12.04.2022) are day first: that is the convention
 * wherever dots are used (DIN 5008 and most of Europe); only slashed and
 * dashed ones are ambiguous.
 */
// The English locale alone: the package root loads every language (92 ms at start-up, 25 ms for English).
import * as chrono from "chrono-node/en";
import { commonDate } from "./common-dates.js";

export type DateOrder = "auto" | "dmy" | "mdy";

export interface DateFinding {
  /** ISO `YYYY-MM-DD`, or null when none was found (or only an ambiguous one). */
  readonly date: string | null;
  /** The text of an ambiguous numeric date that was passed over. */
  readonly ambiguous: string | null;
}

const monthFirst = chrono.strict;
const dayFirst = new chrono.Chrono(chrono.configuration.createConfiguration(true, true));
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
/** How far into the text datelines are looked for (and the line under way there: HEAD_LINE_SLACK). */
const HEAD_CHARS = 1200;
/**
 * A line that runs past HEAD_CHARS is read to its end when that is at most this
 * many characters further: read cut, a date can read as another ("2022-07-30"
 * cut to "2022-07-3" is 3 July), and a long line cut short can pass for a short one
 * and be given to chrono. A longer line is cut at HEAD_CHARS, as before.
 */
const HEAD_LINE_SLACK = 300;

/** The text datelines are looked for in: HEAD_CHARS, with the line under way there read to its end (HEAD_LINE_SLACK). */
function headOf(text: string): string {
  if (text.length <= HEAD_CHARS || text[HEAD_CHARS - 1] === "\n") return text.slice(0, HEAD_CHARS);
  const lf = text.indexOf("\n", HEAD_CHARS);
  // Without the "\r" of a CRLF line end, as the lines split from the rest have none.
  const end = lf < 0 ? text.length : text[lf - 1] === "\r" ? lf - 1 : lf;
  return end - HEAD_CHARS <= HEAD_LINE_SLACK ? text.slice(0, end) : text.slice(0, HEAD_CHARS);
}

const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function plausible(year: number): boolean {
  return year >= 1800 && year <= new Date().getUTCFullYear() + 1;
}

export interface LineDate {
  readonly date: string;
  /**
   * How surely the line is a dateline: "sure" for the date alone, or after
   * "By …", "Posted", "Published", or beside a "|"; "likely" for a short line
   * with a few other words ("Monday, July 30, 2022 at 10:15"), which may also be
   * a headline about a date ("On May 9 1958"); null for neither.
   */
  readonly dateline: "sure" | "likely" | null;
}

/**
 * Whether a line with a four-digit number can hold a complete date: a day and
 * a month need a month name or at least one more digit besides the year's four
 * (relative phrases such as "1000 days ago" are not dates: lineDate).
 * "Midland Courier: independent journalism since 1957" cannot, and such
 * taglines were a third of the lines chrono was given on the benchmark corpus.
 */
export function mayHoldCompleteDate(line: string): boolean {
  if (MONTH_WORD.test(line)) return true;
  let digits = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits > 4) return true;
  }
  return false;
}
// Every English month name and abbreviation chrono knows starts with one of these
// (anywhere in a word: chrono finds "fourthofjuly 2022" too).
const MONTH_WORD = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

const DATELINE_WORDS = /^\s*(?:by\b|posted\b|published\b|updated\b|date[d:]?\b|dateline\b)|[|·•]/i;
const FOUR_DIGIT_YEAR = /\b\d{4}\b/;
/** Longest line whose date, without dateline words, is taken as the publication date. */
const MAX_DATED_LINE = 100;

/**
 * Letters and digits beyond which a line cannot be a dateline: a formal date,
 * even with a weekday, a time and a range ("Wednesday, September 27, 2022 at
 * 10:15 a.m. to 11:30 a.m." has 40), and the 24 characters a likely dateline
 * may have beside it.
 */
const MAX_DATE_WORDS_AND_MORE = 100;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

function lettersAndDigits(line: string): number {
  return line.match(LETTER_OR_DIGIT)?.length ?? 0;
}

/**
 * The first complete, plausible date of one line, if any. `commonForms`: read
 * the common forms without chrono (common-dates.ts); false only to check that
 * reader against chrono.
 */
export function lineDate(line: string, first: boolean, order: DateOrder, ambiguous: { text: string | null }, commonForms = true): LineDate | null {
  // A date counts only with its year in full: a line without four digits in a row
  // cannot hold one, and most lines do not (chrono is the costliest step per file).
  if (!FOUR_DIGIT_YEAR.test(line) || !mayHoldCompleteDate(line)) return null;
  // A long line after the title is used only as a dateline (findDate passes over
  // prose): without dateline words, the date alone, or with at most 24
  // characters beside it. So a line with more letters and digits than a date
  // and 24 more can hold is prose, whatever spaces or rules pad it: not parsed.
  // A fifth of the dated lines on the benchmark corpus, and half of chrono's time.
  if (!first && line.length > MAX_DATED_LINE && !DATELINE_WORDS.test(line) && lettersAndDigits(line) > MAX_DATE_WORDS_AND_MORE) return null;
  const common = commonForms ? commonDate(line, order) : null;
  if (common) return plausible(common.year) ? judged(line, first, common.text, common.year, common.month, common.day) : null;
  for (const r of (order === "dmy" ? dayFirst : monthFirst).parse(line, REFERENCE)) {
    const s = r.start;
    if (!s.isCertain("year") || !s.isCertain("month") || !s.isCertain("day")) continue;
    // "1000 days ago", "within 1800 days": counted from the parser's fixed reference
    // date, which chrono then calls certain. Never a publication date.
    if (r.tags().has("result/relativeDate")) continue;
    // A year written in full: "in the second", "Ten Days After" and other relative
    // phrases chrono completes from its reference date are not publication dates.
    if (!FOUR_DIGIT_YEAR.test(r.text)) continue;
    const year = s.get("year")!;
    if (!plausible(year)) continue;
    let month = s.get("month")!;
    let day = s.get("day")!;
    const numeric = NUMERIC.exec(r.text.trim());
    if (numeric && order === "auto") {
      const first = Number(numeric[1]);
      const second = Number(numeric[2]);
      if (r.text.includes(".")) {
        // Dotted dates are day first.
        if (first > 31 || second > 12) continue;
        day = first;
        month = second;
      } else if (first <= 12 && second <= 12 && first !== second) {
        ambiguous.text ??= r.text.trim();
        continue;
      }
    }
    return judged(line, first, r.text, year, month, day);
  }
  return null;
}

/** The line's date, `text` in it, judged as a dateline or not by what else the line holds. */
function judged(line: string, first: boolean, text: string, year: number, month: number, day: number): LineDate {
  const rest = line.replace(text, "").trim();
  const alone = rest.replace(/[^\p{L}\p{N}]/gu, "").length === 0;
  // The first line (usually the title) is a dateline only when it is the date alone.
  const dateline = alone || (!first && DATELINE_WORDS.test(line)) ? "sure" : !first && rest.length <= 24 ? "likely" : null;
  return { date: iso(year, month, day), dateline };
}

/**
 * The publication date near the top of `text`. Each line is parsed on its own
 * (a date never spans a blank line). A sure dateline wins; else the first short
 * line that is mostly a date; else the first dated line after the title; else a
 * date in the title itself ("Statement – July 30, 2022"), since a title often
 * carries the only date a page states.
 */
export function findDate(text: string, order: DateOrder = "auto"): DateFinding {
  const ambiguous = { text: null as string | null };
  const lines = headOf(text).split(/\r?\n/).filter((l) => l.trim() !== "");
  let inTitle: string | null = null;
  let inBody: string | null = null;
  let likely: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const found = lineDate(lines[i]!, i === 0, order, ambiguous);
    if (!found) continue;
    if (found.dateline === "sure") return { date: found.date, ambiguous: null };
    // A short dated line may be a headline about a date: a sure dateline further on wins over it.
    if (found.dateline === "likely") {
      likely ??= found.date;
      continue;
    }
    if (i === 0) inTitle ??= found.date;
    // A date inside a paragraph of prose is something the text talks about ("on
    // April 7, 1923, …"), not when it was published: only short lines count.
    else if (lines[i]!.length <= MAX_DATED_LINE) inBody ??= found.date;
  }
  const date = likely ?? inBody ?? inTitle;
  return { date, ambiguous: date ? null : ambiguous.text };
}

/**
 * A date stated as metadata (front matter, HTML meta, a JSON Lines field): ISO
 * at the start of `value` (`2022-07-30T23:00-04:00` keeps the date as written,
 * in its own time zone), else a written date in it ("July 30, 2022").
 */
export function statedDate(value: string, order: DateOrder = "auto"): DateFinding {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])/.exec(value);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1800) return { date: `${iso[1]}-${iso[2]}-${iso[3]}`, ambiguous: null };
  }
  return findDate(value, order);
}
