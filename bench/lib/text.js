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
  toward: "towards", afterward: "afterwards", percent: "per cent", gotten: "got", organization: "organisation",
  organizations: "organisations", realize: "realise", realized: "realised", recognize: "recognise",
  recognized: "recognised", civilization: "civilisation", criticize: "criticise", criticized: "criticised",
  emphasize: "emphasise", emphasized: "emphasised", authorized: "authorised", characterized: "characterised",
});

/** Contractions an editor spells out. */
export const CONTRACTIONS = /** @type {Record<string, string>} */ ({
  "didn't": "did not", "don't": "do not", "doesn't": "does not", "isn't": "is not", "wasn't": "was not",
  "weren't": "were not", "can't": "cannot", "couldn't": "could not", "wouldn't": "would not", "won't": "will not",
  "shouldn't": "should not", "haven't": "have not", "hasn't": "has not", "hadn't": "had not", "aren't": "are not",
  "it's": "it is", "that's": "that is", "i'm": "I am", "i've": "I have", "i'll": "I will", "i'd": "I would",
  "we're": "we are", "they're": "they are", "you're": "you are", "he's": "he is", "she's": "she is",
  "there's": "there is", "let's": "let us", "we'll": "we will", "you'll": "you will", "they'll": "they will",
  "he'd": "he would", "she'd": "she would", "they'd": "they would", "we've": "we have", "you've": "you have",
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
  while: "whilst", among: "amongst", until: "till", everyone: "everybody", everybody: "everyone",
  anyone: "anybody", someone: "somebody", somebody: "someone", nobody: "no one", very: "really",
  sometimes: "at times", upon: "on", shall: "will", afraid: "scared", scared: "afraid", stupid: "foolish",
  silly: "foolish", look: "glance", looked: "glanced", walked: "strolled", ran: "rushed", shouted: "yelled",
  yelled: "shouted", asked: "inquired", replied: "answered", answered: "replied", smiled: "grinned",
  pretty: "rather", quite: "rather", rather: "quite", maybe: "perhaps", suddenly: "abruptly", street: "road",
  road: "street", store: "shop", stores: "shops", woman: "lady", girl: "lass", boy: "lad", friend: "companion",
  moment: "instant", minute: "moment", idea: "notion", kind: "sort", sort: "kind", huge: "enormous",
  enormous: "huge", tiny: "minute", strange: "odd", odd: "strange", beautiful: "lovely", lovely: "beautiful",
  finally: "at last", later: "afterwards", yet: "still", therefore: "thus", thus: "therefore",
  increase: "rise", increased: "rose", decrease: "fall", government: "administration", president: "chief executive",
  company: "firm", companies: "firms", firm: "company", member: "participant", members: "participants",
  meeting: "session", plan: "scheme", plans: "schemes", church: "chapel", doctor: "physician", money: "funds",
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
 * Edit a copy, about one change per 15-25 words: British spellings,
 * spelled-out contractions and "Mr" without a full stop (house style),
 * a corrected name, synonym swaps, and a few typos (about a quarter of the
 * changes). Merges or splits a paragraph now and then. Mutates `paras`.
 * When a text offers too little to change, it gets fewer changes.
 * @param {Para[]} paras
 * @param {Rng} rng
 * @returns {{ changes: number, words: number, typos: number }}
 */
export function editParas(paras, rng) {
  let words = 0;
  mapWords(paras, (w) => {
    words++;
    return w;
  });
  const target = Math.max(2, Math.round(words / rng.range(15, 25)));
  const typoBudget = Math.max(1, Math.round(target * 0.25));
  const room = target - typoBudget; // for the changes other than typos
  let changes = 0;
  /**
   * Apply `repl` to eligible words, with the probability that spends the
   * rest of the room (all of them when there is room enough).
   * @param {(w: string) => string|null} repl
   */
  const spend = (repl) => {
    let eligible = 0;
    mapWords(paras, (w) => {
      if (repl(w) !== null) eligible++;
      return w;
    });
    if (!eligible || changes >= room) return;
    const p = Math.min(1, (room - changes) / eligible);
    mapWords(paras, (w) => {
      if (changes >= room) return w;
      const r = repl(w);
      if (r !== null && rng.chance(p)) {
        changes++;
        return r;
      }
      return w;
    });
  };
  /** @param {string} w */
  const spelling = (w) => {
    const v = SPELLING[w.toLowerCase()];
    return v ? matchCase(w, v) : null;
  };
  /** @param {string} w */
  const contraction = (w) => {
    const v = CONTRACTIONS[w.toLowerCase().replace(/\u2019/g, "'")];
    return v ? matchCase(w, v) : null;
  };
  // 1. house style, in a random order: spellings, contractions, "Mr".
  for (const step of rng.shuffle(["spelling", "contraction", "mr"])) {
    if (step === "spelling") spend(spelling);
    else if (step === "contraction") {
      if (rng.chance(0.6)) spend(contraction);
    } else if (rng.chance(0.5)) {
      for (const p of paras) {
        p.sents = p.sents.map((x) =>
          x.replace(/\b(Mr|Mrs|Dr)\./g, (m, t) => {
            if (changes >= room) return m;
            changes++;
            return t;
          }),
        );
      }
    }
  }
  // 2. a name corrected.
  if (changes < room && rng.chance(0.7)) {
    const r = correctName(paras, rng);
    if (r) changes += r.count;
  }
  // 3. synonyms for the rest.
  spend((w) => {
    const lw = w.toLowerCase();
    return Object.hasOwn(SYNONYMS, lw) ? matchCase(w, /** @type {string} */ (SYNONYMS[lw])) : null;
  });
  // 4. a few typos.
  const wantTypos = Math.max(1, Math.min(typoBudget, target - changes));
  const pTypo = Math.min(1, (wantTypos * 1.5) / Math.max(1, words * 0.45));
  let typos = 0;
  mapWords(paras, (w) => {
    if (typos < wantTypos && w.length >= 5 && /^[a-z]+$/.test(w) && rng.chance(pTypo)) {
      typos++;
      return typo(w, rng);
    }
    return w;
  });
  changes += typos;
  // 5. paragraph structure: merge two, or split one.
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
  return { changes, words, typos };
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
  if (endIdx >= 0) {
    const dropped = s.slice(start, endIdx);
    if (/[\u201c\u201d"()]/.test(dropped) || dropped.split(" ").length < 3) return null;
    return head + s.slice(endIdx);
  }
  // drop the trailing clause, keep the end mark (and a closing quote).
  const m = /([.?!][\u201d"')]*)$/.exec(s);
  const tail = m ? m[1] : ".";
  const dropped = s.slice(start, s.length - (m ? m[0].length : 0));
  if (dropped.split(" ").length < 3 || /[\u201c\u201d"()]/.test(dropped)) return null;
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
