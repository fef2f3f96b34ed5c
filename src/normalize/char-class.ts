/**
 * A class for every UTF-16 code unit, computed once: what the tokenizer's fast
 * paths need to know without running a Unicode regular expression.
 *
 *   0  separator (spaces, punctuation, symbols — curly quotes, dashes, NBSP)
 *   1  ASCII letter or digit
 *   2  needs the full tokenizer: a non-ASCII letter, digit or mark (NFKC and
 *      case folding apply), an invisible joiner, a character of a script
 *      written without spaces, or half of a surrogate pair
 */
const NEEDS_FULL =
  /[\p{L}\p{N}\p{M}\u00AD\u200B\u2060\uFEFF\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

export const CHAR_CLASS: Uint8Array = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) CHAR_CLASS[c] = 1;
  else if (c >= 128 && (c >= 0xd800 && c <= 0xdfff ? true : NEEDS_FULL.test(String.fromCharCode(c)))) CHAR_CLASS[c] = 2;
}

/** Does `text` hold only ASCII letters and digits as word characters (the fast paths apply)? */
export function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (CHAR_CLASS[text.charCodeAt(i)] === 2) return false;
  return true;
}
