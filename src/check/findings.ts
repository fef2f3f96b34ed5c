/**
 * Report pairs to directed findings with fingerprinted passages (see
 * check-model.ts). Used by `check` and by the CI formats of `scan`.
 */
import { createHash } from "node:crypto";
import { normalizeText } from "../normalize/normalize.js";
import type { ReportFamily, ReportMatch, ReportPair, ScanReport } from "../report/report-model.js";
import type { Finding, FindingPassage, PassageSide } from "./check-model.js";

/** Where paragraph texts come from: a finished scan (`Analysis` has this). */
export interface ParagraphSource {
  paragraphText(path: string, paragraph: number): string | undefined;
}

const EXCERPT = 80;

export function excerpt(text: string | undefined): string {
  if (text === undefined) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT ? flat : flat.slice(0, EXCERPT - 1).trimEnd() + "…";
}

/**
 * Fingerprint of a passage: the two paragraphs' normalised texts, sorted so the
 * order of the sides does not matter, hashed. Paths and line numbers are not in
 * it: moving a paragraph keeps it, and so does any edit outside the passage.
 */
export function passageFingerprint(textA: string, textB: string): string {
  return normalizedPassageFingerprint(normalizeText(textA), normalizeText(textB));
}

function normalizedPassageFingerprint(normalizedA: string, normalizedB: string): string {
  const [x, y] = [normalizedA, normalizedB].sort();
  return createHash("sha256").update(`${x}\u0000${y}`).digest("hex").slice(0, 16);
}

/**
 * Fingerprint of one paragraph: its normalised text, hashed (16 hex digits of
 * SHA-256). What a document carries, whoever it shares it with (baseline.ts).
 */
function paragraphFingerprint(text: string): string {
  return createHash("sha256").update(normalizeText(text)).digest("hex").slice(0, 16);
}

/** The paragraph fingerprints of a passage's two sides. */
export interface SideFingerprints {
  readonly copy: string;
  readonly original: string;
}

/**
 * The paragraph fingerprints of passages' sides, each paragraph hashed once: a
 * paragraph of a text carried by many documents is a side of many passages (a
 * crowded paragraph's copy meets 16 leaders and more). Undefined for a side whose
 * text cannot be had.
 */
export function sideFingerprinter(texts: ParagraphSource): (passage: FindingPassage) => SideFingerprints | undefined {
  const known = new Map<string, string | null>();
  const of = (side: PassageSide): string | undefined => {
    const key = `${side.path}\u0000${side.paragraph}`;
    let fingerprint = known.get(key);
    if (fingerprint === undefined) {
      const text = texts.paragraphText(side.path, side.paragraph);
      fingerprint = text === undefined ? null : paragraphFingerprint(text);
      known.set(key, fingerprint);
    }
    return fingerprint ?? undefined;
  };
  return (passage) => {
    const [copy, original] = [of(passage.copy), of(passage.original)];
    return copy === undefined || original === undefined ? undefined : { copy, original };
  };
}

/**
 * A family's tree as copySide asks about it: each document's parent and depth
 * (origin 0). A report's families are trees (build-report.ts: one edge into each
 * member but the origin, between members); a hand-made family with cycles or two
 * edges into one document gets some answer, not a meaningful one.
 */
interface FamilyTree {
  readonly parent: ReadonlyMap<string, string>;
  readonly depth: ReadonlyMap<string, number>;
}

/**
 * Made once per family and kept while the report lives: a check of one family of
 * 1,200 records asked for it once per pair, 36,000 times (7.7 s of a 13 s check).
 */
const trees = new WeakMap<ReportFamily, FamilyTree>();

function treeOf(family: ReportFamily): FamilyTree {
  const known = trees.get(family);
  if (known) return known;
  const parent = new Map(family.edges.map((e) => [e.to, e.from]));
  const depth = new Map<string, number>();
  const depthOf = (doc: string): void => {
    // Up to the origin or a document already known, then back down: each document once.
    const chain: string[] = [];
    let at: string | undefined = doc;
    while (at !== undefined && !depth.has(at) && chain.length <= family.documents.length) {
      chain.push(at);
      at = parent.get(at);
    }
    let d = at === undefined ? -1 : (depth.get(at) ?? 0);
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, ++d);
  };
  for (const doc of family.documents) depthOf(doc);
  const tree = { parent, depth };
  trees.set(family, tree);
  return tree;
}

/**
 * Which side of a pair is the copy: the changed one when exactly one is changed;
 * else the child of a provenance edge between the two; else the one further from
 * the family's origin; else `b`.
 */
export function copySide(pair: ReportPair, family: ReportFamily | undefined, changed?: ReadonlySet<string>): string {
  if (changed) {
    const ca = changed.has(pair.a);
    const cb = changed.has(pair.b);
    if (ca !== cb) return ca ? pair.a : pair.b;
  }
  if (!family) return pair.b;
  const { parent, depth } = treeOf(family);
  if (parent.get(pair.b) === pair.a) return pair.b;
  if (parent.get(pair.a) === pair.b) return pair.a;
  return (depth.get(pair.a) ?? 0) > (depth.get(pair.b) ?? 0) ? pair.a : pair.b;
}

