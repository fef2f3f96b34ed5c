/**
 * Trace: provenance inside each family — the likely origin, and a tree of
 * parent → child edges, each with its evidence and a confidence.
 *
 * Every verified pair of the family gives two candidate edges, u → v and
 * v → u, weighted by the pair's similarity (a copy's parent is the witness it
 * is closest to, which is what places a copy of a copy under the copy) plus the
 * signed evidence of evidence.ts. The tree is the maximum-weight spanning
 * arborescence (Chu–Liu/Edmonds) for each possible origin; the origin is the
 * root whose best tree weighs most, and its confidence is that tree's share of
 * a softmax over all roots' best trees. A family whose confidence is below
 * DECISION_LINE is reported as "direction undetermined".
 */
import { CHAR_CLASS } from "../normalize/char-class.js";
import { normalizeText } from "../normalize/normalize.js";
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import type { Family } from "../group/families.js";
import type { BoilerplateMask } from "../match/boilerplate.js";
import { statedDate, type DocumentPair } from "../match/document-pairs.js";
import { maxArborescence } from "./arborescence.js";
import { namesAndTargets } from "./attribution.js";
import { credits, edgeEvidence, mergeEvidence, skipEvidence, states, WEIGHTS, type Evidence, type Headline, type PairView, type Witness } from "./evidence.js";
import { edgeChanges, type EdgeChanges } from "./variants.js";
import { carriedShare, lineageOf } from "./lineage.js";
import { siteKey, type SiteRecord } from "./site-record.js";

/** Below this confidence the origin is shown as undetermined. */
export const DECISION_LINE = 0.6;
/** Softmax temperature turning tree weights into probabilities (calibrated on bench/). */
export const TEMPERATURE = 0.7;
/** Added to edges out of the origin: most copies are made from the original itself. */
export const ROOT_BONUS = 0.5;
/** Subtracted from a document as origin when it says it was taken from somewhere. */
export const COPY_CLAIM = 2;
/** Added to a document as origin when another member's credit line names it as the source. */
export const CREDITED = 0.75;
/** Subtracted from a document as origin when another member states an earlier date. */
export const LATER_DATE = 1;
/** Pairs at least this similar are copies of one reading: they testify once to the family's consensus. */
export const ONE_READING = 0.9;
/** Largest family solved exactly; larger ones use the greedy order (same weights). */
export const EXACT_LIMIT = 40;
/** Most roots grown for one family (past EXACT_LIMIT): the ones with the highest upper bounds. */
export const ROOT_LIMIT = 200;
/**
 * Platt scaling of the confidence of an edge in a family of three or more:
 * σ(EDGE_SLOPE · logit(p) + EDGE_INTERCEPT). The raw share of a softmax over
 * every document that could be the child's parent spreads over near-identical
 * siblings, so it was too low below 0.9 (edges given 0.35 right 66–74% of the
 * time) and a little high above. Fitted by log-loss on the benchmark's seed 1
 * and checked on seeds 2 and 3, which it did not see: edge calibration error
 * (ECE) 0.160 → 0.053 and 0.159 → 0.039. In a family of two the one edge's
 * confidence is the family's, which is calibrated as it is.
 */
export const EDGE_SLOPE = 0.4;
export const EDGE_INTERCEPT = 1.28;

function calibratedEdge(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return 1 / (1 + Math.exp(-(EDGE_SLOPE * Math.log(q / (1 - q)) + EDGE_INTERCEPT)));
}

/** A root whose upper bound is this far below the best total has a softmax share under e^-50. */
const PRUNE_MARGIN = 50 * TEMPERATURE;

export interface TracedEdge {
  readonly parent: number;
  readonly child: number;
  readonly confidence: number;
  readonly evidence: readonly Evidence[];
  readonly pair: number;
  readonly changes: EdgeChanges;
}

