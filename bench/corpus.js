#!/usr/bin/env node
// Benchmark corpus generator for statdup.
//
//   node bench/corpus.js --docs 2000 --seed 1 --out DIR
//
// Writes DIR/site-NN/*.txt|*.md articles generated from the Brown corpus (an
// order-2 word Markov model per genre, the whole corpus as back-off), with
// planted republication families, and DIR/truth.json describing them. See
// bench/README.md for the corpus shape and the truth rule.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BOS, EOS, GENRES, Markov, NONE, detokenize, loadBrown, seqHash } from "./lib/brown.js";
import { DAY_MAX, DAY_MIN, FIRST_NAMES, LAST_NAMES, Names, dateline, formatDate, isoDate, makeSites } from "./lib/chrome.js";
import { Rng } from "./lib/prng.js";
import * as T from "./lib/text.js";

/** @typedef {import("./lib/text.js").Para} Para */
/** @typedef {import("./lib/chrome.js").Site} Site */

export const TRUTH_VERSION = 1;
/** Changes whenever the generator's output for a given seed changes (run.js reuses a corpus only if equal). */
export const GENERATOR = "statdup-bench-corpus/5";

/**
 * Member types of a family, as recorded in truth.json.
 * @typedef {"original"|"full"|"excerpt"|"abridged"|"edited"|"retypeset"|"copy-of-copy"|"verbatim"} MemberType
 */

/**
 * @typedef {object} Member
 * @property {string} path
 * @property {string|null} parent
 * @property {MemberType} type
 * @property {string} [transform]     for copy-of-copy: what this copy did to its parent
 * @property {string[]} [retypeset]   the re-typesetting applied (for retypeset transforms)
 * @property {{ changes: number, words: number, typos: number }} [edits] for edited transforms
 * @property {number[]} paragraphs    source paragraph indices carried
 * @property {string} site
 * @property {string|null} date       ISO date shown in the article, or null
 * @property {string|null} [attribution] the site dir named by an attribution line
 */

/**
 * @typedef {object} Family
 * @property {string} id
 * @property {"republication"|"statement"} kind
 * @property {string} origin
 * @property {number} speaker
 * @property {Member[]} members
 */

const STOP_END = new Set([
  "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "his", "her", "its",
  "their", "that", "which", "who", "is", "was", "be", "as", "but", "he", "she", "it", "they", "this", "these",
  "than", "into", "not", "no", "were", "are", "had", "has", "have", "our", "my", "your", "we", "i", "you", "been",
]);
const SMALL = new Set(["a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as", "but"]);

/**
 * Prose generator: Markov sentences with a topical bias.
 */
export class Prose {
  /**
   * @param {import("./lib/brown.js").Brown} brown
   * @param {Rng} rng
   */
  constructor(brown, rng) {
    this.brown = brown;
    this.rng = rng;
    this.global = new Markov(brown.all);
    /** @type {Record<string, Markov>} */
    this.models = {};
    for (const g of Object.keys(brown.streams)) this.models[g] = new Markov(/** @type {Int32Array} */ (brown.streams[g]));
    this.isWord = new Uint8Array(brown.words.length);
    this.isQuote = new Uint8Array(brown.words.length);
    for (let i = 2; i < brown.words.length; i++) {
      const w = /** @type {string} */ (brown.words[i]);
      this.isWord[i] = /[A-Za-z0-9]/.test(w) ? 1 : 0;
      this.isQuote[i] = w === "``" || w === "''" || w === "`" || w === "'" ? 1 : 0;
    }
    this.buf = new Int32Array(128);
    /** Probability of taking a step from the whole-corpus model. */
    this.pGlobal = 0.12;
  }

  /**
   * One raw Markov sentence into this.buf; returns its length or -1.
   * @param {Markov} model
   * @param {number} maxLen
   */
  raw(model, maxLen) {
    const rng = this.rng;
    const glob = this.global;
    const buf = this.buf;
    let a = BOS, b = BOS, n = 0;
    for (;;) {
      let m = rng.next() < this.pGlobal ? glob : model;
      let c = m.lookup(a, b);
      if (c === NONE) {
        m = glob;
        c = glob.lookup(a, b);
      }
      const w = m.sample(c, rng.next());
      if (w === EOS) return n;
      if (n >= maxLen) return -1;
      buf[n++] = w;
      a = b;
      b = w;
    }
  }

