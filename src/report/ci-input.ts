/**
 * What the CI formats (sarif, github, markdown, jsonl) are given: the report,
 * its findings, and, for `check`, the verdict. For `scan`, every pair is a
 * finding, unjudged; for `check`, only the pairs that fail the policy are.
 */
import type { CheckResult, Finding } from "../check/check-model.js";
import type { ScanReport } from "./report-model.js";

export interface CiReportInput {
  readonly command: "scan" | "check";
  /** The report (for `check` under --changed/--since: limited to the checked scope). */
  readonly report: ScanReport;
  readonly findings: readonly Finding[];
  /** The verdict, for `check`. */
  readonly check?: CheckResult | undefined;
  /**
   * A document's path relative to the working directory, `/` separators, without
   * a JSON Lines record's `#id`: what code scanning and annotations address.
   */
  filePath(reportPath: string): string;
}

/** "5" or "5–7". */
export function lineRange(line: number, endLine: number): string {
  return endLine > line ? `${line}–${endLine}` : String(line);
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Share of the copy found in the original. */
export function copyCoverage(f: Finding): number {
  return f.copy === f.a ? f.coverage.a : f.coverage.b;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The record id of a JSON Lines document (`file.jsonl#id` → `#id`), or "". */
export function recordSuffix(reportPath: string): string {
  const hash = reportPath.indexOf("#");
  return hash < 0 ? "" : reportPath.slice(hash);
}