export interface Trace {
  readonly origin: number;
  readonly confidence: number;
  readonly edges: readonly TracedEdge[];
  /** Evidence about the origin itself rather than an edge (a copy claim). */
  readonly originEvidence: readonly OriginEvidence[];
}

export interface OriginEvidence {
  readonly type: "copy-claim" | "credited" | "site-record" | "later-date";
  /** Signed weight for this document being the origin. */
  readonly weight: number;
  readonly detail: string;
}



/** An added editor's intro is a paragraph or two; a longer unmatched opening is the document's own text. */
const MAX_INTRO = 0.25;

/** Words of d before its first matched paragraph (an added intro), as a share of its content; 0 past MAX_INTRO. */
function leadingShare(doc: FingerprintedDocument, mask: Uint8Array, matched: ReadonlySet<number>): number {
  let lead = 0;
  let total = 0;
  let seen = false;
  doc.paragraphs.forEach((p, i) => {
    if (mask[i]) return;
    total += p.words;
    if (matched.has(i)) seen = true;
    else if (!seen) lead += p.words;
  });
  const share = total === 0 ? 0 : lead / total;
  return share <= MAX_INTRO ? share : 0;
}

/**
 * The lower-cased text when its words are plain ASCII and lower-casing keeps
 * every word character where it was (so the lower-cased text has the same
 * tokens, lower-cased), else null.
 */
function plainLower(text: string): string | null {
  const lower = text.toLowerCase();
  // ASCII text: its word characters are ASCII letters and digits, and lower-casing maps A-Z to a-z.
  if (!NON_ASCII.test(text)) return lower;
  if (lower.length !== text.length) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Past ASCII: a word character (class 2) needs the full tokenizer; a separator must stay one.
    if (c >= 128 && (CHAR_CLASS[c] !== 0 || CHAR_CLASS[lower.charCodeAt(i)] === 1)) return null;
  }
  return lower;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Does the lower-cased plain text `lower` hold `tokens` as consecutive whole
 * tokens (maximal runs of ASCII letters and digits, anything else between them)?
 * That is ` ${normalizeText(text)} `.includes(` ${tokens.join(" ")} `), read off
 * the text without building its normalised form.
 */
function holdsTokens(lower: string, tokens: readonly string[]): boolean {
  const isWord = (i: number): boolean => i >= 0 && i < lower.length && CHAR_CLASS[lower.charCodeAt(i)] === 1;
  const first = tokens[0]!;
  if (first === "") return false;
  for (let at = lower.indexOf(first); at >= 0; at = lower.indexOf(first, at + 1)) {
    if (isWord(at - 1)) continue;
    let i = at;
    let ok = true;
    for (let k = 0; k < tokens.length && ok; k++) {
      const token = tokens[k]!;
      if (k > 0) while (i < lower.length && !isWord(i)) i++;
      ok = token !== "" && lower.startsWith(token, i) && !isWord(i + token.length);
      i += token.length;
    }
    if (ok) return true;
  }
  return false;
}

/** Longest first paragraph (in words) taken for a headline. */
const HEADLINE_WORDS = 25;

/** The document's title and its first paragraph outside the site's chrome when short: a plain-text page's first line is often the site's name. */
function headlinesOf(doc: FingerprintedDocument, mask: Uint8Array | undefined): Headline[] {
  const out: Headline[] = [];
  const add = (raw: string): void => {
    const norm = normalizeText(raw);
    if (norm !== "" && !out.some((h) => h.norm === norm)) out.push({ raw: raw.trim(), norm });
  };
  if (doc.title) add(doc.title);
  const first = doc.paragraphs.find((_, i) => !mask?.[i]);
  if (first && first.words <= HEADLINE_WORDS) add(first.text);
  return out;
}

