/**
 * Document pairs: the paragraph matches between two documents, gathered from
 * the units they carry (never by looping over all pairs of documents), then
 * verified on the documents' whole non-boilerplate shingle sets.
 *
 * A pair is reported when at least one side has `minCoverage` of its text in
 * the other, and the matched paragraphs hold at least 2 × `minWords` words on
 * the smaller side: a shared title, dateline or quoted sentence alone does not
 * make two articles a republication.
 */
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import { KeyTable } from "../fingerprint/key-table.js";
import { intersectionSize, unionAll } from "../fingerprint/shingles.js";
import { RECURRING, type BoilerplateMask } from "./boilerplate.js";
import { GROUP_FROM, identicalGroups, type IdenticalGroups } from "./identical-groups.js";
import type { ParagraphEdges } from "./paragraph-matches.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/**
 * Occurrences outside boilerplate of one paragraph's text, exact or near (its
 * own and those of the paragraphs it nearly matches: its "reach"), beyond which
 * it is paired through LEADERS leaders (leaderOrder): a text carried by k
 * documents would otherwise make k²/2 pairs. Counting near variants too
 * matters: a sentence kept with each site's name in it (one newsletter blurb
 * with 60 sites' names, 20 records each) is 60 paragraphs, none crowded alone;
 * counted alone they made 715,400 pairs, and five times as many such records ran
 * out of a 4 GB heap. A near match of two paragraphs that are not crowded is
 * paired through leaders too past CROWDED × LEADERS combinations (500 copies
 * of a sentence, 500 of a longer paragraph quoting it). Not lower: leaving out
 * the pairs between copies has a price. One statement on 1,000 sites made
 * 500,000 pairs, 18 s and a report over 512 MB; with the bound at 100 it made
 * 17,543 pairs in 2.5 s, but a review found that copies whose leaders only quote
 * them then make no pair at all (a leader–copy pair can fall short of the words
 * a pair needs, and copy–copy pairs are not gathered), and that provenance leans
 * to the leaders, which are paired with every copy. Tried and set back to 1,000.
 * Identical copies are paired through one of them instead (identical-groups.ts).
 */
const CROWDED = 1000;
const LEADERS = 16;
/** Own leaders of each side of a crowded near match paired with each other (BRIDGE²), whatever leads their reaches. */
const BRIDGE = 2;
/** Documents beyond which a repeated short paragraph only supports pairs, never seeds one. */
const SHORT_CROWD = 16;

export type MatchKind = "exact" | "near" | "partial";
export type PairKind = "identical" | "near-duplicate" | "excerpt" | "shared-passage";

/** Two paragraphs, one in each document of a pair. */
export interface ParagraphMatch {
  /** Paragraph index in document a, and in b. */
  readonly a: number;
  readonly b: number;
  readonly jaccard: number;
  readonly containment: number;
  readonly kind: MatchKind;
}

export interface DocumentPair {
  /** Document ids, a < b. */
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
  readonly coverageA: number;
  readonly coverageB: number;
  readonly kind: PairKind;
  readonly matches: readonly ParagraphMatch[];
  /**
   * Made only because pairing made one of the two a hub (a group's head with its
   * member, a leader with a copy, a bridge), not by pairing every copy with every
   * other: provenance does not take a hub's pairs as evidence that it came first.
   * Not in the report.
   */
  readonly viaHub?: boolean;
}

export interface PairSettings {
  readonly minCoverage: number;
  readonly minWords: number;
  /** Reach past which a paragraph pairs through leaders only, and a near match past `crowded` × `leaders` combinations (default CROWDED; tests use fewer). */
  readonly crowded?: number;
  /** Leaders of a crowded paragraph (default LEADERS). */
  readonly leaders?: number;
  /** Identical documents from which they are paired through their head only (default GROUP_FROM: identical-groups.ts). */
  readonly groupFrom?: number;
  /** Per document, 1 when identical copies are grouped apart from it (ScanOptions.groupApart). */
  readonly apart?: Uint8Array | undefined;
}

