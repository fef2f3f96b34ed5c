/**
 * The JSON report: statdup's public output contract (`--format json`).
 *
 * Documented field by field in docs/statdup-report.schema.json and README.md.
 * Fields may be added; none is renamed or removed without a new `schemaVersion`.
 */
import type { DateSource } from "../model.js";
import type { OriginEvidence } from "../trace/trace.js";
import type { EdgeChanges } from "../trace/variants.js";

export type { EdgeChanges, OriginEvidence };

export const SCHEMA_VERSION = 1;

export interface ReportSummary {
  /** Documents scanned (files that could not be read are not documents). */
  readonly documents: number;
  readonly paragraphs: number;
  /** Paragraph occurrences recognised as boilerplate and kept out of the evidence. */
  readonly boilerplateParagraphs: number;
  /** Reported document pairs. */
  readonly pairs: number;
  readonly families: number;
  /** Entries in `errors` (files skipped or read with a warning). */
  readonly errors: number;
  /** Files selected by discovery. */
  readonly files: number;
  /** Paragraph pairs proposed by the LSH index and verified exactly. */
  readonly candidatePairs: number;
  /** Document pairs with at least one paragraph match, before the coverage rule. */
  readonly verifiedPairs: number;
  readonly elapsedMs: number;
}

export interface ReportDocument {
  readonly path: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly dateSource: DateSource | null;
  readonly site: string | null;
  readonly url: string | null;
  readonly paragraphs: number;
  readonly words: number;
  readonly boilerplateParagraphs: number;
  readonly sha256: string;
}

export interface MatchSide {
  /** 0-based paragraph index in the document. */
  readonly paragraph: number;
  /** 1-based first and last line of the paragraph in the file. */
  readonly line: number;
  readonly endLine: number;
}

export interface ReportMatch {
  readonly a: MatchSide;
  readonly b: MatchSide;
  /** Jaccard similarity of the two paragraphs' shingle sets. */
  readonly similarity: number;
  /** Share of the smaller paragraph's shingles found in the other. */
  readonly containment: number;
  /** `exact` (same text after normalisation), `near` (Jaccard ≥ 0.5), `partial`. */
  readonly kind: "exact" | "near" | "partial";
}

export interface ReportPair {
  readonly a: string;
  readonly b: string;
  /** Jaccard similarity of the documents' non-boilerplate shingle sets. */
  readonly similarity: number;
  /** Share of each side's non-boilerplate text found in the other. */
  readonly coverage: { readonly a: number; readonly b: number };
  readonly kind: "identical" | "near-duplicate" | "excerpt" | "shared-passage";
  /** Id of the family the pair belongs to. */
  readonly family: number;
  readonly matches: readonly ReportMatch[];
}

export interface ReportEvidence {
  /** `earlier-date`, `stated-date`, `title-label`, `contains`, `attribution` or `shared-variants`. */
  readonly type: "earlier-date" | "stated-date" | "title-label" | "contains" | "attribution" | "shared-variants";
  /** Signed weight: > 0 supports this edge's direction, < 0 the reverse. */
  readonly weight: number;
  /** What was seen, in words. */
  readonly detail: string;
}

export interface ReportEdge {
  /** The parent (source) document. */
  readonly from: string;
  /** The child: the document copied from `from`. */
  readonly to: string;
  /** Probability that `from` is this document's parent, 0..1. */
  readonly confidence: number;
  readonly evidence: readonly ReportEvidence[];
  /** What the child changed relative to the parent (fields documented in trace/variants.ts). */
  readonly changes: EdgeChanges;
}

export interface ReportFamily {
  /** 1-based, in report order: most documents first. */
  readonly id: number;
  readonly title: string | null;
  readonly documents: readonly string[];
  /** The most likely origin, always given so that programs can rank. */
  readonly origin: string;
  /** Probability that `origin` is right, 0..1. */
  readonly confidence: number;
  /** false when `confidence` is below the decision line: "direction undetermined". */
  readonly determined: boolean;
  /** Evidence about the origin itself: `copy-claim` (it says it was taken from elsewhere; counts against), `credited` (another member credits it as the source; counts for), `site-record` (how often its site held the origin in settled families), `later-date` (another member states an earlier date; counts against). */
  readonly originEvidence: readonly OriginEvidence[];
  /** The provenance tree: one edge per document but the origin. */
  readonly edges: readonly ReportEdge[];
  /** Number of reported pairs inside the family. */
  readonly pairs: number;
}

export interface ReportError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** `error`: the file was skipped; `warning`: it was read, with the problem noted. */
  readonly severity: "error" | "warning";
}

export interface ScanReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: "statdup"; readonly version: string };
  readonly settings: Readonly<Record<string, unknown>>;
  readonly summary: ReportSummary;
  readonly documents: readonly ReportDocument[];
  readonly pairs: readonly ReportPair[];
  readonly families: readonly ReportFamily[];
  readonly errors: readonly ReportError[];
}