export function witnessOf(doc: FingerprintedDocument, centrality: number, mask?: Uint8Array): Witness {
  const text = doc.paragraphs.map((p) => p.text).join("\n");
  const { names, targets } = namesAndTargets({ site: doc.site, url: doc.url, text });
  // Built on the first look-up that needs them: most names are absent from most texts.
  let lower: string | null | undefined; // the lower-cased text when its words are plain ASCII, else null
  let padded: string | undefined; // " " + normalised text + " "
  return {
    path: doc.path,
    date: doc.date,
    dateSource: doc.dateSource,
    headlines: headlinesOf(doc, mask),
    mentions: (name) => {
      // Plain ASCII text: each token of the normalised text is a lower-cased stretch
      // of the text, so a name token missing from the lower-cased text is nowhere,
      // and the name's tokens are looked for in the lower-cased text itself.
      if (lower === undefined) lower = plainLower(text);
      if (lower !== null) {
        const tokens = name.split(" ");
        for (const token of tokens) if (!lower.includes(token)) return false;
        return holdsTokens(lower, tokens);
      }
      padded ??= ` ${normalizeText(text)} `;
      return padded.includes(` ${name} `);
    },
    names,
    attributions: targets.map((t) => normalizeText(t)),
    centrality,
  };
}

/**
 * Each member's closeness to the family's consensus reading: its mean
 * similarity to the other readings, where near-identical members (similarity
 * at least ONE_READING, joined transitively) are one reading and count once,
 * and a member's own reading does not count. Witnesses are weighed, not
 * counted: a verbatim copy of a copy adds no testimony, and counting it made
 * the copy it came from look like the consensus, so like the origin.
 */
function consensusCloseness(n: number, similarTo: readonly (readonly [number, number])[][]): number[] {
  const reading = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (reading[root] !== root) root = reading[root]!;
    while (reading[i] !== root) [reading[i], i] = [root, reading[i]!]; // path compression, without recursion
    return root;
  };
  for (let i = 0; i < n; i++) for (const [j, sim] of similarTo[i]!) if (sim >= ONE_READING) reading[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
  const readingOf = Array.from({ length: n }, (_, i) => find(i));
  const size = new Array<number>(n).fill(0);
  for (const r of readingOf) size[r]!++;
  const readings = size.filter((k) => k > 0).length;
  return Array.from({ length: n }, (_, i) => {
    if (readings < 2) return 0;
    let sum = 0;
    // Sorted by member: the same sum, in the same order, on every run.
    for (const [j, sim] of [...similarTo[i]!].sort((x, y) => x[0] - y[0])) if (readingOf[j] !== readingOf[i]) sum += sim / size[readingOf[j]!]!;
    return sum / (readings - 1);
  });
}

/**
 * What tracing weighs about a family before the site record comes in: what
 * the members' witnesses say about each as the origin, and every candidate
 * edge's weight and evidence. It is
 * most of tracing's work, and the same in both passes (scan.ts traces every
 * family, builds the site record from the settled ones, then decides the
 * others again with it): the second pass starts from here.
 */
export interface FamilyEvidence {
  readonly members: readonly number[];
  readonly pairs: readonly DocumentPair[];
  readonly docs: readonly FingerprintedDocument[];
  readonly mask: BoilerplateMask;
  readonly pairAt: ReadonlyMap<number, number>;
  /**
   * Evidence about each member as the origin that the site record does not
   * change: a copy claim and a credit (`before` the record's say), a later date
   * (`after` it). The witnesses it comes from hold their texts; they are not kept.
   */
  readonly priors: readonly { readonly before: readonly OriginEvidence[]; readonly after: readonly OriginEvidence[] }[];
  readonly weight: ReadonlyMap<number, number>;
  readonly evidence: ReadonlyMap<number, Evidence[]>;
  readonly parentsOf: readonly (readonly number[])[];
  readonly childrenOf: readonly (readonly number[])[];
  /** What each edge's child changed, by `u * n + v`: worked out once, when an edge is first chosen. */
  readonly changes: Map<number, EdgeChanges>;
}