export interface PairResult {
  readonly pairs: DocumentPair[];
  /** Document pairs that had paragraph matches and were verified. */
  readonly verified: number;
  /**
   * Documents that pairing made hubs (a group's head, a crowded paragraph's leader)
   * over some document that lost that place on path order alone (it states the same
   * date, or none, as the hub). A hub's many pairs are the pairing's doing, not
   * evidence that it came first: decideOrigin shares such an origin's confidence.
   */
  readonly tiedHubs: ReadonlySet<number>;
}

function matchKind(exact: boolean, jaccard: number): MatchKind {
  return exact ? "exact" : jaccard >= 0.5 ? "near" : "partial";
}

function pairKind(similarity: number, ca: number, cb: number): PairKind {
  if (similarity >= 0.95) return "identical";
  if (ca >= 0.8 && cb >= 0.8) return "near-duplicate";
  if (ca >= 0.8 || cb >= 0.8) return "excerpt";
  return "shared-passage";
}

/** How a gathered match came to be (GatheredMatches.source). */
const SEEDED = 0;
const HUB_MADE = 1;
const JOINED = 2;
type RecordSource = typeof SEEDED | typeof HUB_MADE | typeof JOINED;

/**
 * The paragraph matches of each document pair, gathered in columns: one record
 * per match, chained per pair in the order found. A Map from pair keys to
 * arrays of match objects cost an object per match and a boxed number per key
 * (keys pass 2^31 from 46,342 documents), most of them for pairs that then fail.
 */
class GatheredMatches {
  private readonly slotOf = new KeyTable();
  /** Per pair slot: its key (a·n + b), its first and last record. */
  readonly keys: number[] = [];
  readonly first: number[] = [];
  private readonly last: number[] = [];
  /**
   * Per pair slot, which sides' group members may be given it (pairGroupMembers):
   * 1 a's, 2 b's. A pair made through a leader goes to the members of the other
   * side's group only: a head leading a crowded paragraph meets every copy of it.
   */
  readonly carries: number[] = [];
  /**
   * Per record: paragraph in a and in b, similarities, exact or not, the pair's next
   * record (-1: none), and `source` (DocumentPair.viaHub): HUB_MADE when made only
   * because one side is a hub (a leader with a copy, a bridge, a group's head with its
   * member), SEEDED when made by pairing all copies with all or two leaders with each
   * other, JOINED for a short line joined to a pair that exists (it never makes one).
   */
  pa = new Int32Array(1024);
  pb = new Int32Array(1024);
  jaccard = new Float64Array(1024);
  containment = new Float64Array(1024);
  exact = new Uint8Array(1024);
  source = new Uint8Array(1024); // SEEDED = 0
  next = new Int32Array(1024);
  private records = 0;

  get pairs(): number {
    return this.keys.length;
  }

  /** The slot of pair `key`, made if new. */
  slot(key: number): number {
    const found = this.slotOf.getOrSet(key, this.keys.length);
    if (found >= 0) return found;
    this.keys.push(key);
    this.first.push(-1);
    this.last.push(-1);
    this.carries.push(0);
    return this.keys.length - 1;
  }

  append(slot: number, a: number, b: number, exact: boolean, jaccard: number, containment: number, source: RecordSource = SEEDED): void {
    if (this.records === this.pa.length) this.grow();
    const r = this.records++;
    this.pa[r] = a;
    this.pb[r] = b;
    this.jaccard[r] = jaccard;
    this.containment[r] = containment;
    this.exact[r] = exact ? 1 : 0;
    this.source[r] = source;
    this.next[r] = -1;
    if (this.last[slot]! < 0) this.first[slot] = r;
    else this.next[this.last[slot]!] = r;
    this.last[slot] = r;
  }

  strength(r: number): number {
    return (this.exact[r] ? 10 : 0) + this.containment[r]! + this.jaccard[r]!;
  }

  match(r: number): ParagraphMatch {
    const exact = this.exact[r] === 1;
    return { a: this.pa[r]!, b: this.pb[r]!, jaccard: this.jaccard[r]!, containment: this.containment[r]!, kind: matchKind(exact, this.jaccard[r]!) };
  }

  private grow(): void {
    const size = this.pa.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const out = new make(size);
      out.set(a);
      return out;
    };
    this.pa = grown(this.pa, Int32Array);
    this.pb = grown(this.pb, Int32Array);
    this.jaccard = grown(this.jaccard, Float64Array);
    this.containment = grown(this.containment, Float64Array);
    this.exact = grown(this.exact, Uint8Array);
    this.source = grown(this.source, Uint8Array);
    this.next = grown(this.next, Int32Array);
  }
}

