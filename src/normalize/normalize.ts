/**
 * Normalisation: fold away what two copies of one sentence differ by but a reader
 * would not see (Unicode compatibility forms, case, curly vs straight quotes,
 * dashes, non-breaking and other spaces), and cut the text into word tokens.
 *
 * Tokens are found in the *original* text and normalised one by one, so every
 * token keeps its `[start, end)` offsets (UTF-16 code units) into the original:
 * reports and diffs can point back at what the file says.
 *
 * Punctuation (quotes, dashes, apostrophes, hyphens) separates tokens and is
 * never part of one, which is what makes `IOM’s`/`IOM's` and `—`/`--` equal.
 * Invisible characters inside a word (soft hyphen, zero-width space, word
 * joiner, BOM) are dropped: a reader sees one word.
 * Scripts written without spaces between words (Han, Kana, Thai, Lao, Khmer,
 * Myanmar) give one token per character, so their shingles are character
 * n-grams: the usual unit for text reuse in those scripts.
 */

import { CHAR_CLASS, isSimpleText } from "./char-class.js";

const NO_SPACE_SCRIPTS = "\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}";
/** Soft hyphen, zero-width space, word joiner, BOM: invisible inside a word. */
const INVISIBLE = "\\u00AD\\u200B\\u2060\\uFEFF";
const INVISIBLE_RE = /[\u00AD\u200B\u2060\uFEFF]/g;

/** One character of a script without word spaces, or a run of letters, marks and digits. */
const TOKEN = new RegExp(
  `[${NO_SPACE_SCRIPTS}]|(?:(?![${NO_SPACE_SCRIPTS}])[\\p{L}\\p{N}\\p{M}])(?:(?![${NO_SPACE_SCRIPTS}])[\\p{L}\\p{N}\\p{M}${INVISIBLE}])*`,
  "gu",
);

/** The same pattern for re-splitting one token: `TOKEN`'s lastIndex drives the outer loop. */
const TOKEN_PART = new RegExp(TOKEN.source, "gu");

const ASCII_ONLY = /^[\x00-\x7f]*$/;


/** Normalise one token: NFKC, then lower case (ASCII fast path: most tokens). */
export function normalizeToken(token: string): string {
  if (ASCII_ONLY.test(token)) return token.toLowerCase();
  // Lower-casing can leave a string that NFKC would change again (e.g. "İ"), so
  // normalise on both sides of it: the result is a fixed point.
  return token.normalize("NFKC").toLowerCase().normalize("NFKC");
}

export interface Tokens {
  /** Normalised tokens. */
  readonly words: string[];
  /** `[start, end)` of each token in the original text, interleaved: s0, e0, s1, e1, … */
  readonly offsets: Uint32Array;
}

/** Cut `text` into normalised word tokens with offsets into `text`. */
export function tokenize(text: string): Tokens {
  return isSimpleText(text) ? tokenizeSimple(text) : tokenizeFull(text);
}

/** The fast path: ASCII letters and digits are the only word characters. */
function tokenizeSimple(text: string): Tokens {
  const words: string[] = [];
  const spans: number[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && CHAR_CLASS[text.charCodeAt(i)] === 1;
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push(text.slice(start, i).toLowerCase());
      spans.push(start, i);
      start = -1;
    }
  }
  return { words, offsets: Uint32Array.from(spans) };
}

function tokenizeFull(text: string): Tokens {
  const words: string[] = [];
  const spans: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    // NFKC can turn one token into several (e.g. "ａｂ" is fine, but "½" → "1⁄2"):
    // re-split the normalised form so the token alphabet stays closed.
    const token = m[0];
    if (ASCII_ONLY.test(token)) {
      words.push(token.toLowerCase());
      spans.push(m.index, m.index + token.length);
    } else {
      const folded = normalizeToken(token.replace(INVISIBLE_RE, ""));
      for (const part of folded.match(TOKEN_PART) ?? []) {
        words.push(part);
        spans.push(m.index, m.index + token.length);
      }
    }
  }
  return { words, offsets: Uint32Array.from(spans) };
}

/**
 * The normalised form of a whole text: its tokens joined by single spaces.
 * Two texts a reader cannot tell apart have the same normalised form, and
 * normalising a normalised form changes nothing (idempotence, tested).
 */
export function normalizeText(text: string): string {
  return tokenize(text).words.join(" ");
}

/** Internals for tests: the full tokenizer, which the fast path must agree with. */
export const __testing__ = { tokenizeFull };