export function traceFamily(
  family: Family,
  pairs: readonly DocumentPair[],
  docs: readonly FingerprintedDocument[],
  mask: BoilerplateMask,
  sites?: SiteRecord,
  tiedHubs?: ReadonlySet<number>,
): Trace {
  return decideOrigin(familyEvidence(family, pairs, docs, mask), sites, tiedHubs);
}

export function familyEvidence(family: Family, pairs: readonly DocumentPair[], docs: readonly FingerprintedDocument[], mask: BoilerplateMask): FamilyEvidence {
  const members = family.documents;
  const n = members.length;
  const local = new Map(members.map((d, i) => [d, i]));
  const pairAt = new Map<number, number>();
  // Each member's similarities to the others, summed in member order (what a row of a
  // dense matrix gives: its zeros add nothing): the family's pairs, not its n² cells.
  const similarTo: [number, number][][] = Array.from({ length: n }, () => []);
  for (const p of family.pairs) {
    const pair = pairs[p]!;
    const i = local.get(pair.a)!;
    const j = local.get(pair.b)!;
    pairAt.set(i * n + j, p).set(j * n + i, p);
    similarTo[i]!.push([j, pair.similarity]);
    similarTo[j]!.push([i, pair.similarity]);
  }
  const centrality = consensusCloseness(n, similarTo);
  const witnesses = members.map((d, i) => witnessOf(docs[d]!, centrality[i]!, mask[d]));

  const lineage = lineageOf(members.map((d) => docs[d]!.paragraphs.filter((_, i) => !mask[d]![i])));
  /** weight.get(u * n + v): the weight of edge u → v; absent (-Infinity) where no pair joins them. */
  const weight = new Map<number, number>();
  const evidence = new Map<number, Evidence[]>();
  for (const [key, p] of pairAt) {
    const u = Math.floor(key / n);
    const v = key % n;
    const pair = pairs[p]!;
    const uIsA = members[u] === pair.a;
    const matchedU = new Set(pair.matches.map((m) => (uIsA ? m.a : m.b)));
    const matchedV = new Set(pair.matches.map((m) => (uIsA ? m.b : m.a)));
    const leadU = leadingShare(docs[members[u]!]!, mask[members[u]!]!, matchedU);
    const leadV = leadingShare(docs[members[v]!]!, mask[members[v]!]!, matchedV);
    const view: PairView = {
      coverageU: Math.min(1, (uIsA ? pair.coverageA : pair.coverageB) / Math.max(0.05, 1 - leadU)),
      coverageV: Math.min(1, (uIsA ? pair.coverageB : pair.coverageA) / Math.max(0.05, 1 - leadV)),
    };
    const ev = edgeEvidence(witnesses[u]!, witnesses[v]!, view);
    evidence.set(key, ev);
    weight.set(key, WEIGHTS.similarity * pair.similarity + ev.reduce((s, e) => s + e.weight, 0));
  }
  if (lineage) {
    // The per-triple test, second pass: it needs every pair's direction evidence.
    const direction = (u: number, v: number): number => (evidence.get(u * n + v) ?? []).reduce((s, e) => s + e.weight, 0);
    const extra = new Map<number, Evidence>();
    for (const key of evidence.keys()) {
      const u = Math.floor(key / n);
      const v = key % n;
      let best: Evidence | null = null;
      for (let x = 0; x < n; x++) {
        if (x === u || x === v) continue;
        const share = carriedShare(lineage.at(u, x, v));
        if (share === 0) continue;
        // x stands between u and v only if it is v's ancestor, not its descendant.
        const before = pairAt.has(x * n + v) ? 1 / (1 + Math.exp(-direction(x, v))) : 0.5;
        const back = carriedShare(lineage.at(u, v, x));
        const e = skipEvidence(share, back, before, docs[members[x]!]!.path);
        if (e && (!best || e.weight < best.weight)) best = e;
      }
      if (best) extra.set(key, best);
    }
    for (const [key, e] of extra) {
      evidence.set(key, mergeEvidence(evidence.get(key)!, e));
      weight.set(key, weight.get(key)! + e.weight);
    }
  }
  // Who can be whose parent, in member order.
  const parentsOf: number[][] = Array.from({ length: n }, () => []);
  const childrenOf: number[][] = Array.from({ length: n }, () => []);
  for (const key of [...weight.keys()].sort((x, y) => x - y)) {
    parentsOf[key % n]!.push(Math.floor(key / n));
    childrenOf[Math.floor(key / n)]!.push(key % n);
  }
  return { members, pairs, docs, mask, pairAt, priors: originPriors(members, docs, witnesses), weight, evidence, parentsOf, childrenOf, changes: new Map() };
}