export function documentPairs(
  docs: readonly FingerprintedDocument[],
  units: UniqueParagraphs,
  edges: ParagraphEdges,
  boilerplate: BoilerplateMask,
  s: PairSettings,
): PairResult {
  const n = docs.length;
  const crowded = s.crowded ?? CROWDED;
  const leaders = s.leaders ?? LEADERS;
  const gathered = new GatheredMatches();
  // Only content occurrences come here (below): boilerplate never makes a pair.
  // `to1`, `to2`: whether the members of d1's group, of d2's, may be given this pair
  // (when d1, d2 head a group of identical documents). Made through a leader, a pair
  // goes to the members of the leader's partner only, unless that partner leads too:
  // a head that leads a crowded paragraph meets every copy, and handing those pairs
  // to every member would pair each member with every copy.
  const add = (d1: number, p1: number, d2: number, p2: number, exact: boolean, jaccard: number, containment: number, to1 = true, to2 = true, full = true): void => {
    if (d1 === d2) return;
    const flip = d1 > d2;
    const slot = gathered.slot(flip ? d2 * n + d1 : d1 * n + d2);
    gathered.append(slot, flip ? p2 : p1, flip ? p1 : p2, exact, jaccard, containment, full ? SEEDED : HUB_MADE);
    const bits = (to1 ? 1 : 0) | (to2 ? 2 : 0);
    gathered.carries[slot]! |= flip ? (bits >> 1) | ((bits & 1) << 1) : bits;
  };

  // Exact copies: every pair of occurrences of one unit (recurring boilerplate
  // is flagged per unit, so its occurrences are skipped here, not paired and dropped).
  // A paragraph that is content yet crowded (its reach, its occurrences and its near
  // matches' outside boilerplate, past CROWDED) is paired with its leaders only: k
  // occurrences would otherwise make k²/2 pairs, and each document still meets the
  // text it repeats, in its likeliest origins.
  //
  // A short paragraph (a title, a dateline, a "Related posts" line) repeated in more
  // than SHORT_CROWD documents seeds no pair: it only joins the matches of pairs that
  // longer text has made (below). Seeding with it would pair every page of a site
  // that links the same article — k²/2 pairs for nothing.
  const { occStart, occDoc, occPara } = units;
  // Each unit's occurrences that are content in their documents, in order (indexes
  // into occDoc/occPara): only these are paired. A unit in the trailing chrome of
  // hundreds of pages has as many occurrences that pair with nothing, and going
  // through their pairs to turn each down was 8.2 million of the 8.3 million
  // pairings at 50,000 documents.
  // A large group of identical documents is paired through its head: its other
  // members' occurrences are left out here, and given the head's pairs below.
  let rank: Int32Array | null = null;
  const order = (): Int32Array => (rank ??= leaderOrder(docs, s.apart));
  const groups = identicalGroups(docs, units, boilerplate, order, s.groupFrom ?? GROUP_FROM, s.apart);
  const contentStart = new Int32Array(units.count + 1);
  const contentOcc = new Int32Array(occStart[units.count]!);
  // Per unit, its occurrences outside boilerplate, group members' included (what a unit's reach counts).
  const pairable = new Int32Array(units.count);
  let content = 0;
  for (let u = 0; u < units.count; u++) {
    contentStart[u] = content;
    for (let i = occStart[u]!; i < occStart[u + 1]!; i++) {
      if (boilerplate[occDoc[i]!]![occPara[i]!]) continue;
      pairable[u]!++;
      if (groups.headOf[occDoc[i]!]! < 0) contentOcc[content++] = i;
    }
  }
  contentStart[units.count] = content;
  const crowdedUnit = crowdedUnits(edges, pairable, crowded);
  // A unit's content occurrences in leader order, its leaders first: made when first
  // asked for, and kept (a unit may be on many crowded edges).
  const rankedUnits = new Map<number, Int32Array>();
  const ranked = (u: number): Int32Array => {
    let occs = rankedUnits.get(u);
    if (occs) return occs;
    const r = order();
    // Within one document, by paragraph: not by occurrence number, which follows the order units were first seen in.
    occs = contentOcc.slice(contentStart[u]!, contentStart[u + 1]!).sort((i, j) => r[occDoc[i]!]! - r[occDoc[j]!]! || occPara[i]! - occPara[j]!);
    rankedUnits.set(u, occs);
    return occs;
  };
  // Hubs that won their place over another document on path order alone (tiedHubs).
  const tiedHubs = new Set<number>();
  const dateOf = (d: number): string | null => statedDate(docs[d]!);
  for (const [head, members] of groups.membersOf) if (members.some((m) => dateOf(m) === dateOf(head))) tiedHubs.add(head);
  /**
   * Leaders (occurrences, in leader order) followed by `next`, the first occurrence
   * that is not one: leaders ranked by date then path, a leader ties with a document
   * left out only when it states the same date (or none) as `next`.
   */
  const tieLeaders = (leading: ArrayLike<number>, next: number | undefined): void => {
    if (next === undefined) return;
    for (let k = 0; k < leading.length; k++) {
      const d = occDoc[leading[k]!]!;
      if (d !== occDoc[next] && dateOf(d) === dateOf(occDoc[next]!)) tiedHubs.add(d);
    }
  };
  const deferred = new Uint8Array(units.count);
  for (let u = 0; u < units.count; u++) {
    const first = occStart[u]!;
    const end = occStart[u + 1]!;
    if (end - first < 2 || boilerplate[occDoc[first]!]![occPara[first]!] === RECURRING) continue;
    if (units.representative[u]!.words < s.minWords && end - first > SHORT_CROWD) {
      deferred[u] = 1;
      continue;
    }
    const pairUp = (i: number, j: number, to1 = true, to2 = true, full = true): void => add(occDoc[i]!, occPara[i]!, occDoc[j]!, occPara[j]!, true, 1, 1, to1, to2, full);
    if (crowdedUnit[u]) {
      // Each leader with every occurrence after it: the leaders with each other once.
      const occs = ranked(u);
      for (let k = 0; k < Math.min(leaders, occs.length); k++) for (let l = k + 1; l < occs.length; l++) pairUp(occs[k]!, occs[l]!, l < leaders, true, l < leaders);
      tieLeaders(occs.subarray(0, leaders), occs[leaders]);
      continue;
    }
    for (let k = contentStart[u]!; k < contentStart[u + 1]!; k++) for (let l = k + 1; l < contentStart[u + 1]!; l++) pairUp(contentOcc[k]!, contentOcc[l]!);
  }
  // Verified near matches: every occurrence of one unit with every occurrence of the
  // other, unless either is crowded or the two would make more than CROWDED × LEADERS
  // combinations. Then each occurrence of one meets the leaders of its reach (the
  // first LEADERS of its own and its near matches' occurrences) that are occurrences
  // of the other, and the first BRIDGE of each side's own occurrences meet: leaders of
  // a reach can all be a third paragraph's (earlier quotes of it), and the two sides
  // must still meet.
  const onLeaderEdge = new Uint8Array(units.count);
  const leaderEdge = (x: number, y: number): boolean => crowdedUnit[x] === 1 || crowdedUnit[y] === 1 || pairable[x]! * pairable[y]! > crowded * leaders;
  for (let e = 0; e < edges.count; e++) if (leaderEdge(edges.a[e]!, edges.b[e]!)) onLeaderEdge[edges.a[e]!] = onLeaderEdge[edges.b[e]!] = 1;
  const reachLeaders = leadersOfReach(units, edges, onLeaderEdge, leaders + 1, contentStart, ranked, order);
  // The reach lists hold one more than the leaders: the first that is not one.
  for (const [u, list] of reachLeaders) {
    tieLeaders(list.slice(0, leaders), list[leaders]);
    if (list.length > leaders) reachLeaders.set(u, list.slice(0, leaders));
  }
  for (let e = 0; e < edges.count; e++) {
    const x = edges.a[e]!;
    const y = edges.b[e]!;
    // Boilerplate on either side everywhere: nothing to pair (nor to rank).
    if (contentStart[x + 1] === contentStart[x] || contentStart[y + 1] === contentStart[y]) continue;
    const pairUp = (i: number, j: number, to1 = true, to2 = true, full = true): void => add(occDoc[i]!, occPara[i]!, occDoc[j]!, occPara[j]!, false, edges.jaccard[e]!, edges.containment[e]!, to1, to2, full);
    if (!leaderEdge(x, y)) {
      for (let k = contentStart[x]!; k < contentStart[x + 1]!; k++) for (let l = contentStart[y]!; l < contentStart[y + 1]!; l++) pairUp(contentOcc[k]!, contentOcc[l]!);
      continue;
    }
    const [lx, ly] = [reachLeaders.get(x)!, reachLeaders.get(y)!];
    const within = (i: number, u: number): boolean => i >= occStart[u]! && i < occStart[u + 1]!;
    for (const l of lx) {
      if (!within(l, y)) continue;
      for (let k = contentStart[x]!; k < contentStart[x + 1]!; k++) pairUp(contentOcc[k]!, l, true, ly.includes(contentOcc[k]!), ly.includes(contentOcc[k]!));
    }
    // Each of y's reach leaders in x with all of y, less the pairs just made (y's occurrences that lead x's reach).
    for (const l of ly) {
      if (!within(l, x)) continue;
      for (let k = contentStart[y]!; k < contentStart[y + 1]!; k++) if (!lx.includes(contentOcc[k]!)) pairUp(l, contentOcc[k]!, false, true, false);
    }
    const [bx, by] = [ranked(x).subarray(0, BRIDGE), ranked(y).subarray(0, BRIDGE)];
    // Bridges join the two sides' copies through these few; no member is given them.
    for (const i of bx) for (const j of by) if (!lx.includes(j) && !ly.includes(i)) pairUp(i, j, false, false, false);
  }

  // Deferred short paragraphs join the pairs that exist.
  const shortOf = new Map<number, Map<number, number[]>>();
  const shortUnits = (d: number): Map<number, number[]> => {
    let m = shortOf.get(d);
    if (m) return m;
    m = new Map<number, number[]>();
    units.unitOf[d]!.forEach((u, i) => {
      if (deferred[u]) m!.set(u, [...(m!.get(u) ?? []), i]);
    });
    shortOf.set(d, m);
    return m;
  };
  const pairCount = gathered.pairs;
  for (let slot = 0; slot < pairCount; slot++) {
    const key = gathered.keys[slot]!;
    const a = Math.floor(key / n);
    const b = key - a * n;
    const inB = shortUnits(b);
    if (inB.size === 0) continue;
    for (const [u, paragraphsA] of shortUnits(a)) {
      for (const pb of inB.get(u) ?? []) for (const pa of paragraphsA) if (!boilerplate[a]![pa] && !boilerplate[b]![pb]) gathered.append(slot, pa, pb, true, 1, 1, JOINED);
    }
  }

  if (groups.membersOf.size > 0) {
    // Two members pair as any two documents would: only when some content of theirs
    // seeds a pair (a paragraph that is not a short one repeated everywhere, or a near
    // match between two of their paragraphs), not on short repeated lines alone.
    const nearPartners = new Map<number, number[]>();
    for (let e = 0; e < edges.count; e++) {
      const partners = nearPartners.get(edges.a[e]!);
      if (partners) partners.push(edges.b[e]!);
      else nearPartners.set(edges.a[e]!, [edges.b[e]!]);
    }
    const seeds = (head: number): boolean => {
      const own = new Set(groups.contentOf.get(head)!.map((p) => units.unitOf[head]![p]!));
      for (const u of own) if (!deferred[u] || (nearPartners.get(u) ?? []).some((v) => own.has(v))) return true;
      return false;
    };
    pairGroupMembers(gathered, groups, n, seeds);
  }
  const gatheredPairs = gathered.pairs;

  // Non-boilerplate shingle set of each document, built when first needed.
  const textSets = new Map<number, Uint32Array>();
  const textOf = (d: number): Uint32Array => {
    let set = textSets.get(d);
    if (!set) {
      const mask = boilerplate[d]!;
      set = unionAll(docs[d]!.paragraphs.filter((_, i) => !mask[i]).map((p) => p.shingles));
      textSets.set(d, set);
    }
    return set;
  };

  // Words of each document outside boilerplate, counted when first needed.
  const contentWordsOf = new Map<number, number>();
  const contentWords = (d: number): number => {
    let words = contentWordsOf.get(d);
    if (words === undefined) {
      const mask = boilerplate[d]!;
      words = Math.max(1, docs[d]!.paragraphs.reduce((sum, p, i) => (mask[i] ? sum : sum + p.words), 0));
      contentWordsOf.set(d, words);
    }
    return words;
  };

  // A hub's pair: some match of it is a hub's, and the seeded ones would not make it
  // alone (too few words, or too little of both documents, counted in words: an
  // approximation of the pair's shingle coverage). Short lines that a leader
  // and a copy also share (joined, or seeded but short) do not make their pair the text's own.
  const others: number[] = [];
  const madeByHub = (slot: number): boolean => {
    others.length = 0;
    let hub = false;
    for (let r = gathered.first[slot]!; r >= 0; r = gathered.next[r]!) {
      if (gathered.source[r] === HUB_MADE) hub = true;
      else if (gathered.source[r] === SEEDED) others.push(r);
    }
    if (!hub) return false;
    const key = gathered.keys[slot]!;
    const a = Math.floor(key / n);
    const b = key - a * n;
    const wordsA = others.length === 0 ? 0 : aligned.words(docs[a]!, others, gathered.pa);
    const wordsB = others.length === 0 ? 0 : aligned.words(docs[b]!, others, gathered.pb);
    return Math.min(wordsA, wordsB) < 2 * s.minWords || Math.max(wordsA / contentWords(a), wordsB / contentWords(b)) < s.minCoverage;
  };

  const pairs: DocumentPair[] = [];
  const slots = Array.from({ length: gatheredPairs }, (_, slot) => slot).sort((x, y) => gathered.keys[x]! - gathered.keys[y]!);
  const aligned = new Alignment(gathered);
  for (const slot of slots) {
    const key = gathered.keys[slot]!;
    const a = Math.floor(key / n);
    const b = key - a * n;
    const kept = aligned.of(slot);
    // The word count first: it is cheap, and most pairs that chance phrases make fail it.
    const wordsA = aligned.words(docs[a]!, kept, gathered.pa);
    const wordsB = aligned.words(docs[b]!, kept, gathered.pb);
    if (Math.min(wordsA, wordsB) < 2 * s.minWords) continue;
    const setA = textOf(a);
    const setB = textOf(b);
    const shared = intersectionSize(setA, setB);
    const coverageA = setA.length === 0 ? 0 : shared / setA.length;
    const coverageB = setB.length === 0 ? 0 : shared / setB.length;
    const similarity = shared / Math.max(1, setA.length + setB.length - shared);
    if (Math.max(coverageA, coverageB) < s.minCoverage) continue;
    const viaHub = madeByHub(slot);
    pairs.push({ a, b, similarity, coverageA, coverageB, kind: pairKind(similarity, coverageA, coverageB), matches: kept.map((r) => gathered.match(r)), ...(viaHub ? { viaHub } : {}) });
  }
  return { pairs, verified: gatheredPairs, tiedHubs };
}

