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
  const out = new Uint32Array(Math.ceil(text.length / 2) + 1);
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
      h ^= c >= 65 && c <= 90 ? c + 32 : c;
      h = Math.imul(h, 0x01000193);
    } else if (k === 0) {
      if (inToken) {
        out[n++] = fmix32(h);
        inToken = false;
      }
    } else {
      return slowTokenHashes(text);
    }
  }
  if (inToken) out[n++] = fmix32(h);
  return out.slice(0, n);
}

function slowTokenHashes(text: string): Uint32Array {
  const { words } = tokenize(text);
  const out = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = hashString(words[i]!);
  return out;
}