/** FamilyEvidence.priors: what the witnesses say about each member as the origin. */
function originPriors(members: readonly number[], docs: readonly FingerprintedDocument[], witnesses: readonly Witness[]): FamilyEvidence["priors"] {
  const n = members.length;
  const creditors = witnesses.flatMap((x, c) => (x.attributions.length > 0 ? [c] : []));
  return members.map((_, r) => {
    const before: OriginEvidence[] = [];
    const after: OriginEvidence[] = [];
    if (witnesses[r]!.attributions.length > 0) {
      before.push({ type: "copy-claim", weight: -COPY_CLAIM, detail: `says it was taken from elsewhere ("${witnesses[r]!.attributions[0]}")` });
    }
    for (const c of creditors) {
      const name = c === r ? null : credits(witnesses[c]!, witnesses[r]!);
      if (name) {
        before.push({ type: "credited", weight: CREDITED, detail: `${docs[members[c]!]!.path} credits it as the source ("${name}")` });
        break;
      }
    }
    // Every other member descends from the origin: one that states an earlier date would be a copy
    // published before its source. An edge's own date evidence only weighs its two ends; this weighs
    // the whole tree's order, which a path through copies that state no date would otherwise dodge.
    if (states(witnesses[r]!)) {
      let earliest = -1;
      for (let m = 0; m < n; m++) {
        if (m === r || !states(witnesses[m]!) || witnesses[m]!.date! >= witnesses[r]!.date!) continue;
        if (earliest < 0 || witnesses[m]!.date! < witnesses[earliest]!.date!) earliest = m;
      }
      if (earliest >= 0) {
        after.push({ type: "later-date", weight: -LATER_DATE, detail: `${docs[members[earliest]!]!.path} states an earlier date (${witnesses[earliest]!.date} before ${witnesses[r]!.date})` });
      }
    }
    return { before, after };
  });
}

/**
 * The origin and tree of a family from its evidence, with the site record when
 * there is one. `tiedHubs`: documents that pairing made hubs over others on path
 * order alone (PairResult.tiedHubs).
 */