/**
 * The crowded units: those whose reach (their occurrences outside boilerplate,
 * `pairable`, and those of the units they nearly match) passes `crowded`.
 * Group members' occurrences count: a member is given its head's pairs.
 */
function crowdedUnits(edges: ParagraphEdges, pairable: Int32Array, crowded: number): Uint8Array {
  const reach = Float64Array.from(pairable);
  for (let e = 0; e < edges.count; e++) {
    reach[edges.a[e]!]! += pairable[edges.b[e]!]!;
    reach[edges.b[e]!]! += pairable[edges.a[e]!]!;
  }
  const marked = new Uint8Array(reach.length);
  for (let u = 0; u < reach.length; u++) if (reach[u]! > crowded) marked[u] = 1;
  return marked;
}

/**
 * Per unit marked in `wanted` (on a near match paired through leaders): the first
 * `leaders` content occurrences, in leader order, among its own and its near
 * matches' (occurrence indexes). Each neighbour's occurrences are already ranked,
 * so each offers only those that would enter the list: a unit with thousands of
 * near variants costs a look at each, not a sort of all their occurrences.
 */
function leadersOfReach(
  units: UniqueParagraphs,
  edges: ParagraphEdges,
  wanted: Uint8Array,
  leaders: number,
  contentStart: Int32Array,
  ranked: (u: number) => Int32Array,
  order: () => Int32Array,
): Map<number, number[]> {
  const lists = new Map<number, number[]>();
  for (let u = 0; u < units.count; u++) if (wanted[u] && contentStart[u + 1]! > contentStart[u]!) lists.set(u, Array.from(ranked(u).subarray(0, leaders)));
  if (lists.size === 0) return lists;
  const rank = order();
  const { occDoc, occPara } = units;
  // Leader order, then paragraph order within a document (as `ranked`): a document
  // carrying two near variants must lead with the same one whatever the files' order.
  const before = (i: number, j: number): boolean => rank[occDoc[i]!]! < rank[occDoc[j]!]! || (occDoc[i] === occDoc[j] && occPara[i]! < occPara[j]!);
  const offer = (list: number[], from: Int32Array): void => {
    for (const i of from) {
      if (list.length === leaders && !before(i, list[leaders - 1]!)) return; // the rest rank lower still
      let at = list.length;
      while (at > 0 && before(i, list[at - 1]!)) at--;
      list.splice(at, 0, i);
      if (list.length > leaders) list.pop();
    }
  };
  for (let e = 0; e < edges.count; e++) {
    const [x, y] = [edges.a[e]!, edges.b[e]!];
    const [lx, ly] = [lists.get(x), lists.get(y)];
    if (lx) offer(lx, ranked(y));
    if (ly) offer(ly, ranked(x));
  }
  return lists;
}