function side(path: string, m: ReportMatch["a"]): PassageSide {
  return { path, paragraph: m.paragraph, line: m.line, endLine: m.endLine };
}

/**
 * Each scan's passage fingerprints, by the two paragraphs' texts: a paragraph
 * is a side of many passages (each of a crowded paragraph's copies meets 16
 * leaders, a group's head meets every member), and normalising its text and
 * hashing it with each partner again took 2.6 of 3.0 s for the 333,142
 * passages of 129,875 pairs (one-paragraph records: bench/records.js).
 */
const passagesOf = new WeakMap<ParagraphSource, PassageFingerprints>();

/**
 * Characters of normalised text remembered before the memory is let go and
 * started again: a bound on what a check of a large corpus keeps, where each
 * text would otherwise stay for the life of the report.
 */
const REMEMBERED_CHARS = 32 * 1024 * 1024;

/** passageFingerprint, remembering texts and fingerprints up to `budget` characters of text. */
export class PassageFingerprints {
  /** Raw text → normalised text. */
  private normalized = new Map<string, string>();
  /** Smaller normalised text → larger → fingerprint (nested: no key is made of the two texts joined). */
  private hashed = new Map<string, Map<string, string>>();
  private chars = 0;

  constructor(private readonly budget = REMEMBERED_CHARS) {}

  of(textA: string, textB: string): string {
    const [x, y] = [this.normal(textA), this.normal(textB)].sort() as [string, string];
    let byY = this.hashed.get(x);
    if (!byY) this.hashed.set(x, (byY = new Map()));
    let fingerprint = byY.get(y);
    if (fingerprint === undefined) {
      fingerprint = normalizedPassageFingerprint(x, y);
      byY.set(y, fingerprint);
    }
    return fingerprint;
  }

  private normal(text: string): string {
    let n = this.normalized.get(text);
    if (n === undefined) {
      if (this.chars > this.budget) {
        this.normalized = new Map();
        this.hashed = new Map();
        this.chars = 0;
      }
      n = normalizeText(text);
      this.normalized.set(text, n);
      this.chars += text.length + n.length;
    }
    return n;
  }
}

/** The passages of a pair, copy side first, in the order of the copy's lines. */
export function pairPassages(pair: ReportPair, copy: string, texts: ParagraphSource): FindingPassage[] {
  const copyIsA = copy === pair.a;
  const original = copyIsA ? pair.b : pair.a;
  let fingerprints = passagesOf.get(texts);
  if (!fingerprints) passagesOf.set(texts, (fingerprints = new PassageFingerprints()));
  const fingerprintOf = fingerprints;
  return pair.matches
    .map((m): FindingPassage => {
      const [c, o] = copyIsA ? [m.a, m.b] : [m.b, m.a];
      const copyText = texts.paragraphText(copy, c.paragraph);
      const originalText = texts.paragraphText(original, o.paragraph);
      return {
        copy: side(copy, c),
        original: side(original, o),
        similarity: m.similarity,
        kind: m.kind,
        fingerprint: fingerprintOf.of(copyText ?? "", originalText ?? ""),
        excerpt: excerpt(copyText),
      };
    })
    .sort((x, y) => x.copy.line - y.copy.line || x.original.line - y.original.line);
}

/** Each report's families by id, made once: looked up once per pair. */
const familiesOf = new WeakMap<ScanReport, Map<number, ReportFamily>>();

function familyById(report: ScanReport, id: number): ReportFamily | undefined {
  let byId = familiesOf.get(report);
  if (!byId) {
    byId = new Map(report.families.map((f) => [f.id, f]));
    familiesOf.set(report, byId);
  }
  return byId.get(id);
}

/** A finding for a pair, with every passage and no judgement (what `scan`'s CI formats show). */
export function pairFinding(
  pair: ReportPair,
  report: ScanReport,
  texts: ParagraphSource,
  options: { changed?: ReadonlySet<string>; reasons?: readonly string[] } = {},
): Finding {
  const family = familyById(report, pair.family);
  const copy = copySide(pair, family, options.changed);
  return {
    copy,
    original: copy === pair.a ? pair.b : pair.a,
    a: pair.a,
    b: pair.b,
    similarity: pair.similarity,
    coverage: pair.coverage,
    kind: pair.kind,
    family: pair.family,
    reasons: options.reasons ?? [],
    passages: pairPassages(pair, copy, texts),
    baselinedPassages: 0,
  };
}

/** Every pair of a scan as a finding. */
export function scanFindings(report: ScanReport, texts: ParagraphSource): Finding[] {
  return report.pairs.map((p) => pairFinding(p, report, texts));
}