export function decideOrigin(fe: FamilyEvidence, sites?: SiteRecord, tiedHubs?: ReadonlySet<number>): Trace {
  const { members, docs, pairAt, evidence, parentsOf, childrenOf } = fe;
  const n = members.length;
  const w = (u: number, v: number): number => fe.weight.get(u * n + v) ?? -Infinity;

  // Evidence about each member as the origin: a copy claim, a credit from another member.
  const distinctSites = sites ? new Set(members.map((d) => siteKey(docs[d]!) ?? `\u0000${d}`)).size : 0;
  const priorOf = (r: number): OriginEvidence[] => {
    // Members of one site all get the same record: it only speaks between sites.
    const record = distinctSites > 1 ? sites?.evidenceFor(siteKey(docs[members[r]!]!)) : null;
    const { before, after } = fe.priors[r]!;
    return record ? [...before, { type: "site-record", ...record }, ...after] : [...before, ...after];
  };
  const priors = Array.from({ length: n }, (_, r) => priorOf(r));
  const priorWeight = priors.map((prior) => prior.reduce((s, e) => s + e.weight, 0));

  // Each root's best tree (edges out of the root get ROOT_BONUS) and its total weight.
  const totals: number[] = new Array<number>(n).fill(-Infinity);
  const trees: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
  if (n <= EXACT_LIMIT) {
    const dense = Array.from({ length: n }, () => new Array<number>(n).fill(-Infinity));
    for (const [key, x] of fe.weight) dense[Math.floor(key / n)]![key % n] = x;
    for (let r = 0; r < n; r++) {
      const wr = dense.map((row, u) => (u === r ? row.map((x) => x + ROOT_BONUS) : row));
      const parent = maxArborescence(wr, r);
      trees[r] = parent;
      totals[r] = parent ? priorWeight[r]! + parent.reduce((s, u, v) => (u < 0 ? s : s + wr[u]![v]!), 0) : -Infinity;
    }
  } else {
    // Roots in order of an upper bound on their total (each member's best incoming edge);
    // a root whose bound is PRUNE_MARGIN below the best total found has a softmax share
    // under e^-50 and is not grown. Past ROOT_LIMIT members, only the ROOT_LIMIT roots
    // with the highest bounds are tried. (Fewer for a family of many pairs, 20 past 8 million
    // edges looked at, was tried: 677 near-identical blurbs took 16 s for 200 trees. A
    // review found it raised confidences that the other roots would share: 400 undated
    // near copies 0.02 with 50 roots, 0.005 with all. Not kept.)
    const bestIn = parentsOf.map((us, v) => us.reduce((m, u) => Math.max(m, w(u, v)), -Infinity));
    const allIn = bestIn.reduce((s, x) => s + x, 0);
    const bound = bestIn.map((own, r) => {
      let b = priorWeight[r]! + allIn - own;
      for (const v of childrenOf[r]!) b += Math.max(0, w(r, v) + ROOT_BONUS - bestIn[v]!);
      return b;
    });
    const order = bound.map((_, r) => r).sort((x, y) => bound[y]! - bound[x]! || x - y);
    let top = -Infinity;
    // Each edge's weight beside its child, looked up once for all the roots (not from the map per root).
    let childWeights: Float64Array[] | undefined;
    for (let k = 0; k < order.length && k < ROOT_LIMIT; k++) {
      const r = order[k]!;
      if (bound[r]! < top - PRUNE_MARGIN) break;
      const parent = greedyTree(n, childrenOf, (childWeights ??= childrenOf.map((vs, u) => Float64Array.from(vs, (v) => w(u, v)))), r);
      trees[r] = parent;
      totals[r] = parent ? priorWeight[r]! + parent.reduce((s, u, v) => (u < 0 ? s : s + (u === r ? w(u, v) + ROOT_BONUS : w(u, v))), 0) : -Infinity;
      top = Math.max(top, totals[r]!);
    }
  }
  let origin = 0;
  for (let r = 1; r < n; r++) if (totals[r]! > totals[origin]! || (totals[r] === totals[origin] && docs[members[r]!]!.path < docs[members[origin]!]!.path)) origin = r;
  const top = totals[origin]!;
  // Over the roots grown: the upper bounds of the others are too loose to stand in for
  // their totals (a review found a dated chain of 300 versions whose clear origin, 0.99
  // over the roots grown, fell to 0 with the bounds counted).
  //
  // A hub (a group's head, a crowded paragraph's leader) is paired with every copy, and
  // its tree gains on each of those edges. When it won that place on path order alone,
  // each member paired with it only through that place (DocumentPair.viaHub) that states
  // the same date (or none) and has as much evidence as origin (credits, copy claims,
  // site record) could have been the hub, and counts as the origin's tree with its own
  // evidence: 140 undated identical copies had their head, the first by path, as origin
  // with confidence 1.00; now 1/140. A copy that credits the origin, or claims to be a
  // copy, has less, and does not count; nor does one the origin would be paired with
  // anyway, whose own tree is already counted (a review: an article that led a crowded
  // quote elsewhere lost its own copies' family to 1/5).
  const tiedTo = tiedChildren(fe, priorWeight, tiedHubs);
  // Each such member's share stands in for its own tree's, which is counted already
  // when it was grown: the larger of the two, not both (four identical copies through
  // a head gave 0.19–0.21 where pairing all with all gives 0.25).
  let tiedWeight = 0;
  for (const m of tiedTo.get(origin) ?? []) tiedWeight += Math.max(0, Math.exp((priorWeight[m]! - priorWeight[origin]!) / TEMPERATURE) - Math.exp((totals[m]! - top) / TEMPERATURE));
  const z = totals.reduce((s, t) => s + Math.exp((t - top) / TEMPERATURE), 0) + tiedWeight;
  const confidence = 1 / z;

  const parent = trees[origin]!;
  const edges: TracedEdge[] = [];
  for (let v = 0; v < n; v++) {
    const u = parent[v]!;
    if (u < 0) continue;
    // The chosen parent's share of a softmax over every document that could be v's parent,
    // and over v being u's parent instead.
    // (Members that cannot be v's parent add exp(-Infinity) = 0: only v's possible parents are summed.)
    let z = Math.exp((w(v, u) - w(u, v)) / TEMPERATURE);
    // v paired with a hub u only because u won the hub's place on path order: each other
    // copy tied with v could have had that place, and been v's parent as well (an
    // identical copy, the same date, an edge of the same weight), counted once (not
    // again when paired with v directly, below). Without them, 140 undated copies'
    // edges said 0.78 while their origin said 1/140.
    const tied = tiedTo.get(u);
    let tiedOthers = tied?.has(v) ? tied.size - 1 : 0;
    for (const q of parentsOf[v]!) {
      z += Math.exp((w(q, v) - w(u, v)) / TEMPERATURE);
      if (q !== u && tied?.has(q) === true && tiedOthers > 0) tiedOthers--;
    }
    z += tiedOthers;
    edges.push({
      parent: members[u]!,
      child: members[v]!,
      // In a family of two, the one edge's direction is the origin question itself: the
      // family's confidence, evidence about the origin (credits, site record) included.
      confidence: n > 2 ? calibratedEdge(1 / z) : confidence,
      evidence: evidence.get(u * n + v) ?? [],
      pair: pairAt.get(u * n + v)!,
      changes: changesOf(fe, u, v),
    });
  }
  return { origin: members[origin]!, confidence, edges, originEvidence: priors[origin]! };
}