/**
 * Give each member of a large identical group (identical-groups.ts) the pairs its
 * head has made with documents outside the group, the head's matches carried over
 * paragraph for paragraph (the members' content paragraphs are the head's, in the
 * same order), and a pair with the head itself, every content paragraph an exact
 * match (when their content `seeds` a pair at all). Two heads paired pair each
 * one's members with the other head, not members with members.
 */
function pairGroupMembers(gathered: GatheredMatches, groups: IdenticalGroups, n: number, seeds: (head: number) => boolean): void {
  const { membersOf, contentOf } = groups;
  // Each head's paragraph → its place among the head's content paragraphs.
  const placeOf = new Map<number, Map<number, number>>();
  for (const head of membersOf.keys()) placeOf.set(head, new Map(Array.from(contentOf.get(head)!, (p, k) => [p, k])));
  // A document of the group headed by `head` (the head itself or a member), and its paragraph for the head's `p`.
  const paragraphIn = (d: number, head: number, p: number): number => (d === head ? p : contentOf.get(d)![placeOf.get(head)!.get(p)!]!);
  const withHead = (d: number): readonly number[] => [d, ...(membersOf.get(d) ?? [])];
  const existing = gathered.pairs;
  for (let slot = 0; slot < existing; slot++) {
    const key = gathered.keys[slot]!;
    const a = Math.floor(key / n);
    const b = key - a * n;
    if (!membersOf.has(a) && !membersOf.has(b)) continue;
    // Each member of one side with the other side itself (a head, if it has a group):
    // members of two groups are not paired all with all. Only to the sides `carries` allows.
    const sides = gathered.carries[slot]!;
    const carried = [...(sides & 1 ? withHead(a).slice(1).map((a2) => [a2, b] as const) : []), ...(sides & 2 ? withHead(b).slice(1).map((b2) => [a, b2] as const) : [])];
    for (const [a2, b2] of carried) {
      const flip = a2 > b2;
      const to = gathered.slot(flip ? b2 * n + a2 : a2 * n + b2);
      for (let r = gathered.first[slot]!; r >= 0; r = gathered.next[r]!) {
        const pa = paragraphIn(a2, a, gathered.pa[r]!);
        const pb = paragraphIn(b2, b, gathered.pb[r]!);
        // Made as the head's was.
        gathered.append(to, flip ? pb : pa, flip ? pa : pb, gathered.exact[r] === 1, gathered.jaccard[r]!, gathered.containment[r]!, gathered.source[r]! as RecordSource);
      }
    }
  }
  for (const [head, members] of membersOf) {
    if (!seeds(head)) continue;
    const headParagraphs = contentOf.get(head)!;
    for (const m of members) {
      const mParagraphs = contentOf.get(m)!;
      const flip = head > m;
      const to = gathered.slot(flip ? m * n + head : head * n + m);
      for (let k = 0; k < headParagraphs.length; k++) gathered.append(to, flip ? mParagraphs[k]! : headParagraphs[k]!, flip ? headParagraphs[k]! : mParagraphs[k]!, true, 1, 1, HUB_MADE);
    }
  }
}

