/**
 * Build the JSON report from the stages' records: paths instead of ids, rounded
 * numbers, and a fixed order, so the same input gives byte-identical output
 * (apart from `elapsedMs`).
 */
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import type { Family } from "../group/families.js";
import type { DocumentPair } from "../match/document-pairs.js";
import type { BoilerplateMask } from "../match/boilerplate.js";
import { reportedSettings, type ResolvedOptions } from "../options.js";
import { DECISION_LINE, type Trace } from "../trace/trace.js";
import { VERSION } from "../version.js";
import {
  SCHEMA_VERSION,
  type ReportDocument,
  type ReportError,
  type ReportFamily,
  type ReportPair,
  type ScanReport,
} from "./report-model.js";

export interface ReportInput {
  readonly options: ResolvedOptions;
  readonly files: number;
  readonly docs: readonly FingerprintedDocument[];
  readonly boilerplate: BoilerplateMask;
  readonly pairs: readonly DocumentPair[];
  readonly families: readonly Family[];
  /** Provenance of each family, in the order of `families`. */
  readonly traces: readonly Trace[];
  readonly errors: readonly ReportError[];
  readonly candidatePairs: number;
  readonly verifiedPairs: number;
  readonly elapsedMs: number;
}

/**
 * A family's title: its origin's, unless that is a stub of one to four words
 * (often a site's section label taken as a plain-text page's first line, such as
 * "Editor's Choice"); then the longest title among its documents.
 */
function familyTitle(origin: string | null, titles: readonly (string | null)[]): string | null {
  const words = (t: string): number => t.split(/\s+/).filter(Boolean).length;
  if (origin && words(origin) >= 5) return origin;
  const longest = titles.filter((t): t is string => t !== null).sort((a, b) => words(b) - words(a) || (a < b ? -1 : 1))[0];
  return longest && (!origin || words(longest) > words(origin)) ? longest : origin;
}

/** Round to 4 decimals: enough to rank, stable across platforms. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildReport(input: ReportInput): ScanReport {
  const { docs, boilerplate } = input;
  const bpCount = boilerplate.map((mask) => mask.reduce((n, flag) => n + (flag ? 1 : 0), 0));
  const documents: ReportDocument[] = docs.map((d, i) => ({
    path: d.path,
    title: d.title,
    date: d.date,
    dateSource: d.dateSource,
    site: d.site,
    url: d.url,
    paragraphs: d.paragraphs.length,
    words: d.words,
    boilerplateParagraphs: bpCount[i]!,
    sha256: d.sha256,
  }));

  // Families: most documents first, then by their first path.
  const families = input.families
    .map((family, i) => ({ family, trace: input.traces[i]! }))
    .sort(
      (x, y) =>
        y.family.documents.length - x.family.documents.length ||
        compare(docs[x.family.documents[0]!]!.path, docs[y.family.documents[0]!]!.path),
    );
  const familyOfPair = new Int32Array(input.pairs.length);
  families.forEach(({ family }, i) => family.pairs.forEach((p) => (familyOfPair[p] = i + 1)));

  const pairs: ReportPair[] = input.pairs.map((p, i) => {
    const da = docs[p.a]!;
    const db = docs[p.b]!;
    return {
      a: da.path,
      b: db.path,
      similarity: round4(p.similarity),
      coverage: { a: round4(p.coverageA), b: round4(p.coverageB) },
      kind: p.kind,
      family: familyOfPair[i]!,
      matches: p.matches.map((m) => ({
        a: { paragraph: m.a, line: da.paragraphs[m.a]!.line, endLine: da.paragraphs[m.a]!.endLine },
        b: { paragraph: m.b, line: db.paragraphs[m.b]!.line, endLine: db.paragraphs[m.b]!.endLine },
        similarity: round4(m.jaccard),
        containment: round4(m.containment),
        kind: m.kind,
      })),
    };
  });
  pairs.sort((x, y) => y.similarity - x.similarity || compare(x.a, y.a) || compare(x.b, y.b));

  const reportFamilies: ReportFamily[] = families.map(({ family, trace }, i) => ({
    id: i + 1,
    title: familyTitle(
      docs[trace.origin]!.title,
      family.documents.map((d) => docs[d]!.title),
    ),
    documents: family.documents.map((d) => docs[d]!.path),
    origin: docs[trace.origin]!.path,
    confidence: round4(trace.confidence),
    determined: trace.confidence >= DECISION_LINE,
    originEvidence: trace.originEvidence.map((e) => ({ type: e.type, weight: round4(e.weight), detail: e.detail })),
    edges: [...trace.edges]
      .sort((x, y) => compare(docs[x.parent]!.path, docs[y.parent]!.path) || compare(docs[x.child]!.path, docs[y.child]!.path))
      .map((e) => ({
        from: docs[e.parent]!.path,
        to: docs[e.child]!.path,
        confidence: round4(e.confidence),
        evidence: e.evidence.map((ev) => ({ type: ev.type, weight: round4(ev.weight), detail: ev.detail })),
        changes: e.changes,
      })),
    pairs: family.pairs.length,
  }));

  const errors = [...input.errors].sort((x, y) => compare(x.path, y.path) || compare(x.code, y.code));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "statdup", version: VERSION },
    settings: reportedSettings(input.options),
    summary: {
      documents: docs.length,
      paragraphs: docs.reduce((n, d) => n + d.paragraphs.length, 0),
      boilerplateParagraphs: bpCount.reduce((n, c) => n + c, 0),
      pairs: pairs.length,
      families: reportFamilies.length,
      errors: errors.length,
      files: input.files,
      candidatePairs: input.candidatePairs,
      verifiedPairs: input.verifiedPairs,
      elapsedMs: Math.round(input.elapsedMs),
    },
    documents,
    pairs,
    families: reportFamilies,
    errors,
  };
}
