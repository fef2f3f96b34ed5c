/**
 * TextDecoder, with Windows-1252 made right.
 *
 * Node 20's TextDecoder decodes `windows-1252` (and the labels the Encoding
 * Standard maps to it: latin1, iso-8859-1, us-ascii) as ISO-8859-1: bytes
 * 0x80-0x9F become C1 control characters instead of the “smart quotes”, dashes,
 * € and ™ that legacy web text is full of. Where the runtime has that bug, the
 * 27 characters of that range are mapped here (per the Encoding Standard's
 * index; 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay U+0081… as it says). Every other
 * encoding is ICU's, which Node builds in whole.
 */
const C1 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const BROKEN_1252 = new TextDecoder("windows-1252").decode(Uint8Array.of(0x80)) !== "\u20ac";

function windows1252(bytes: Uint8Array): string {
  const text = new TextDecoder("windows-1252").decode(bytes);
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => C1[c.charCodeAt(0) - 0x80]!) : text;
}

/**
 * Decode `bytes` in `encoding` (a canonical name, as TextDecoder#encoding
 * gives). `fatal`: throw a TypeError on bytes invalid in the encoding instead
 * of replacing them with U+FFFD. A byte order mark is not removed.
 */
export function decodeBytes(encoding: string, bytes: Uint8Array, fatal = false): string {
  if (encoding === "windows-1252" && BROKEN_1252) return windows1252(bytes);
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}
