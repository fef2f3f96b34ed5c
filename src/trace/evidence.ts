/**
 * Evidence that document v was copied from document u (edge u → v), each kind
 * with its own weight, named in the report (DESIGN.md "Provenance").
 *
 * Weights are log-odds-like scores: positive supports u → v, negative the other
 * way. They were set on the benchmark's generated families (bench/provenance.js)
 * and are explained in README.md "How provenance is traced".
 */

import { normalizeText } from "../normalize/normalize.js";

export type EvidenceType = "earlier-date" | "stated-date" | "title-label" | "contains" | "attribution" | "shared-variants";

export interface Evidence {
  readonly type: EvidenceType;
  /** Signed weight for this edge's direction: > 0 supports parent → child. */
  readonly weight: number;
  /** What was seen, in words. */
  readonly detail: string;
}

export const WEIGHTS = {
  /** Per unit of the pair's similarity: a copy's parent is the witness it is closest to. */
  similarity: 3,
  /** Parent dated strictly before the child, both dates stated by the documents. */
  earlierDate: 2.5,
  /** The same when either date is only a file's modification time. */
  earlierMtime: 0.1,
  /** The parent states its date and the child, a copy of it, states none. */
  statedDate: 0.6,
  /** The child's title is the parent's with a label added ("WATCH:", "Opinion |"). */
  titleLabel: 1,
  /** Per unit of (share of child inside parent − share of parent inside child). */
  contains: 4,
  /** The child's attribution line ("Source: …") names the parent's site or address. */
  attribution: 3,
  /** The child names the parent's site or address elsewhere in its text. */
  mention: 1.5,
  /** Per unit of (parent's − child's mean similarity to the family's other readings: near-identical members count once). */
  sharedVariants: 1,
  /** The child carries the parent's changes to a third witness (+), or a third witness's changes to the parent (−). */
  inherited: 4,
} as const;

/** A headline as the document has it, and normalised (normalizeText). */
export interface Headline {
  readonly raw: string;
  readonly norm: string;
}

export interface Witness {
  readonly path: string;
  readonly date: string | null;
  readonly dateSource: string | null;
  /** Does the normalised full text (all paragraphs) hold `name` as a whole token sequence? */
  mentions(name: string): boolean;
  /** Headlines: the title, and the first paragraph outside the site's chrome when short. */
  readonly headlines: readonly Headline[];
  /** Normalised names the document goes by: site, url host, its own domains (attribution.ts). */
  readonly names: readonly string[];
  /** Normalised text of its attribution lines ("Source: …"). */
  readonly attributions: readonly string[];
  /** Mean similarity to the other members of its family. */
  readonly centrality: number;
}

export interface PairView {
  /** Share of u's text found in v, and of v's found in u (leading additions discounted). */
  readonly coverageU: number;
  readonly coverageV: number;
}

function dateEvidence(u: Witness, v: Witness): Evidence | null {
  if (!u.date || !v.date || u.date === v.date) return null;
  const mtime = u.dateSource === "file-mtime" || v.dateSource === "file-mtime";
  const w = mtime ? WEIGHTS.earlierMtime : WEIGHTS.earlierDate;
  const earlier = u.date < v.date;
  const how = mtime ? " (file modification time)" : "";
  return {
    type: "earlier-date",
    weight: earlier ? w : -w,
    detail: earlier ? `${u.date} is before ${v.date}${how}` : `${u.date} is after ${v.date}${how}`,
  };
}

/** Where a date comes from the document itself, not from the file. */
export function states(w: Witness): boolean {
  return w.date !== null && w.dateSource !== "file-mtime";
}

/** A stated date against none speaks for direction between copies, not between texts that share a passage: most of one text must be in the other. */
const COPY_SHARE = 0.7;

