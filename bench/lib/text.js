// Text transforms used to plant copies: house styles, edits, abridgement,
// re-typesetting. Everything takes an Rng so that output is deterministic.

/** @typedef {import("./prng.js").Rng} Rng */

/**
 * A paragraph of an article: the source paragraph indices it carries (one,
 * or several after a merge) and its sentences.
 * @typedef {{ src: number[], sents: string[] }} Para
 */

/** @param {Para[]} paras @returns {Para[]} deep copy */
export function cloneParas(paras) {
  return paras.map((p) => ({ src: p.src.slice(), sents: p.sents.slice() }));
}

// ---------------------------------------------------------------- styles

/**
 * Curly quotes and em dashes to straight quotes and " -- ".
 * @param {string} s
 */
export function toStraight(s) {
  return s
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s*\u2014\s*/g, " -- ");
}

/**
 * Straight quotes to curly (a simple smart-quotes pass).
 * @param {string} s
 */
export function curlyQuotes(s) {
  return s
    .replace(/(^|[\s([{\u2014\u00a0-])"/g, "$1\u201c")
    .replace(/"/g, "\u201d")
    .replace(/([A-Za-z0-9.,!?])'/g, "$1\u2019")
    .replace(/'/g, "\u2018");
}

/** @param {string} s */
export function straightQuotes(s) {
  return s.replace(/[\u201c\u201d\u201e]/g, '"').replace(/[\u2018\u2019]/g, "'");
}

/** @param {string} s */
export function hasCurly(s) {
  return /[\u201c\u201d\u2018\u2019]/.test(s);
}

/** Em dash <-> " -- ". @param {string} s */
export function flipDashes(s) {
  if (s.includes("\u2014")) return s.replace(/\s*\u2014\s*/g, " -- ");
  return s.replace(/\s+--\s+|--/g, "\u2014");
}

/**
 * Replace some spaces with NO-BREAK SPACE (after short words and between a
 * number and the next word, as word processors do).
 * @param {string} s
 * @param {Rng} rng
 * @param {number} p
 */
export function sprinkleNbsp(s, rng, p) {
  return s.replace(/(\b(?:[A-Za-z]{1,3}|\d+)) (?=\S)/g, (m, w) => (rng.chance(p) ? w + "\u00a0" : m));
}

/**
 * Hard-wrap one line at `width` columns (breaks at ASCII spaces only).
 * @param {string} line
 * @param {number} width
 * @returns {string}
 */
export function wrapLine(line, width) {
  if (line.length <= width) return line;
  const words = line.split(" ");
  /** @type {string[]} */
  const out = [];
  let cur = "";
  for (const w of words) {
    if (cur === "") cur = w;
    else if (cur.length + 1 + w.length <= width) cur += " " + w;
    else {
      out.push(cur);
      cur = w;
    }
  }
  if (cur) out.push(cur);
  return out.join("\n");
}

// ---------------------------------------------------------------- edits

/** American -> British spellings (Brown is American English). */
export const SPELLING = /** @type {Record<string, string>} */ ({
  labor: "labour", labors: "labours", labored: "laboured", color: "colour", colors: "colours", colored: "coloured",
  favor: "favour", favors: "favours", favored: "favoured", favorable: "favourable", favorite: "favourite",
  honor: "honour", honors: "honours", honored: "honoured", neighbor: "neighbour", neighbors: "neighbours",
  neighborhood: "neighbourhood", behavior: "behaviour", harbor: "harbour", rumor: "rumour", rumors: "rumours",
  humor: "humour", vigor: "vigour", endeavor: "endeavour", endeavors: "endeavours", odor: "odour", armor: "armour",
  center: "centre", centers: "centres", centered: "centred", theater: "theatre", theaters: "theatres",
  defense: "defence", offense: "offence", program: "programme", programs: "programmes", gray: "grey",
  traveling: "travelling", traveled: "travelled", traveler: "traveller", travelers: "travellers",
  catalog: "catalogue", license: "licence", fiber: "fibre", liter: "litre", meter: "metre", meters: "metres",
  jewelry: "jewellery", pajamas: "pyjamas", plow: "plough", skeptical: "sceptical", aluminum: "aluminium",
  check: "cheque", tire: "tyre", tires: "tyres", curb: "kerb", mold: "mould", analyze: "analyse", analyzed: "analysed",
  paralyze: "paralyse", marvelous: "marvellous", counselor: "counsellor", jail: "gaol",
});

/** Synonym swaps an editor might make (both directions where safe). */
export const SYNONYMS = /** @type {Record<string, string>} */ ({
  said: "stated", says: "states", large: "big", big: "large", many: "numerous", began: "started", begin: "start",
  started: "began", important: "significant", often: "frequently", frequently: "often", quickly: "rapidly",
  rapidly: "quickly", buy: "purchase", bought: "purchased", children: "kids", however: "nevertheless",
  because: "since", although: "though", nearly: "almost", almost: "nearly", perhaps: "maybe", whole: "entire",
  entire: "whole", difficult: "hard", rich: "wealthy", wealthy: "rich", happy: "glad", glad: "happy",
  automobile: "car", region: "area", problem: "issue", problems: "issues", town: "city", quick: "fast",
  tried: "attempted", try: "attempt", help: "assist", helped: "assisted", told: "informed", answer: "reply",
  main: "principal", shown: "demonstrated", showed: "demonstrated", speak: "talk", spoke: "talked",
  small: "little", house: "home", job: "position", jobs: "positions",
  area: "region", areas: "regions", seemed: "appeared", seems: "appears", usually: "generally", leaders: "officials", officials: "authorities", near: "close to", soon: "shortly",
  receive: "get", received: "got", allow: "permit", allowed: "permitted", purpose: "aim", goal: "aim", student: "pupil", students: "pupils",
  expensive: "costly", cheap: "inexpensive", fight: "battle", fought: "battled", building: "structure",
});

/**
 * Apply `fn` to every maximal run of letters (with inner apostrophes) in the
 * paragraphs' sentences.
 * @param {Para[]} paras
 * @param {(word: string, prevChar: string) => string} fn
 */
export function mapWords(paras, fn) {
  for (const p of paras) {
    for (let i = 0; i < p.sents.length; i++) {
      p.sents[i] = /** @type {string} */ (p.sents[i]).replace(/[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g, (w, off, str) =>
        fn(w, off >= 2 ? str.charAt(off - 2) : "^"),
      );
    }
  }
}

/** Keep the capitalisation pattern of `model` on `word`. */
function matchCase(/** @type {string} */ model, /** @type {string} */ word) {
  if (model === model.toUpperCase() && model.length > 1) return word.toUpperCase();
  if (model.charAt(0) === model.charAt(0).toUpperCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

/**
 * One typo in a word of >= 5 letters: swap, drop or double a letter.
 * @param {string} w
 * @param {Rng} rng
 */
export function typo(w, rng) {
  const i = rng.range(1, w.length - 3);
  switch (rng.int(3)) {
    case 0: return w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
    case 1: return w.slice(0, i) + w.slice(i + 1);
    default: return w.slice(0, i + 1) + w.charAt(i) + w.slice(i + 1);
  }
}

/**
 * Correct (alter) a proper name everywhere it occurs: undouble a double
 * letter, or change one vowel. Returns the name changed, or null.
 * @param {Para[]} paras
 * @param {Rng} rng
 * @returns {{ from: string, to: string, count: number } | null}
 */
export function correctName(paras, rng) {
  /** @type {Map<string, number>} */
  const names = new Map();
  mapWords(paras, (w, prev) => {
    if (/^[A-Z][a-z]{4,}$/.test(w) && /[a-z,]/.test(prev)) names.set(w, (names.get(w) ?? 0) + 1);
    return w;
  });
  const cands = [...names.keys()].sort();
  if (!cands.length) return null;
  const from = rng.pick(cands);
  let to;
  const dbl = /([a-z])\1/.exec(from);
  if (dbl) to = from.slice(0, dbl.index) + from.slice(dbl.index + 1);
  else {
    const vowels = [...from.slice(1)].map((c, i) => ("aeiou".includes(c) ? i + 1 : -1)).filter((i) => i > 0);
    if (!vowels.length) return null;
    const i = rng.pick(vowels);
    const c = from.charAt(i);
    const repl = c === "e" ? "a" : c === "a" ? "e" : c === "o" ? "u" : c === "i" ? "y" : "o";
    to = from.slice(0, i) + repl + from.slice(i + 1);
  }
  let count = 0;
  mapWords(paras, (w) => {
    if (w === from) {
      count++;
      return to;
    }
    return w;
  });
  return { from, to, count };
}

/**
 * Edit a copy: British spellings, a corrected name, synonym swaps and a few
 * typos, about one change per `every` words. Merges or splits a paragraph
 * now and then. Mutates and returns `paras`.
 * @param {Para[]} paras
 * @param {Rng} rng
 * @returns {{ changes: number, words: number }}
 */
export function editParas(paras, rng) {
  let words = 0;
  mapWords(paras, (w) => {
    words++;
    return w;
  });
  const every = rng.range(15, 25);
  const target = Math.max(2, Math.round(words / every));
  let changes = 0;
  // 1. spelling variants, all of them (an editor applies a house style).
  mapWords(paras, (w) => {
    const lw = w.toLowerCase();
    const v = SPELLING[lw];
    if (v && changes < target) {
      changes++;
      return matchCase(w, v);
    }
    return w;
  });
  // 2. a name corrected.
  if (rng.chance(0.7)) {
    const r = correctName(paras, rng);
    if (r) changes += r.count;
  }
  // 3. a few typos.
  const typos = rng.range(1, 3);
  // 4. synonyms for the rest.
  let eligible = 0;
  mapWords(paras, (w) => {
    if (Object.hasOwn(SYNONYMS, w.toLowerCase())) eligible++;
    return w;
  });
  const wantSyn = Math.max(0, target - changes - typos);
  const pSyn = eligible ? Math.min(1, wantSyn / eligible) : 0;
  mapWords(paras, (w) => {
    const lw = w.toLowerCase();
    if (Object.hasOwn(SYNONYMS, lw) && rng.chance(pSyn)) {
      changes++;
      return matchCase(w, /** @type {string} */ (SYNONYMS[lw]));
    }
    return w;
  });
  // 5. typos (more when there was not enough to swap).
  const wantTypos = Math.max(typos, target - changes);
  const pTypo = Math.min(1, wantTypos / Math.max(1, words * 0.45));
  let made = 0;
  mapWords(paras, (w) => {
    if (made < wantTypos && w.length >= 5 && /^[a-z]+$/.test(w) && rng.chance(pTypo)) {
      made++;
      return typo(w, rng);
    }
    return w;
  });
  changes += made;
  // 6. paragraph structure: merge two, or split one.
  if (paras.length > 3 && rng.chance(0.25)) {
    const i = rng.int(paras.length - 1);
    const a = /** @type {Para} */ (paras[i]);
    const b = /** @type {Para} */ (paras[i + 1]);
    paras.splice(i, 2, { src: [...a.src, ...b.src], sents: [...a.sents, ...b.sents] });
  } else if (rng.chance(0.2)) {
    const i = rng.int(paras.length);
    const p = /** @type {Para} */ (paras[i]);
    if (p.sents.length >= 4) {
      const k = rng.range(2, p.sents.length - 2);
      paras.splice(i, 1, { src: p.src.slice(), sents: p.sents.slice(0, k) }, { src: p.src.slice(), sents: p.sents.slice(k) });
    }
  }
  return { changes, words };
}

/**
 * Shorten a sentence: drop a clause between commas (or after the last
 * comma). Returns null when the sentence has no droppable clause.
 * @param {string} s
 * @param {Rng} rng
 */
export function dropClause(s, rng) {
  const commas = [];
  for (let i = 0; i < s.length; i++) if (s[i] === ",") commas.push(i);
  if (!commas.length) return null;
  const k = rng.int(commas.length);
  const start = /** @type {number} */ (commas[k]);
  const endIdx = k + 1 < commas.length ? /** @type {number} */ (commas[k + 1]) : -1;
  const head = s.slice(0, start);
  if (head.split(" ").length < 3) return null;
  if (endIdx >= 0) return head + s.slice(endIdx);
  // drop the trailing clause, keep the end mark (and a closing quote).
  const m = /([.?!][\u201d"')]*)$/.exec(s);
  const tail = m ? m[1] : ".";
  const dropped = s.slice(start, s.length - (m ? m[0].length : 0));
  if (dropped.split(" ").length < 3 || /[\u201c"(]/.test(dropped)) return null;
  return head + tail;
}

/**
 * Abridge: drop paragraphs (keep 45-80 %, at least 2, always the first),
 * shorten some sentences. Mutates a copy; returns it.
 * @param {Para[]} paras
 * @param {Rng} rng
 * @returns {Para[]}
 */
export function abridgeParas(paras, rng) {
  const n = paras.length;
  const keepN = Math.max(2, Math.min(n - 1, Math.round(n * (0.45 + rng.next() * 0.35))));
  const idx = [0, ...rng.sample([...Array(n).keys()].slice(1), keepN - 1)].sort((a, b) => a - b);
  const out = idx.map((i) => {
    const p = /** @type {Para} */ (paras[i]);
    return { src: p.src.slice(), sents: p.sents.slice() };
  });
  for (const p of out) {
    if (!rng.chance(0.5)) continue;
    if (p.sents.length >= 3 && rng.chance(0.4)) {
      p.sents.pop();
      continue;
    }
    const order = rng.shuffle([...p.sents.keys()]);
    for (const si of order) {
      const r = dropClause(/** @type {string} */ (p.sents[si]), rng);
      if (r) {
        p.sents[si] = r;
        break;
      }
    }
  }
  return out;
}