/**
 * Per hub (members' index) that won its place on path order alone (`tiedHubs`), its
 * children that could have had that place: paired with it only through it
 * (DocumentPair.viaHub), stating the same date (or none), with as much evidence
 * as origin (a copy that credits the hub, or claims to be a copy, has less), and
 * not naming the hub in its text (attribution on their edge: a review's case, 140
 * copies saying "The Harbour Gazette has learned", the Gazette's page their head,
 * whose edges fell from 0.95 to 0.33 while the other copies name no one).
 */
function tiedChildren(fe: FamilyEvidence, priorWeight: readonly number[], tiedHubs: ReadonlySet<number> | undefined): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  if (!tiedHubs || tiedHubs.size === 0) return out;
  const { members, docs, pairAt, childrenOf } = fe;
  const n = members.length;
  const dateOf = (m: number): string | null => statedDate(docs[members[m]!]!);
  for (let u = 0; u < n; u++) {
    if (!tiedHubs.has(members[u]!)) continue;
    const tied = new Set<number>();
    for (const m of childrenOf[u]!) {
      if (fe.pairs[pairAt.get(u * n + m)!]!.viaHub !== true) continue;
      if (dateOf(m) !== dateOf(u) || priorWeight[m]! < priorWeight[u]!) continue;
      if (fe.evidence.get(u * n + m)?.some((e) => e.type === "attribution" && e.weight > 0)) continue;
      tied.add(m);
    }
    if (tied.size > 0) out.set(u, tied);
  }
  return out;
}