function statedDateEvidence(u: Witness, v: Witness, p: PairView): Evidence | null {
  if (states(u) === states(v) || Math.max(p.coverageU, p.coverageV) < COPY_SHARE) return null;
  const w = WEIGHTS.statedDate;
  return states(u)
    ? { type: "stated-date", weight: w, detail: `the parent states its date (${u.date}); the child, a copy, states none` }
    : { type: "stated-date", weight: -w, detail: `the child states its date (${v.date}); the parent, a copy, states none` };
}

/**
 * A republisher's label in front of a title: one to three words, then a colon or a bar
 * ("WATCH: …", "Opinion | …", "READ: …"). Nothing else counts: a title cut short, a
 * byline with the writer's post added, a sentence that goes on past the title, or a
 * site name after a dash are not labels.
 */
const LABEL = /^\s*((?:[^\s:|]+\s+){0,2}[^\s:|]+)\s*[:|]\s*(\S.*)$/s;

/** The label `longer` (a raw headline) puts in front of the normalised headline `shorter`, or null. */
function titleLabel(longer: Headline, shorter: Headline): string | null {
  const m = LABEL.exec(longer.raw);
  if (!m || normalizeText(m[2]!) !== shorter.norm) return null;
  const label = normalizeText(m[1]!);
  return label === "" ? null : label;
}

/** A label on one of `longer`'s headlines over one of `shorter`'s; none when the labelled headline is also one of `shorter`'s (text both share). */
function labelAdded(longer: readonly Headline[], shorter: readonly Headline[]): string | null {
  for (const l of longer) {
    if (shorter.some((s) => s.norm === l.norm)) continue;
    for (const s of shorter) {
      const label = titleLabel(l, s);
      if (label !== null) return label;
    }
  }
  return null;
}

function titleEvidence(u: Witness, v: Witness): Evidence | null {
  const added = labelAdded(v.headlines, u.headlines);
  if (added !== null) return { type: "title-label", weight: WEIGHTS.titleLabel, detail: `the child's title adds "${added}" to the parent's` };
  const removed = labelAdded(u.headlines, v.headlines);
  if (removed !== null) return { type: "title-label", weight: -WEIGHTS.titleLabel, detail: `the parent's title adds "${removed}" to the child's` };
  return null;
}

/** One text is "inside" the other only when this much of it is found there. */
const NEARLY_INSIDE = 0.8;

function containsEvidence(p: PairView): Evidence | null {
  const delta = p.coverageV - p.coverageU;
  // Two texts that merely overlap (each partly in the other) say nothing about direction.
  if (Math.abs(delta) < 0.02 || Math.max(p.coverageU, p.coverageV) < NEARLY_INSIDE) return null;
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  return {
    type: "contains",
    weight: WEIGHTS.contains * delta,
    detail: `${pct(p.coverageV)} of the child is in the parent; ${pct(p.coverageU)} of the parent is in the child`,
  };
}

/** Does one of `texts` name one of `names` (as a whole token sequence)? */
function named(texts: readonly string[], names: readonly string[]): string | null {
  for (const text of texts) for (const name of names) if (` ${text} `.includes(` ${name} `)) return name;
  return null;
}

type Attributed = { readonly weight: number; readonly name: string } | null;

/** attributes(child, parent) by child, then parent: each edge asks for both directions, and so does its reverse. */
const attributedMemo = new WeakMap<Witness, Map<Witness, Attributed>>();

/** How strongly `child` attributes its text to `parent`: 0, a mention, or an attribution line. */
function attributes(child: Witness, parent: Witness): Attributed {
  let memo = attributedMemo.get(child);
  if (!memo) attributedMemo.set(child, (memo = new Map()));
  let found = memo.get(parent);
  if (found === undefined) memo.set(parent, (found = attributesOnce(child, parent)));
  return found;
}

function attributesOnce(child: Witness, parent: Witness): Attributed {
  const theirs = parent.names.filter((n) => !child.names.includes(n));
  const inLine = named(child.attributions, theirs);
  if (inLine) return { weight: WEIGHTS.attribution, name: inLine };
  const mentioned = theirs.find((name) => child.mentions(name));
  return mentioned !== undefined ? { weight: WEIGHTS.mention, name: mentioned } : null;
}

