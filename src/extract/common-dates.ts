/**
 * The dateline forms most pages use, read without chrono: "July 30, 2022",
 * "30 July 2022", "2022-07-30" and "30.07.2022", alone on their line or beside
 * words without digits ("By Jane Doe | 30 July 2022", "Posted on 2022-07-30
 * by the editors").
 *
 * chrono runs every one of its parsers' regular expressions over a line, and
 * its first calls in a thread compile them: on the benchmark corpus it was 40%
 * of extraction's time in a fresh thread (about 140 of 320 ms per 5,000 files),
 * for lines whose date a single expression reads. This reader answers only where chrono's answer is certain
 * to be the same date with the same text (dates.ts then judges the line as it
 * judges chrono's results), and otherwise says nothing, so chrono is asked:
 *
 * - the line holds exactly one of these forms, with the month's full name
 *   capitalised, set off by spaces or punctuation other than . - / : _;
 * - the rest of the line has no digit, so no other date or time can join it;
 * - near the date (up to a "|", an em dash or other mark that none of chrono's
 *   patterns spans) there is no word of a relative date or range ("within",
 *   "after", "a week", "to") and no ordinal ("first"), which chrono would join
 *   to it, and the words on either side (or past a connector such as "of") hold
 *   no month or weekday name, even inside a word (chrono finds "fourthofjuly");
 * - nothing follows that chrono takes into the date's text: an upper-case
 *   abbreviation ("EST", a time zone), an era ("BC", "be"), a time of day
 *   ("p.m."); a preceding "on", which chrono's day-first reading takes in, is
 *   taken in here too;
 * - the date exists (no 31 June) and its year is in full.
 *
 * A differential test holds it to chrono on generated lines and on real ones.
 */
import type { DateOrder } from "./dates.js";

