/**
 * Findings: what `statdup check` (and the CI formats of `scan`) report, one per
 * document pair, each with the duplicated passages that make it.
 *
 * A finding is directed: `copy` is the document that carries the duplicated
 * text where it should not (the changed document under `--changed`/`--since`,
 * else the one further from the family's origin), `original` the document whose
 * text it duplicates. CI formats put their annotation on the copy and point at
 * the original. This is the `check` part of the JSON report (see
 * docs/statdup-report.schema.json).
 */
import type { ReportPair } from "../report/report-model.js";

/** One side of a duplicated passage: a paragraph of a document. */
export interface PassageSide {
  readonly path: string;
  /** 0-based paragraph index in the document. */
  readonly paragraph: number;
  /** 1-based first and last line of the paragraph in the file. */
  readonly line: number;
  readonly endLine: number;
}

/** One duplicated passage: a paragraph of the copy matched to a paragraph of the original. */
export interface FindingPassage {
  readonly copy: PassageSide;
  readonly original: PassageSide;
  /** Jaccard similarity of the two paragraphs' shingle sets. */
  readonly similarity: number;
  readonly kind: "exact" | "near" | "partial";
  /**
   * Stable fingerprint of the passage: 16 hex digits of SHA-256 over the two
   * paragraphs' normalised texts (sorted). Line moves, rewrapping, case and
   * quote changes, and edits elsewhere in either file keep it.
   */
  readonly fingerprint: string;
  /** The start of the copy's paragraph, flattened, for messages. */
  readonly excerpt: string;
}

export interface Finding {
  readonly copy: string;
  readonly original: string;
  /** The pair as the report gives it (paths `a` < `b`). */
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
  readonly coverage: { readonly a: number; readonly b: number };
  readonly kind: ReportPair["kind"];
  readonly family: number;
  /** Why the policy forbids it, in words (empty for `scan`, where nothing is judged). */
  readonly reasons: readonly string[];
  /** The passages that make the finding: under a baseline, only the new ones. */
  readonly passages: readonly FindingPassage[];
  /** Passages of this pair accepted by the baseline. */
  readonly baselinedPassages: number;
}

/** The policy a check applies (all optional: none means any reported pair fails). */
export interface Policy {
  /** Fail when a pair's similarity > maxSimilarity. */
  readonly maxSimilarity?: number | undefined;
  /** Fail when a pair's coverage.a or coverage.b > maxCoverage. */
  readonly maxCoverage?: number | undefined;
  /** Pairs with a document matching one of these globs are allowed. */
  readonly allow?: readonly string[];
  /** Every pair of a family with a document matching one of these globs is allowed. */
  readonly allowFamily?: readonly string[];
}

export interface CheckCounts {
  /** Reported pairs in scope (with a changed document, under --changed/--since). */
  readonly pairs: number;
  /** Pairs within the limits of --max-similarity/--max-coverage. */
  readonly withinLimits: number;
  /** Pairs allowed by --allow/--allow-family. */
  readonly allowed: number;
  /** Pairs every passage of which the baseline accepts. */
  readonly baselined: number;
  /** Pairs that fail the check. */
  readonly findings: number;
  /** Passages of the failing pairs. */
  readonly passages: number;
}

/** The outcome of `statdup check`: `passed` is false exactly when `findings` is not empty. */
export interface CheckResult {
  readonly passed: boolean;
  readonly policy: {
    readonly maxSimilarity: number | null;
    readonly maxCoverage: number | null;
    readonly allow: readonly string[];
    readonly allowFamily: readonly string[];
    /** The baseline file applied, as given, or null. */
    readonly baseline: string | null;
  };
  /** The documents checked (report paths), or null when every document is. */
  readonly changed: readonly string[] | null;
  readonly counts: CheckCounts;
  readonly findings: readonly Finding[];
}
