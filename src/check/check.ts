/**
 * `check` as a library call that never prints: scan the corpus, limit it to the
 * changed documents (if any), apply the policy and the baseline, and optionally
 * record today's findings as the new baseline. The CLI (cli/check.ts) is a
 * thin shell over this: it prints, renders and picks the exit code.
 *
 * Usage errors (a git failure, a missing or malformed baseline) throw before
 * the scan starts; a policy breach is a result (`result.passed === false`).
 */
import path from "node:path";
import type { ScanOptions } from "../options.js";
import type { ScanReport } from "../report/report-model.js";
import { analyze, type Analysis } from "../scan.js";
import { readBaseline, writeBaseline, type BaselineFile } from "./baseline.js";
import type { CheckResult, Policy } from "./check-model.js";
import { documentPaths, type DocumentPaths } from "./document-paths.js";
import { gitChangedFiles } from "./git-changes.js";
import { allowedApart, evaluatePolicy } from "./policy.js";
import { changedDocuments, scopeReport } from "./scope.js";

export interface CheckRequest {
  readonly policy?: Policy;
  /** A baseline file (relative to the working directory): only findings it does not record fail. */
  readonly baseline?: string | undefined;
  /** Record today's findings in this file (the baseline is then not read); the result passes. */
  readonly writeBaseline?: string | undefined;
  /** Check only these files (relative to the working directory) against the corpus. */
  readonly changed?: readonly string[] | undefined;
  /** Check only files changed since this Git revision (with `changed`, both). */
  readonly since?: string | undefined;
}

export interface CheckRun {
  readonly analysis: Analysis;
  /** The report in scope: pairs with a changed document only, under changed/since. */
  readonly report: ScanReport;
  readonly result: CheckResult;
  readonly paths: DocumentPaths;
  /** Files named in `changed` that are no scanned document (absolute paths). */
  readonly unmatchedChanged: readonly string[];
  /** What was written, under `writeBaseline`. */
  readonly written?: BaselineFile;
}

export async function check(scan: ScanOptions = {}, request: CheckRequest = {}): Promise<CheckRun> {
  const cwd = scan.cwd ?? process.cwd();
  const paths = documentPaths(scan.inputs && scan.inputs.length > 0 ? scan.inputs : ["."], cwd);
  const shown = (file: string): string => (path.isAbsolute(file) ? path.relative(cwd, file) || file : file);

  // What can fail fast does so before the scan: git, the baseline.
  const named = (request.changed ?? []).map((f) => path.resolve(cwd, f));
  const changedFiles =
    request.changed !== undefined || request.since !== undefined
      ? [...named, ...(request.since !== undefined ? await gitChangedFiles(request.since, cwd) : [])]
      : undefined;
  const baseline =
    request.baseline !== undefined && request.writeBaseline === undefined
      ? readBaseline(path.resolve(cwd, request.baseline), shown(request.baseline), paths)
      : undefined;

  const analysis = await analyze({ ...scan, cwd, groupApart: allowedApart(request.policy ?? {}, cwd, paths) });
  let changed: Set<string> | undefined;
  let unmatchedChanged: string[] = [];
  if (changedFiles) {
    const found = changedDocuments(analysis.report, changedFiles, paths.absolute);
    changed = found.changed;
    const wanted = new Set(named);
    unmatchedChanged = found.unmatched.filter((f) => wanted.has(f));
  }
  const report = scopeReport(analysis.report, changed);
  const evaluation = { policy: request.policy ?? {}, changed, paths, cwd };

  if (request.writeBaseline === undefined) {
    return { analysis, report, paths, unmatchedChanged, result: evaluatePolicy(report, analysis, { ...evaluation, baseline }) };
  }
  const file = path.resolve(cwd, request.writeBaseline);
  const written = writeBaseline(file, evaluatePolicy(report, analysis, evaluation).findings, paths, analysis);
  const result = evaluatePolicy(report, analysis, { ...evaluation, baseline: readBaseline(file, shown(request.writeBaseline), paths) });
  return { analysis, report, paths, unmatchedChanged, result, written };
}