/** The date a document states (front matter, HTML meta, a dateline), not its file's mtime; null when none. */
export function statedDate(d: FingerprintedDocument): string | null {
  return d.date !== null && d.dateSource !== "file-mtime" ? d.date : null;
}

/**
 * Each document's place in the order a crowded paragraph picks its leaders:
 * documents that state their date (front matter, HTML meta, a dateline; not a
 * file's mtime) first, earliest first, then the rest; ties by id (path order).
 * A text carried by hundreds of documents most likely started in one of its
 * earliest; as a leader, that one is paired with every copy, so provenance
 * can hang the copies from it. Leaders taken in path order instead made
 * chains through whichever copies happened to sort first.
 *
 * Documents `apart` (check --allow's) come after all others: a copy that meets
 * only leaders is judged by them, and leaders that may be copied would let
 * every copy pass, when any two copies that are not allowed fail each other.
 * (Within each side the order is the same, so a group's head is too.)
 */
export function leaderOrder(docs: readonly FingerprintedDocument[], apart?: Uint8Array): Int32Array {
  const order = docs.map((_, i) => i);
  order.sort((x, y) => {
    if (apart && apart[x] !== apart[y]) return apart[x]! - apart[y]!;
    const [dx, dy] = [statedDate(docs[x]!), statedDate(docs[y]!)];
    if (dx !== dy) {
      if (dx === null) return 1;
      if (dy === null) return -1;
      return dx < dy ? -1 : 1;
    }
    return x - y;
  });
  const rank = new Int32Array(docs.length);
  order.forEach((d, r) => (rank[d] = r));
  return rank;
}