/** A date read from a line: its text as chrono would give it, and its parts. */
export interface CommonDate {
  readonly text: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTH = `(${MONTHS.join("|")})`;
// Set off from what surrounds it: not inside a word (chrono's boundaries count "_" as
// a letter), a number, or a longer date or time.
const BEFORE = String.raw`(?<![\p{L}\p{N}_./:\-])`;
const AFTER = String.raw`(?![\p{L}\p{N}_./:\-])`;
/** One alternative per form; which group matched says which form it is. */
const FORMS = new RegExp(
  [
    String.raw`${MONTH} (\d{1,2}),? (\d{4})`, // July 30, 2022
    String.raw`(\d{1,2}) ${MONTH},? (\d{4})`, // 30 July 2022
    String.raw`(\d{4})-(\d{2})-(\d{2})`, // 2022-07-30
    String.raw`(\d{1,2})\.(\d{1,2})\.(\d{4})`, // 30.07.2022
  ]
    .map((form) => `${BEFORE}(?:${form})${AFTER}`)
    .join("|"),
  "gu",
);
/** Month and weekday names and abbreviations start with these (inside words too: "fourthofjuly"). */
const NAME_INSIDE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun/i;
/**
 * Words of relative dates and ranges, which chrono joins to a date beside them,
 * and ordinal words, which it reads as days ("first – 30 July 2022" is a range
 * from the 1st).
 */
const RELATIVE =
  /sec|min|hour|day|week|month|year|decade|quarter|fortnight|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|twentieth|twenty|thirtieth|thirty|\b(?:a|an|in|to|for|from|ago|after|before|later|since|until|till|through|next|last|this|past|few|several|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i;
/**
 * Text next to a date that chrono's patterns and merges can reach: letters,
 * spaces and the few marks they allow (",", ".", "-", "–", ":", "∙", "/", brackets).
 * Anything else ("|", "—", "·") ends it.
 */
const NEAR_BEFORE = /[\p{L}\s,.\-–:∙()/]*$/u;
const NEAR_AFTER = /^[\p{L}\s,.\-–:∙()/]*/u;
/** The two words right before a date, nearest last, and the two right after it (within the near text). */
const LAST_WORDS = /(?:(\p{L}+)\P{L}+)?(\p{L}+)\P{L}*$/u;
const FIRST_WORDS = /^\P{L}*(\p{L}+)(?:\P{L}+(\p{L}+))?/u;
/**
 * Words that chrono's merges and patterns take between a date and what it
 * joins to it ("of", "at", "to", "after", …): a name one of these away from the
 * date is as near as a name beside it. "by" is none of them.
 */
const CONNECTOR = /^(?!by$)(?:\p{L}{1,3}|after|before|until|through|till)$/iu;
/** chrono's day-first reading takes a preceding "on" (after a non-word character, then up to 3 spaces) into the date's text. */
const ON_BEFORE = /(?:\W|^)(on\s{0,3})$/i;
/**
 * What chrono takes into a date's text from right after it: an upper-case time
 * zone abbreviation ("EST", ExtractTimezoneAbbrRefiner; its boundary is ASCII
 * only, so "ESTé" counts), an era ("BC", "be": its year pattern, in any case,
 * which also changes the year), or a time of day ("p.m.", "o'clock").
 */
const ZONE_AFTER = /^\s*,?\s*\(?[A-Z]{2,4}\)?(?![A-Za-z0-9_])/;
const ERA_OR_TIME_AFTER = /^\s{0,2}(?:bce?|be|ad|ce)(?![A-Za-z0-9_])|^\s*(?:o\s*'?\s*clock|[ap]\.?\s*m\b)/i;

/** The date of `line` in one of the common forms, or null: ask chrono. */
export function commonDate(line: string, order: DateOrder): CommonDate | null {
  FORMS.lastIndex = 0;
  const m = FORMS.exec(line);
  if (!m) return null;
  // Exactly one: a second date (or a time) is for chrono to sort out.
  if (FORMS.exec(line) !== null) return null;
  const before = line.slice(0, m.index);
  const after = line.slice(m.index + m[0].length);
  if (/\d/.test(before) || /\d/.test(after) || ZONE_AFTER.test(after) || ERA_OR_TIME_AFTER.test(after)) return null;
  const nearBefore = NEAR_BEFORE.exec(before)![0];
  const nearAfter = NEAR_AFTER.exec(after)![0];
  if (RELATIVE.test(nearBefore) || RELATIVE.test(nearAfter)) return null;
  const [, farBefore, nextBefore] = LAST_WORDS.exec(nearBefore) ?? [];
  const [, nextAfter, farAfter] = FIRST_WORDS.exec(nearAfter) ?? [];
  if (joinsName(nextBefore, farBefore) || joinsName(nextAfter, farAfter)) return null;
  let text = m[0];
  let year: number;
  let month: number;
  let day: number;
  if (m[1] !== undefined) [year, month, day] = [Number(m[3]), MONTHS.indexOf(m[1]) + 1, Number(m[2])];
  else if (m[4] !== undefined) {
    const on = ON_BEFORE.exec(before);
    if (on) text = on[1] + text;
    [year, month, day] = [Number(m[6]), MONTHS.indexOf(m[5]!) + 1, Number(m[4])];
  } else if (m[7] !== undefined) [year, month, day] = [Number(m[7]), Number(m[8]), Number(m[9])];
  else {
    // Dotted dates are day first (dates.ts), as chrono's day-first reading has them; month first is chrono's to read.
    if (order === "mdy") return null;
    [year, month, day] = [Number(m[12]), Number(m[11]), Number(m[10])];
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return { text, year, month, day };
}

/** Whether the word beside a date, or the one past it when that is a connector, names a month or a weekday. */
function joinsName(next: string | undefined, far: string | undefined): boolean {
  if (next === undefined) return false;
  return NAME_INSIDE.test(next) || (far !== undefined && CONNECTOR.test(next) && NAME_INSIDE.test(far));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
