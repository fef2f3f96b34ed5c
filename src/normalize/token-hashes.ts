/**
 * The hot path of fingerprinting: a text straight to its tokens' hashes, with
 * no token strings built. Gives exactly `hashString(w)` for every token `w` of
 * `tokenize(text).words` (a property test holds it to that): the fast path
 * lower-cases ASCII letters and hashes them as it scans; any paragraph with a
 * non-ASCII letter, digit or mark (which needs NFKC) goes through `tokenize`.
 * Non-ASCII punctuation and spaces — curly quotes, dashes, NBSP — stay on the
 * fast path: they only separate tokens.
 */
import { fmix32, hashString } from "../fingerprint/hash.js";
import { CHAR_CLASS as CLASS } from "./char-class.js";
import { tokenize } from "./normalize.js";

/** Hashes of the normalised tokens of `text`, in order. */
export function tokenHashes(text: string): Uint32Array {
  const out: TokenHashBuffer = { data: new Uint32Array(Math.ceil(text.length / 2) + 1), length: 0 };
  tokenHashesInto(text, out);
  return out.data.slice(0, out.length);
}

/** A growable array of token hashes: `data[0, length)`. Fingerprinting reuses one per thread. */
export interface TokenHashBuffer {
  data: Uint32Array;
  length: number;
}

/**
 * `tokenHashes(text)`, written into `out` (grown when too small): the
 * fingerprint loop makes no array per paragraph for its tokens.
 */
export function tokenHashesInto(text: string, out: TokenHashBuffer): void {
  // A token takes at least one character and a separator, but the last none.
  const most = (text.length >> 1) + 1;
  if (out.data.length < most) out.data = new Uint32Array(Math.max(most, out.data.length * 2));
  const data = out.data;
  let n = 0;
  let h = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = CLASS[c]!;
    if (k === 1) {
      if (!inToken) {
        h = 0x811c9dc5;
        inToken = true;
      }
      // Lower case without a branch: class 1 is ASCII letters and digits, and
      // setting bit 5 lowers A-Z and leaves a-z and 0-9 as they are.
      h ^= c | 0x20;
      h = Math.imul(h, 0x01000193);
    } else if (k === 0) {
      if (inToken) {
        data[n++] = fmix32(h);
        inToken = false;
      }
    } else {
      slowTokenHashesInto(text, out);
      return;
    }
  }
  if (inToken) data[n++] = fmix32(h);
  out.length = n;
}

function slowTokenHashesInto(text: string, out: TokenHashBuffer): void {
  const { words } = tokenize(text);
  // NFKC can make more tokens than characters ("½" is three): room for all of them.
  if (out.data.length < words.length) out.data = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out.data[i] = hashString(words[i]!);
  out.length = words.length;
}