  /**
   * A sentence in the curly house style.
   * @param {string} genre
   * @param {Set<number>|null} topic token ids to favour
   * @param {{ min?: number, max?: number, k?: number, noQuotes?: boolean }} [opt]
   * @returns {{ text: string, words: number }}
   */
  sentence(genre, topic, opt = {}) {
    const min = opt.min ?? 5, max = opt.max ?? 40, k = opt.k ?? (this.rng.next() < 0.5 ? 1 : 2);
    const model = /** @type {Markov} */ (this.models[genre]);
    /** @type {Int32Array|null} */
    let best = null;
    let bestScore = -1, bestWords = 0;
    for (let attempt = 0; attempt < 60 && (best === null || attempt < k); attempt++) {
      const len = this.raw(model, max + 8);
      if (len < 0) continue;
      let words = 0, score = 0, quotes = 0;
      for (let i = 0; i < len; i++) {
        const w = /** @type {number} */ (this.buf[i]);
        words += /** @type {number} */ (this.isWord[w]);
        quotes += /** @type {number} */ (this.isQuote[w]);
        if (topic && topic.has(w)) score++;
      }
      if (words < min || words > max || (opt.noQuotes && quotes)) continue;
      if (score <= bestScore) continue;
      if (len >= 8 && this.brown.sentences.has(seqHash(this.buf, len))) continue; // a Brown sentence verbatim
      {
        best = this.buf.slice(0, len);
        bestScore = score;
        bestWords = words;
      }
    }
    if (!best) return { text: "The rest is not known.", words: 5 };
    return { text: detokenize(best, this.brown.words), words: bestWords };
  }

