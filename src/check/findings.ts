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
  const [x, y] = [normalizeText(textA), normalizeText(textB)].sort();
  return createHash("sha256").update(`${x}\u0000${y}`).digest("hex").slice(0, 16);
}

/** Depth of each document in the family's provenance tree (origin 0). */
function depths(family: ReportFamily): Map<string, number> {
  const parent = new Map(family.edges.map((e) => [e.to, e.from]));
  const out = new Map<string, number>();
  for (const doc of family.documents) {
    let d = 0;
    for (let p = parent.get(doc); p !== undefined && d <= family.documents.length; p = parent.get(p)) d++;
    out.set(doc, d);
  }
  return out;
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
  const edge = family.edges.find((e) => (e.from === pair.a && e.to === pair.b) || (e.from === pair.b && e.to === pair.a));
  if (edge) return edge.to;
  const d = depths(family);
  return (d.get(pair.a) ?? 0) > (d.get(pair.b) ?? 0) ? pair.a : pair.b;
}

function side(path: string, m: ReportMatch["a"]): PassageSide {
  return { path, paragraph: m.paragraph, line: m.line, endLine: m.endLine };
}

/** The passages of a pair, copy side first, in the order of the copy's lines. */
export function pairPassages(pair: ReportPair, copy: string, texts: ParagraphSource): FindingPassage[] {
  const copyIsA = copy === pair.a;
  const original = copyIsA ? pair.b : pair.a;
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
        fingerprint: passageFingerprint(copyText ?? "", originalText ?? ""),
        excerpt: excerpt(copyText),
      };
    })
    .sort((x, y) => x.copy.line - y.copy.line || x.original.line - y.original.line);
}

/** A finding for a pair, with every passage and no judgement (what `scan`'s CI formats show). */
export function pairFinding(
  pair: ReportPair,
  report: ScanReport,
  texts: ParagraphSource,
  options: { changed?: ReadonlySet<string>; reasons?: readonly string[] } = {},
): Finding {
  const family = report.families.find((f) => f.id === pair.family);
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