/**
 * The alignment of two documents: each match that is the best one for its
 * paragraph on at least one side (the first such, where several are as good).
 * A paragraph split in two keeps both halves (each half's best is the whole);
 * a title that also half-matches a dateline loses that cross match to its own
 * counterpart. Works on record numbers, with its look-up tables reused from
 * pair to pair: match objects are made only for the pairs reported.
 */
class Alignment {
  private readonly bestA = new Map<number, number>();
  private readonly bestB = new Map<number, number>();
  private readonly seen = new Set<number>();

  constructor(private readonly m: GatheredMatches) {}

  /** The records kept for pair `slot`, in (a, b) order. */
  of(slot: number): number[] {
    const { m, bestA, bestB } = this;
    bestA.clear();
    bestB.clear();
    for (let r = m.first[slot]!; r >= 0; r = m.next[r]!) {
      const a = bestA.get(m.pa[r]!);
      if (a === undefined || m.strength(r) > m.strength(a)) bestA.set(m.pa[r]!, r);
      const b = bestB.get(m.pb[r]!);
      if (b === undefined || m.strength(r) > m.strength(b)) bestB.set(m.pb[r]!, r);
    }
    const kept: number[] = [];
    for (let r = m.first[slot]!; r >= 0; r = m.next[r]!) if (bestA.get(m.pa[r]!) === r || bestB.get(m.pb[r]!) === r) kept.push(r);
    return kept.sort((x, y) => m.pa[x]! - m.pa[y]! || m.pb[x]! - m.pb[y]!);
  }

  /** Words of `doc`'s paragraphs that the records match (`side`: pa or pb), each paragraph once. */
  words(doc: FingerprintedDocument, records: readonly number[], side: Int32Array): number {
    this.seen.clear();
    let words = 0;
    for (const r of records) {
      const i = side[r]!;
      if (this.seen.has(i)) continue;
      this.seen.add(i);
      words += doc.paragraphs[i]!.words;
    }
    return words;
  }
}
