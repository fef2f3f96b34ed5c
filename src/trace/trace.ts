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
import { normalizeText } from "../normalize/normalize.js";
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import type { Family } from "../group/families.js";
import type { BoilerplateMask } from "../match/boilerplate.js";
import type { DocumentPair } from "../match/document-pairs.js";
import { maxArborescence } from "./arborescence.js";
import { edgeEvidence, type Evidence, type PairView, type Witness } from "./evidence.js";
import { edgeChanges, type EdgeChanges } from "./variants.js";

/** Below this confidence the origin is shown as undetermined. */
export const DECISION_LINE = 0.6;
/** Softmax temperature turning tree weights into probabilities (calibrated on bench/). */
export const TEMPERATURE = 1;
/** Largest family solved exactly; larger ones use the greedy order (same weights). */
const EXACT_LIMIT = 40;

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
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
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

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

export function witnessOf(doc: FingerprintedDocument, centrality: number): Witness {
  const names = [doc.site, hostOf(doc.url), doc.title && doc.title.split(/\s+/).length >= 4 ? doc.title : null]
    .filter((n): n is string => n !== null)
    .map((n) => normalizeText(n))
    .filter((n) => n.length >= 4);
  return {
    path: doc.path,
    date: doc.date,
    dateSource: doc.dateSource,
    normalized: normalizeText(doc.paragraphs.map((p) => p.text).join("\n")),
    names,
    centrality,
  };
}

export function traceFamily(
  family: Family,
  pairs: readonly DocumentPair[],
  docs: readonly FingerprintedDocument[],
  mask: BoilerplateMask,
): Trace {
  const members = family.documents;
  const n = members.length;
  const local = new Map(members.map((d, i) => [d, i]));
  const pairAt = new Map<number, number>();
  const similarity = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const p of family.pairs) {
    const pair = pairs[p]!;
    const i = local.get(pair.a)!;
    const j = local.get(pair.b)!;
    pairAt.set(i * n + j, p).set(j * n + i, p);
    similarity[i]![j] = similarity[j]![i] = pair.similarity;
  }
  const witnesses = members.map((d, i) => {
    const others = similarity[i]!.reduce((s, x) => s + x, 0);
    return witnessOf(docs[d]!, n > 1 ? others / (n - 1) : 0);
  });

  const weight = Array.from({ length: n }, () => new Array<number>(n).fill(-Infinity));
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
    weight[u]![v] = pair.similarity + ev.reduce((s, e) => s + e.weight, 0);
  }

  const treeFor = (root: number): number[] | null => (n <= EXACT_LIMIT ? maxArborescence(weight, root) : greedyTree(weight, root));
  const totals: number[] = [];
  const trees: (number[] | null)[] = [];
  for (let r = 0; r < n; r++) {
    const parent = treeFor(r);
    trees.push(parent);
    totals.push(parent ? parent.reduce((s, u, v) => (u < 0 ? s : s + weight[u]![v]!), 0) : -Infinity);
  }
  let origin = 0;
  for (let r = 1; r < n; r++) if (totals[r]! > totals[origin]! || (totals[r] === totals[origin] && docs[members[r]!]!.path < docs[members[origin]!]!.path)) origin = r;
  const top = totals[origin]!;
  const z = totals.reduce((s, t) => s + Math.exp((t - top) / TEMPERATURE), 0);
  const confidence = 1 / z;

  const parent = trees[origin]!;
  const edges: TracedEdge[] = [];
  for (let v = 0; v < n; v++) {
    const u = parent[v]!;
    if (u < 0) continue;
    let alternative = weight[v]![u]!;
    for (let q = 0; q < n; q++) if (q !== u && q !== v) alternative = Math.max(alternative, weight[q]![v]!);
    const margin = weight[u]![v]! - alternative;
    const pair = pairs[pairAt.get(u * n + v)!]!;
    const parentIsA = pair.a === members[u];
    const parentDoc = docs[members[u]!]!;
    const childDoc = docs[members[v]!]!;
    edges.push({
      parent: members[u]!,
      child: members[v]!,
      confidence: alternative === -Infinity ? 1 : sigmoid(margin / TEMPERATURE),
      evidence: evidence.get(u * n + v) ?? [],
      pair: pairAt.get(u * n + v)!,
      changes: edgeChanges({
        parent: parentDoc.paragraphs.map((p) => p.text),
        child: childDoc.paragraphs.map((p) => p.text),
        parentMask: mask[members[u]!]!,
        childMask: mask[members[v]!]!,
        matches: pair.matches.map((m): readonly [number, number] => (parentIsA ? [m.a, m.b] : [m.b, m.a])),
      }),
    });
  }
  return { origin: members[origin]!, confidence, edges };
}

/**
 * For large families: grow the tree from `root`, each time attaching the
 * outside document with the heaviest edge from a document already in the tree
 * (Prim's order on directed weights). Acyclic by construction; null when some
 * document shares no pair with the rest.
 */
function greedyTree(weight: readonly (readonly number[])[], root: number): number[] | null {
  const n = weight.length;
  const parent = new Array<number>(n).fill(-1);
  const inTree = new Uint8Array(n);
  const bestFrom = new Array<number>(n).fill(-1);
  const bestWeight = new Array<number>(n).fill(-Infinity);
  let added = root;
  inTree[root] = 1;
  for (let step = 1; step < n; step++) {
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && weight[added]![v]! > bestWeight[v]!) {
        bestWeight[v] = weight[added]![v]!;
        bestFrom[v] = added;
      }
    }
    let next = -1;
    for (let v = 0; v < n; v++) if (!inTree[v] && bestFrom[v]! >= 0 && (next < 0 || bestWeight[v]! > bestWeight[next]!)) next = v;
    if (next < 0) return null;
    inTree[next] = 1;
    parent[next] = bestFrom[next]!;
    added = next;
  }
  return parent;
}