/** What the child v changed from its parent u (members' indexes), remembered across passes. */
function changesOf(fe: FamilyEvidence, u: number, v: number): EdgeChanges {
  const { members, pairs, docs, mask } = fe;
  const key = u * members.length + v;
  const known = fe.changes.get(key);
  if (known) return known;
  const pair = pairs[fe.pairAt.get(key)!]!;
  const parentIsA = pair.a === members[u];
  const parentDoc = docs[members[u]!]!;
  const childDoc = docs[members[v]!]!;
  const changes = edgeChanges({
    parent: parentDoc.paragraphs.map((p) => p.text),
    child: childDoc.paragraphs.map((p) => p.text),
    parentMask: mask[members[u]!]!,
    childMask: mask[members[v]!]!,
    matches: pair.matches.map((m): readonly [number, number] => (parentIsA ? [m.a, m.b] : [m.b, m.a])),
    parentKeys: parentDoc.paragraphs.map((p) => p.exactKey),
    childKeys: childDoc.paragraphs.map((p) => p.exactKey),
  });
  fe.changes.set(key, changes);
  return changes;
}

/**
 * For large families: grow the tree from `root`, each time attaching the
 * outside document with the heaviest edge from a document already in the tree
 * (Prim's order on directed weights; ties to the lowest index), edges out of the
 * root weighing ROOT_BONUS more. Acyclic by construction; null when some
 * document shares no pair with the rest. A heap of candidate edges keeps each
 * step to the new member's edges: O(m log m) per root, not O(n²).
 */
function greedyTree(n: number, childrenOf: readonly (readonly number[])[], childWeights: readonly ArrayLike<number>[], root: number): number[] | null {
  const parent = new Array<number>(n).fill(-1);
  const inTree = new Uint8Array(n);
  const bestFrom = new Int32Array(n).fill(-1);
  const bestWeight = new Float64Array(n).fill(-Infinity);
  const heap = new CandidateHeap();
  let added = root;
  inTree[root] = 1;
  for (let step = 1; step < n; step++) {
    const children = childrenOf[added]!;
    const weights = childWeights[added]!;
    const bonus = added === root ? ROOT_BONUS : 0;
    for (let k = 0; k < children.length; k++) {
      const v = children[k]!;
      if (inTree[v]) continue;
      const x = weights[k]! + bonus;
      if (x > bestWeight[v]!) {
        bestWeight[v] = x;
        bestFrom[v] = added;
        heap.push(x, v);
      }
    }
    let next = -1;
    while (heap.size > 0) {
      const v = heap.popNode();
      if (!inTree[v]) {
        next = v;
        break;
      }
    }
    if (next < 0) return null;
    inTree[next] = 1;
    parent[next] = bestFrom[next]!;
    added = next;
  }
  return parent;
}

/**
 * Max-heap of (weight, node), lower node first among equal weights. A node's
 * weight only rises, so its best entry comes out first; later ones find it in the tree.
 */
class CandidateHeap {
  private weights: number[] = [];
  private nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  private above(i: number, j: number): boolean {
    const a = this.weights[i]!;
    const b = this.weights[j]!;
    return a > b || (a === b && this.nodes[i]! < this.nodes[j]!);
  }

  private swap(i: number, j: number): void {
    [this.weights[i], this.weights[j]] = [this.weights[j]!, this.weights[i]!];
    [this.nodes[i], this.nodes[j]] = [this.nodes[j]!, this.nodes[i]!];
  }

  push(weight: number, node: number): void {
    this.weights.push(weight);
    this.nodes.push(node);
    for (let i = this.nodes.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.above(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }

  popNode(): number {
    const top = this.nodes[0]!;
    const lastW = this.weights.pop()!;
    const lastN = this.nodes.pop()!;
    if (this.nodes.length > 0) {
      this.weights[0] = lastW;
      this.nodes[0] = lastN;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.nodes.length && this.above(l, m)) m = l;
        if (r < this.nodes.length && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/** Internals for tests. */
export const __testing__ = { greedyTree };