  /**
   * A headline made from the start of a sentence, in Title Case.
   * @param {string} genre
   * @param {Set<number>|null} topic
   */
  title(genre, topic) {
    for (let attempt = 0; ; attempt++) {
      const { text } = this.sentence(genre, topic, { min: 5, max: 30, noQuotes: true, k: 3 });
      let words = text.replace(/[.?!]$/, "").split(/\s+/);
      const cut = words.findIndex((w, i) => i >= 3 && /[,;:\u2014)(]|--/.test(w));
      if (cut >= 0) words = words.slice(0, cut + 1);
      words = words.slice(0, this.rng.range(4, 9)).map((w) => w.replace(/[,;:()\u2014]+$|^[(]+/g, ""));
      words = words.filter((w) => w && w !== "--");
      while (words.length && STOP_END.has(/** @type {string} */ (words[words.length - 1]).toLowerCase())) words.pop();
      if (words.length < 3 && attempt < 20) continue;
      return words
        .map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
        .join(" ");
    }
  }
}

/**
 * @typedef {object} Speaker
 * @property {number} index
 * @property {string} name
 * @property {string} role
 * @property {string} org      the organisation the speaker speaks for (issuer of their statements)
 * @property {string} genre
 * @property {string} file     the Brown text whose vocabulary is the topic
 * @property {Set<number>} topic
 * @property {string[]} topicWords
 * @property {string[]} signatures  signature phrases (sentences without end mark)
 * @property {number[]} home        indices of the sites the speaker usually appears on
 */

/** @param {string} s */
function slugify(s) {
  return (
    s
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .split("-")
      .slice(0, 6)
      .join("-") || "article"
  );
}

/**
 * Put a sentence (curly style, ending in . ? or !) in the speaker's mouth.
 * @param {string} s
 * @param {string} name
 * @param {string} role
 * @param {Rng} rng
 */
function quoteSentence(s, name, role, rng) {
  const body = s.replace(/[.]$/, "");
  const end = /[?!]$/.test(body) ? "" : ",";
  switch (rng.int(4)) {
    case 0: return `\u201c${body}${end}\u201d said ${name}.`;
    case 1: return `\u201c${body}${end}\u201d ${name}, ${role}, said.`;
    case 2: return `${name} said: \u201c${s}\u201d`;
    default: return `\u201c${s}\u201d`;
  }
}

/**
 * Prepare the output folder: create it, or clear a previous corpus in it.
 * Refuses to clear a folder that does not look like a corpus.
 * @param {string} dir
 */
function prepareOutDir(dir) {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    const ours = entries.every((e) => e === "truth.json" || /^(?:site|issuer)-\d+$/.test(e));
    if (!ours) throw new Error(`refusing to overwrite ${dir}: it holds files that are not a generated corpus`);
    for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

/**
 * Does this pair of family members count as a truth pair?
 * At least 1 source paragraph in common, and the common ones at least 30 %
 * of the smaller member's carried paragraphs: a whole shared paragraph that is
 * a good part of one of the two is republication, as statdup's
 * `--min-coverage 0.3` says; one paragraph among ten is not.
 * @param {number[]} a
 * @param {number[]} b
 */
export function isTruthPair(a, b) {
  const sb = new Set(b);
  let common = 0;
  for (const x of new Set(a)) if (sb.has(x)) common++;
  const smaller = Math.min(new Set(a).size, sb.size);
  return common >= 1 && common >= 0.3 * smaller;
}

/**
 * Generate the corpus.
 * @param {{ docs?: number, seed?: number|string, outDir: string, log?: (msg: string) => void }} opts
 * @returns {Promise<{ docs: number, bytes: number, families: number, pairs: number, ms: number, outDir: string }>}
 */
export async function generateCorpus({ docs = 2000, seed = 1, outDir, log = () => {} }) {
  const t0 = performance.now();
  if (!Number.isInteger(docs) || docs < 2) throw new Error("--docs must be an integer >= 2");
  outDir = resolve(outDir);
  prepareOutDir(outDir);
  const rng = new Rng(seed);
  const brown = loadBrown();
  log(`brown loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const prose = new Prose(brown, rng);
  const genres = Object.keys(prose.models).sort();
  const names = new Names(rng);
  log(`models ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ------------------------------------------------------------ sites, speakers
  const nSites = Math.max(8, Math.min(50, Math.round(docs / 40)));
  const sites = makeSites(nSites, rng, names, (g) => prose.sentence(g, null, { max: 25 }).text, genres);
  for (const s of sites) mkdirSync(join(outDir, s.dir), { recursive: true });
  const siteWeights = sites.map((s) => s.weight);
  /** @param {Set<number>} [exclude] */
  const pickSite = (exclude) => {
    for (;;) {
      const i = rng.weighted(siteWeights);
      if (!exclude || !exclude.has(i)) return i;
    }
  };

  const nSpeakers = Math.max(10, Math.min(200, Math.round(docs / 10)));
  const TITLES = ["Director General", "Chairman", "President", "Executive Director", "Secretary", "spokesperson",
    "Commissioner", "Senator", "Mayor", "Bishop", "Professor", "chief economist", "Minister"];
  const ORGS = ["Council", "Association", "Institute", "Foundation", "League", "Board", "Society", "Commission", "Alliance"];
  /** @type {Speaker[]} */
  const speakers = [];
  const genreFiles = brown.files.filter((f) => f.topic.length >= 10);
  for (let i = 0; i < nSpeakers; i++) {
    const file = rng.pick(genreFiles);
    const topicIds = file.topic;
    const topicWords = topicIds.map((id) => /** @type {string} */ (brown.words[id]));
    const name = names.next();
    const t1 = /** @type {string} */ (topicWords[rng.int(Math.min(5, topicWords.length))]);
    const org = `${rng.pick(["National", "International", "American", "Regional", "United", "World"])} ${t1.charAt(0).toUpperCase()}${t1.slice(1)} ${rng.pick(ORGS)}`;
    const role = rng.chance(0.6) ? `${rng.pick(TITLES)} of the ${org}` : rng.pick(TITLES).toLowerCase();
    const topic = new Set(topicIds);
    const signatures = Array.from({ length: rng.range(2, 4) }, () => prose.sentence(file.genre, topic, { min: 8, max: 22, noQuotes: true, k: 3 }).text);
    speakers.push({ index: i, name, role, org, genre: file.genre, file: file.name, topic, topicWords, signatures, home: [pickSite(), pickSite()] });
  }

  // ------------------------------------------------------------ plan
  /** @typedef {{ kind: "single", speaker: number, site: number, title?: string } | { kind: "family"|"statement", speaker: number, size: number }} Job */
  /** @type {Job[]} */
  const jobs = [];
  const famTarget = Math.round(docs * 0.17);
  let famDocs = 0;
  while (famDocs < famTarget) {
    const statement = rng.chance(0.1);
    let size = statement ? rng.range(3, Math.min(8, nSites)) : [2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6][rng.int(11)] ?? 2;
    size = Math.min(size, docs - famDocs, nSites);
    if (size < 2) break;
    jobs.push({ kind: statement ? "statement" : "family", speaker: rng.int(nSpeakers), size });
    famDocs += size;
  }
  for (let i = famDocs; i < docs; i++) {
    const sp = rng.int(nSpeakers);
    const home = /** @type {Speaker} */ (speakers[sp]).home;
    jobs.push({ kind: "single", speaker: sp, site: rng.chance(0.75) ? /** @type {number} */ (home[rng.int(home.length)]) : pickSite() });
  }
  rng.shuffle(jobs);
  // "Popular posts" of each site: the titles its Related posts lists draw on.
  for (const job of jobs) {
    if (job.kind !== "single") continue;
    const site = /** @type {Site} */ (sites[job.site]);
    if (site.pool.length >= 6) continue;
    const sp = /** @type {Speaker} */ (speakers[job.speaker]);
    job.title = prose.title(sp.genre, sp.topic);
    site.pool.push(job.title);
  }
  for (const s of sites) if (s.pool.length < 4) while (s.pool.length < 4) s.pool.push(prose.title(rng.pick(genres), null));

  log(`planned in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // ------------------------------------------------------------ writing
  let seq = 0;
  let bytes = 0;
  // Files are written asynchronously, at most MAX_PENDING at a time, so that
  // file-system latency overlaps with generation and memory stays bounded.
  const MAX_PENDING = 64;
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  /** @type {unknown} */
  let writeError = null;
  /** @param {string} file @param {Buffer} buf */
  const queueWrite = (file, buf) => {
    const p = writeFile(file, buf).then(
      () => void pending.delete(p),
      (e) => {
        pending.delete(p);
        writeError ??= e;
      },
    );
    pending.add(p);
  };
  const throttle = async () => {
    while (pending.size >= MAX_PENDING) await Promise.race(pending);
    if (writeError) throw writeError;
  };
  const idWidth = Math.max(6, String(docs).length);
  // File numbers are a random permutation, so that numbering says nothing of families.
  const fileNo = rng.shuffle(Array.from({ length: docs }, (_, i) => i + 1));
  /** @type {{ path: string, site: string, speaker: number|null, family: string|null, type: string|null, date: string|null }[]} */
  const documents = [];
  /** @type {Family[]} */
  const families = [];
  /** @type {{ type: "quote", path: string, source: string, sentence: string }[]} */
  const distractors = [];
  /** recent quotable sentences: { path, speaker, text } */
  /** @type {{ path: string, speaker: number, text: string }[]} */
  const quotable = [];
  let quotableNext = 0;

  /**
   * Write one file.
   * @param {Site} site
   * @param {string} ext
   * @param {string} title
   * @param {string} text
   * @param {{ speaker: number|null, family: string|null, type: string|null, date: number|null }} meta
   */
  const emit = (site, ext, title, text, meta) => {
    seq++;
    const rel = `${site.dir}/${slugify(title)}-${String(fileNo[seq - 1] ?? seq).padStart(idWidth, "0")}.${ext}`;
    const buf = Buffer.from(text, "utf8");
    queueWrite(join(outDir, rel), buf);
    bytes += buf.length;
    documents.push({ path: rel, site: site.dir, speaker: meta.speaker, family: meta.family, type: meta.type, date: meta.date === null ? null : isoDate(meta.date) });
    if (seq % 10000 === 0) log(`${seq} documents, ${(bytes / 1e6).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return rel;
  };

  /**
   * A new article by/about a speaker.
   * @param {Speaker} sp
   * @param {{ nParas?: number, title?: string }} [opt]
   * @returns {{ title: string, paras: Para[] }}
   */
  const makeArticle = (sp, opt = {}) => {
    const nParas = opt.nParas ?? rng.range(5, 12);
    /** @type {Para[]} */
    const paras = [];
    for (let p = 0; p < nParas; p++) {
      const target = rng.range(40, 120);
      /** @type {string[]} */
      const sents = [];
      let words = 0;
      let misses = 0;
      while (words < target) {
        const s = prose.sentence(sp.genre, sp.topic);
        if (words + s.words > 125 && words >= 40) {
          if (++misses > 3) break;
          continue;
        }
        sents.push(s.text);
        words += s.words;
      }
      paras.push({ src: [p], sents });
    }
    // The speaker is quoted in one to three paragraphs; often a signature phrase.
    const nQuotes = rng.range(1, 3);
    for (let q = 0; q < nQuotes; q++) {
      const text = q === 0 && rng.chance(0.6) ? rng.pick(sp.signatures) : prose.sentence(sp.genre, sp.topic, { min: 8, max: 30, noQuotes: true }).text;
      const para = /** @type {Para} */ (paras[rng.int(paras.length)]);
      para.sents.splice(rng.int(para.sents.length + 1), 0, quoteSentence(text, sp.name, sp.role, rng));
    }
    return { title: opt.title ?? prose.title(sp.genre, sp.topic), paras };
  };

  /** @param {Para[]} paras @param {"curly"|"straight"} style */
  const styleParas = (paras, style) => {
    if (style === "straight") for (const p of paras) p.sents = p.sents.map(T.toStraight);
    return paras;
  };

  /**
   * Render an article with its site's chrome.
   * @param {Site} site
   * @param {{ ext: string, title: string, author: string, day: number|null, paras: Para[], intro?: string|null,
   *   attribution?: { text: string, top: boolean }|null, layout?: { wrap?: boolean, single?: boolean, crlf?: boolean } }} d
   */
  const render = (site, d) => {
    /** @type {string[]} */
    const blocks = [];
    if (d.ext === "md") blocks.push(`# ${d.title}`);
    blocks.push(...site.header);
    if (d.ext !== "md") blocks.push(d.title);
    const dl = dateline(site, d.author, d.day);
    if (dl) blocks.push(dl);
    if (d.attribution?.top) blocks.push(d.attribution.text);
    if (d.intro) blocks.push(d.intro);
    for (const p of d.paras) blocks.push(p.sents.join(" "));
    if (d.attribution && !d.attribution.top) blocks.push(d.attribution.text);
    blocks.push(...site.footerBefore);
    const others = site.pool.filter((t) => t !== d.title);
    const related = rng.sample(others, 3);
    blocks.push([site.relatedHead, ...related.map((t) => site.bullet + t)].join("\n"));
    blocks.push(...site.footerAfter);
    return layout(blocks, d.layout);
  };

  /**
   * @param {string[]} blocks
   * @param {{ wrap?: boolean, single?: boolean, crlf?: boolean }} [lay]
   */
  const layout = (blocks, lay = {}) => {
    let b = blocks;
    if (lay.wrap) b = b.map((x) => x.split("\n").map((l) => T.wrapLine(l, 72)).join("\n"));
    let text = b.join(lay.single ? "\n" : "\n\n") + "\n";
    if (lay.crlf) text = text.replace(/\n/g, "\r\n");
    return text;
  };

  /** @param {number} day */
  // A third of copies appear the same day as their parent (issue 3's benchmark shape).
  const later = (day) => Math.min(DAY_MAX + 7, day + (rng.chance(1 / 3) ? 0 : rng.range(1, 4)));

  /**
   * The transforms of a copy.
   * @param {string} kind full|excerpt|abridged|edited|retypeset
   * @param {Para[]} parentParas
   * @returns {{ paras: Para[], layout: { wrap?: boolean, single?: boolean, crlf?: boolean }, retypeset?: string[],
   *   edits?: { changes: number, words: number, typos: number }, intro: string|null }}
   */
  const transform = (kind, parentParas) => {
    let paras = T.cloneParas(parentParas);
    /** @type {{ wrap?: boolean, single?: boolean, crlf?: boolean }} */
    const lay = {};
    /** @type {string|null} */
    let intro = null;
    /** @type {string[]|undefined} */
    let rt;
    /** @type {{ changes: number, words: number, typos: number }|undefined} */
    let edits;
    switch (kind) {
      case "full":
        break;
      case "excerpt":
        paras = paras.slice(0, Math.min(paras.length, Math.max(2, Math.ceil(paras.length / 3))));
        break;
      case "abridged":
        paras = paras.length > 2 ? T.abridgeParas(paras, rng) : paras;
        break;
      case "edited":
        edits = T.editParas(paras, rng);
        break;
      case "retypeset": {
        rt = [];
        const all = paras.map((p) => p.sents.join(" ")).join("\n");
        if (rng.chance(0.6)) rt.push("quotes");
        if (rng.chance(0.5)) rt.push("dashes");
        if (rng.chance(0.5)) rt.push("nbsp");
        const l = rng.next();
        if (l < 0.4) rt.push("wrap72");
        else if (l < 0.8) rt.push("single-newline");
        if (rng.chance(0.5)) rt.push("crlf");
        if (rt.length < 2) rt.push(rt.includes("crlf") ? "quotes" : "crlf");
        const curly = T.hasCurly(all);
        const mdash = all.includes("\u2014");
        const pN = 0.1 + rng.next() * 0.3;
        for (const p of paras) {
          p.sents = p.sents.map((s) => {
            let x = s;
            if (rt?.includes("quotes")) x = curly ? T.straightQuotes(x) : T.curlyQuotes(x);
            if (rt?.includes("dashes")) x = mdash ? x.replace(/\s*\u2014\s*/g, " -- ") : x.replace(/\s+--\s+|--/g, "\u2014");
            if (rt?.includes("nbsp")) x = T.sprinkleNbsp(x, rng, pN);
            return x;
          });
        }
        lay.wrap = rt.includes("wrap72");
        lay.single = rt.includes("single-newline");
        lay.crlf = rt.includes("crlf");
        break;
      }
      default:
        throw new Error(`unknown transform ${kind}`);
    }
    if (kind === "full" && rng.chance(0.15)) {
      intro = `Editor\u2019s note: ${prose.sentence(rng.pick(genres), null, { max: 25, noQuotes: true }).text}`;
    }
    return { paras, layout: lay, ...(rt ? { retypeset: rt } : {}), ...(edits ? { edits } : {}), intro };
  };

  /** @param {Para[]} paras */
  const carried = (paras) => [...new Set(paras.flatMap((p) => p.src))].sort((a, b) => a - b);

  const ATTRIB = [
    (/** @type {Site} */ s) => `This article was originally published by ${s.name.replace(/^The /, "")}.`,
    (/** @type {Site} */ s) => `Source: ${s.name.replace(/^The /, "")}`,
    (/** @type {Site} */ s) => `Republished with permission from ${s.name.replace(/^The /, "")}.`,
    (/** @type {Site} */ s) => `Read the full story at ${s.domain}.`,
  ];

  // Issuers' own sites (an organisation's newsroom), made on first use. They draw on
  // their own random stream, so that the rest of the corpus does not depend on them.
  const issuerRng = new Rng(`${seed}:issuers`);
  /** @type {Map<number, Site>} */
  const issuers = new Map();
  /** @param {Speaker} sp */
  const issuerSite = (sp) => {
    let site = issuers.get(sp.index);
    if (site) return site;
    const r = issuerRng;
    const domain = sp.org.toLowerCase().replace(/[^a-z]+/g, "") + r.pick([".org", ".org", ".int", ".net"]);
    const contact = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
    const year = r.range(2012, 2023);
    site = {
      index: -1, dir: `issuer-${String(issuers.size + 1).padStart(3, "0")}`, name: sp.org, domain, style: "straight",
      dateFmt: 0, datelineTpl: 0, noDate: 0, mdShare: 0, staff: [contact], weight: 0, pool: [],
      header: [`${sp.org}${r.pick([" | Newsroom", " - Press releases", "", " | Media centre"])}`,
        ["Home", "About us", r.pick(["Newsroom", "News", "Media"]), "Publications", "Contact"].join(r.pick([" | ", " · ", "  "]))],
      footerBefore: [`${r.pick(["Media contact", "For more information, contact", "Press enquiries"])}: ${contact}, ${r.pick(["press officer", "communications", "media relations"])}, ${r.pick(["press", "media", "communications"])}@${domain}`],
      footerAfter: [`${r.pick(["©", "Copyright ©"])} ${year} ${sp.org}. All rights reserved.`],
      relatedHead: "", bullet: "",
    };
    mkdirSync(join(outDir, site.dir), { recursive: true });
    issuers.set(sp.index, site);
    return site;
  };
  /** @param {Site} site @param {string[]} blocks the statement's own blocks (title, date, paragraphs) */
  const renderIssuerPage = (site, blocks) => [...site.header, ...blocks, ...site.footerBefore, ...site.footerAfter].join("\n\n") + "\n";

  let famCount = 0;
  for (const job of jobs) {
    await throttle();
    const sp = /** @type {Speaker} */ (speakers[job.speaker]);
    if (job.kind === "single") {
      const site = /** @type {Site} */ (sites[job.site]);
      const art = makeArticle(sp, job.title ? { title: job.title } : {});
      styleParas(art.paras, site.style);
      const ext = rng.chance(site.mdShare) ? "md" : "txt";
      const day = rng.chance(site.noDate) ? null : rng.range(DAY_MIN, DAY_MAX);
      // A quote of one sentence of an unrelated, earlier article.
      /** @type {{ path: string, speaker: number, text: string }|null} */
      let quoted = null;
      if (quotable.length > 50 && rng.chance(0.06)) {
        const q = rng.pick(quotable);
        if (q.speaker !== sp.index) {
          quoted = q;
          const para = /** @type {Para} */ (art.paras[rng.range(1, art.paras.length - 1)]);
          const lead = rng.pick(["As one report put it:", "Another account noted:", "It was reported elsewhere that", "One commentator wrote:"]);
          let qs = `${lead} \u201c${q.text}\u201d`;
          if (site.style === "straight") qs = T.toStraight(qs);
          para.sents.push(qs);
        }
      }
      const author = rng.chance(0.3) ? sp.name : rng.pick(site.staff);
      const text = render(site, { ext, title: art.title, author, day, paras: art.paras });
      const path = emit(site, ext, art.title, text, { speaker: sp.index, family: null, type: null, date: day });
      if (quoted) distractors.push({ type: "quote", path, source: quoted.path, sentence: quoted.text });
      rememberQuotable(path, sp.index, art.paras);
      continue;
    }

    const famId = `f${String(++famCount).padStart(5, "0")}`;
    if (job.kind === "statement") {
      const art = makeArticle(sp, { nParas: rng.range(4, 8) });
      const tw = rng.pick(sp.topicWords.slice(0, 8));
      // A statement says who issues it: the speaker's organisation is named in its title.
      const role = sp.role.includes(sp.org) ? sp.role : `${sp.role} of the ${sp.org}`;
      const title = `Statement by ${sp.name}, ${role}, on ${tw.charAt(0).toUpperCase()}${tw.slice(1)}`;
      const day = rng.chance(0.8) ? rng.range(DAY_MIN, DAY_MAX) : null;
      const style = rng.chance(0.5) ? "curly" : "straight";
      styleParas(art.paras, style);
      const blocks = [title];
      if (day !== null) blocks.push(formatDate(day, rng.int(4)));
      for (const p of art.paras) blocks.push(p.sents.join(" "));
      const text = blocks.join("\n\n") + "\n";
      const used = new Set();
      /** @type {Member[]} */
      const members = [];
      const src = carried(art.paras);
      for (let k = 0; k < job.size; k++) {
        const si = k === 0 && rng.chance(0.5) ? /** @type {number} */ (sp.home[0]) : pickSite(used);
        used.add(si);
        // The first publication is the issuer's own newsroom page, in its page frame; the
        // sites that repost it carry the statement's text alone, identical files.
        const site = k === 0 ? issuerSite(sp) : /** @type {Site} */ (sites[si]);
        const own = k === 0 ? renderIssuerPage(site, blocks) : text;
        const path = emit(site, "txt", title, own, { speaker: sp.index, family: famId, type: k === 0 ? "original" : "verbatim", date: day });
        members.push({ path, parent: k === 0 ? null : /** @type {Member} */ (members[0]).path, type: k === 0 ? "original" : "verbatim", paragraphs: src, site: site.dir, date: day === null ? null : isoDate(day) });
      }
      families.push({ id: famId, kind: "statement", origin: /** @type {Member} */ (members[0]).path, speaker: sp.index, members });
      continue;
    }

    // A republication family.
    const art = makeArticle(sp);
    const originSiteIdx = rng.chance(0.6) ? /** @type {number} */ (sp.home[0]) : pickSite();
    const originSite = /** @type {Site} */ (sites[originSiteIdx]);
    styleParas(art.paras, originSite.style);
    const used = new Set([originSiteIdx]);
    const originDay = rng.range(DAY_MIN, DAY_MAX);
    // An original states its date (95 %): it is the copies that come undated, as
    // reposted text often does (issue 3: "some copies undated").
    const originShowsDate = !rng.chance(0.05);
    const originExt = rng.chance(originSite.mdShare) ? "md" : "txt";
    const originAuthor = rng.chance(0.3) ? sp.name : rng.pick(originSite.staff);
    const originText = render(originSite, { ext: originExt, title: art.title, author: originAuthor, day: originShowsDate ? originDay : null, paras: art.paras });
    const originPath = emit(originSite, originExt, art.title, originText, { speaker: sp.index, family: famId, type: "original", date: originShowsDate ? originDay : null });
    rememberQuotable(originPath, sp.index, art.paras);
    /** @typedef {{ member: Member, paras: Para[], site: Site, day: number, title: string, author: string }} Witness */
    /** @type {Witness} */
    const origin = {
      member: { path: originPath, parent: null, type: "original", paragraphs: carried(art.paras), site: originSite.dir, date: originShowsDate ? isoDate(originDay) : null },
      paras: art.paras, site: originSite, day: originDay, title: art.title, author: originAuthor,
    };
    /** @type {Witness[]} */
    const copies = [];
    for (let k = 1; k < job.size; k++) {
      const si = pickSite(used);
      used.add(si);
      const site = /** @type {Site} */ (sites[si]);
      const ofCopy = copies.length > 0 && rng.chance(0.25);
      const parent = ofCopy ? rng.pick(copies) : origin;
      const kind = ["full", "excerpt", "abridged", "edited", "retypeset"][rng.weighted([0.25, 0.2, 0.2, 0.2, 0.15])] ?? "full";
      const tr = transform(kind, parent.paras);
      const day = later(parent.day);
      const showDate = !rng.chance(site.noDate);
      const ext = rng.chance(site.mdShare) ? "md" : "txt";
      let title = parent.title;
      if (rng.chance(0.15)) title = `${rng.pick(["REPORT:", "Opinion |", "Read:", "WATCH:", "Update:"])} ${title}`;
      const author = rng.chance(0.5) ? parent.author : rng.pick(site.staff);
      /** @type {{ text: string, top: boolean }|null} */
      let attribution = null;
      let attributedTo = null;
      if (rng.chance(kind === "excerpt" ? 0.7 : 0.3)) {
        const named = rng.chance(0.7) ? parent.site : origin.site;
        attributedTo = named.dir;
        let t = (kind === "excerpt" ? /** @type {(s: Site) => string} */ (ATTRIB[3]) : rng.pick(ATTRIB))(named);
        if (site.style === "curly") t = t.replace(/'/g, "\u2019");
        attribution = { text: t, top: rng.chance(0.3) };
      }
      const text = render(site, { ext, title, author, day: showDate ? day : null, paras: tr.paras, intro: tr.intro, attribution, layout: tr.layout });
      const type = /** @type {MemberType} */ (ofCopy ? "copy-of-copy" : kind);
      const path = emit(site, ext, title, text, { speaker: sp.index, family: famId, type, date: showDate ? day : null });
      /** @type {Member} */
      const member = {
        path, parent: parent.member.path, type,
        ...(ofCopy ? { transform: kind } : {}),
        ...(tr.retypeset ? { retypeset: tr.retypeset } : {}),
        ...(tr.edits ? { edits: tr.edits } : {}),
        paragraphs: carried(tr.paras), site: site.dir, date: showDate ? isoDate(day) : null, attribution: attributedTo,
      };
      copies.push({ member, paras: tr.paras, site, day, title, author });
    }
    families.push({ id: famId, kind: "republication", origin: originPath, speaker: sp.index, members: [origin.member, ...copies.map((c) => c.member)] });
  }

  /**
   * Keep a few sentences of a fresh article for later quote distractors.
   * @param {string} path @param {number} speaker @param {Para[]} paras
   */
  function rememberQuotable(path, speaker, paras) {
    const p = rng.pick(paras);
    const s = rng.pick(p.sents);
    if (!s || /[\u201c\u201d"]/.test(s) || s.split(" ").length < 12) return;
    const entry = { path, speaker, text: T.toStraight(s).replace(/'/g, "\u2019") };
    if (quotable.length < 512) quotable.push(entry);
    else quotable[quotableNext++ % 512] = entry;
  }

  await Promise.all(pending);
  if (writeError) throw writeError;
  log(`written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // ------------------------------------------------------------ truth
  /** @type {[string, string][]} */
  const pairs = [];
  for (const f of families) {
    for (let i = 0; i < f.members.length; i++) {
      for (let j = i + 1; j < f.members.length; j++) {
        const a = /** @type {Member} */ (f.members[i]);
        const b = /** @type {Member} */ (f.members[j]);
        if (!isTruthPair(a.paragraphs, b.paragraphs)) continue;
        pairs.push(a.path < b.path ? [a.path, b.path] : [b.path, a.path]);
      }
    }
  }
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  documents.sort((x, y) => (x.path < y.path ? -1 : 1));
  const truth = {
    version: TRUTH_VERSION,
    seed,
    docs: seq,
    bytes,
    generator: GENERATOR,
    rule: "pair = two members of one family with >= 1 source paragraph in common and common >= 30% of the smaller member's carried paragraphs",
    sites: sites.map((s) => ({ dir: s.dir, name: s.name, domain: s.domain, style: s.style })),
    speakers: speakers.map((s) => ({ index: s.index, name: s.name, genre: s.genre, topic: GENRES[/** @type {keyof typeof GENRES} */ (s.genre)], file: s.file })),
    families,
    pairs,
    distractors,
    documents,
  };
  writeFileSync(join(outDir, "truth.json"), JSON.stringify(truth, null, 1) + "\n");
  const ms = performance.now() - t0;
  return { docs: seq, bytes, families: families.length, pairs: pairs.length, ms, outDir };
}

/**
 * Parse --name value options.
 * @param {string[]} argv
 * @returns {Record<string, string|boolean>}
 */
export function parseArgs(argv) {
  /** @type {Record<string, string|boolean>} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === "--") break;
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !String(argv[i + 1]).startsWith("--")) out[a.slice(2)] = /** @type {string} */ (argv[++i]);
    else out[a.slice(2)] = true;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write("usage: node bench/corpus.js --docs N --seed S --out DIR\n");
      process.exit(0);
    }
    const docs = Number(args.docs ?? 2000);
    const seed = args.seed === undefined ? 1 : /^\d+$/.test(String(args.seed)) ? Number(args.seed) : String(args.seed);
    const outDir = String(args.out ?? `bench/out/corpus-${docs}-${seed}`);
    const r = await generateCorpus({ docs, seed, outDir, log: (m) => process.stderr.write(m + "\n") });
    process.stdout.write(
      `${r.docs} documents, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.families} families, ${r.pairs} truth pairs, ` +
        `${(r.ms / 1000).toFixed(1)} s -> ${r.outDir}\n`,
    );
  } catch (e) {
    process.stderr.write(`corpus: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}