/** The name of `parent` that a credit line of `child` gives ("Source: …"), if any. */
export function credits(child: Witness, parent: Witness): string | null {
  if (child.attributions.length === 0) return null;
  return named(child.attributions, parent.names.filter((n) => !child.names.includes(n)));
}

function attributionEvidence(u: Witness, v: Witness): Evidence | null {
  const forward = attributes(v, u);
  const backward = attributes(u, v);
  const weight = (forward?.weight ?? 0) - (backward?.weight ?? 0);
  if (weight === 0) return null;
  const detail =
    weight > 0 ? `the child ${forward!.weight === WEIGHTS.attribution ? "credits" : "names"} "${forward!.name}"` : `the parent ${backward!.weight === WEIGHTS.attribution ? "credits" : "names"} "${backward!.name}"`;
  return { type: "attribution", weight, detail };
}

/**
 * Share of carried changes up to which two copies may well have made them
 * independently (copy editors apply the same spelling and style rules: on the
 * benchmark, independent edits of one text coincide in up to 75% of their
 * changes), and from which the carrying is taken as inheritance in full.
 */
const COINCIDENT = 0.75;
const INHERITED = 0.95;

function triple(share: number): number {
  return Math.min(1, Math.max(0, (share - COINCIDENT) / (INHERITED - COINCIDENT)));
}

function variantEvidence(u: Witness, v: Witness): Evidence | null {
  const delta = u.centrality - v.centrality;
  if (Math.abs(delta) < 0.01) return null;
  return {
    type: "shared-variants",
    weight: WEIGHTS.sharedVariants * delta,
    detail:
      delta > 0
        ? `the parent is closer to the family's consensus reading (${u.centrality.toFixed(2)} vs ${v.centrality.toFixed(2)})`
        : `the child is closer to the family's consensus reading (${v.centrality.toFixed(2)} vs ${u.centrality.toFixed(2)})`,
  };
}

/**
 * The per-triple test on edge u → v: the child carries `share` of the changes
 * a third witness `via` made to the parent, and `via` carries `back` of the
 * child's changes to the parent. `via` stands between them when it is the
 * child's ancestor, not its descendant: certainly when the child has changes
 * of its own that `via` lacks (a descendant would have inherited them), and
 * otherwise (the two read alike) as far as `before`, the pair's own
 * direction evidence (0..1), says `via` came first.
 */
export function skipEvidence(share: number, back: number, before: number, via: string): Evidence | null {
  const order = Math.max(triple(share) - triple(back), 2 * before - 1, 0);
  const weight = WEIGHTS.inherited * triple(share) * order;
  if (weight < 0.05) return null;
  return {
    type: "shared-variants",
    weight: -weight,
    detail: `the child carries ${Math.round(share * 100)}% of the changes ${via} made to the parent: ${via} stands between them`,
  };
}

/** Two evidence lists' entries of one type merged into one (weights added, details joined). */
export function mergeEvidence(list: readonly Evidence[], extra: Evidence): Evidence[] {
  const i = list.findIndex((e) => e.type === extra.type);
  if (i < 0) return [...list, extra];
  const merged = { type: extra.type, weight: list[i]!.weight + extra.weight, detail: `${list[i]!.detail}; ${extra.detail}` };
  return list.map((e, k) => (k === i ? merged : e));
}

/** All evidence for u → v. */
export function edgeEvidence(u: Witness, v: Witness, p: PairView): Evidence[] {
  return [dateEvidence(u, v), statedDateEvidence(u, v, p), titleEvidence(u, v), containsEvidence(p), attributionEvidence(u, v), variantEvidence(u, v)].filter(
    (e): e is Evidence => e !== null,
  );
}
