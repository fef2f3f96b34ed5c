/**
 * `statdup check`: the scan, then the policy (check/policy.ts); the CI lint
 * step. Exit codes:
 *
 *   0  the policy holds (or --write-baseline recorded today's findings)
 *   1  findings the policy forbids
 *   2  usage, configuration or fatal error — including, under --strict, a file
 *      that could not be read. Errors win: a run with findings and such an
 *      error exits 2.
 *
 * The report (findings only) goes to stdout or --output; per-file problems, and
 * for machine formats or --output the verdict line, go to stderr.
 */
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { check } from "../check/check.js";
import type { ScanOptions } from "../options.js";
import { verdictLine } from "../report/check-text.js";
import { makeChalk } from "./color.js";
import { writeProblems, type CliIo } from "./io.js";
import { renderReport, reportColor, writeReport, type Format } from "./report-output.js";

export interface CheckFlags {
  format: Format;
  output?: string;
  maxSimilarity?: number;
  maxCoverage?: number;
  allow?: string[];
  allowFamily?: string[];
  baseline?: string;
  writeBaseline?: string;
  changed?: string[];
  since?: string;
  strict?: boolean;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

function share(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${name} must be a number from 0 to 1.`);
    return n;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The options only `check` has. */
export function addCheckOptions(cmd: Command): Command {
  return cmd
    .option("--max-similarity <share>", "fail only pairs whose similarity > share (0..1)", share("--max-similarity"))
    .option("--max-coverage <share>", "fail only pairs where more than share of a document is found in the other: coverage > share (0..1)", share("--max-coverage"))
    .option("--allow <glob>", "pairs with a document matching glob pass (repeatable)", collect)
    .option("--allow-family <glob>", "every pair of a family with a document matching glob passes (repeatable)", collect)
    .option("--baseline <file>", "accept the findings recorded in file: only new ones fail")
    .option("--write-baseline <file>", "record today's findings in file, and pass")
    .option("--changed <files...>", "check only these documents against the whole corpus (put it after the inputs)")
    .option("--since <git-ref>", "check only documents changed since git-ref (git diff --name-only, plus untracked files)");
}

export async function runCheck(scan: ScanOptions, flags: CheckFlags, io: CliIo): Promise<number> {
  const cwd = scan.cwd ?? io.cwd;
  const run = await check(
    { ...scan, cwd },
    {
      policy: { maxSimilarity: flags.maxSimilarity, maxCoverage: flags.maxCoverage, allow: flags.allow ?? [], allowFamily: flags.allowFamily ?? [] },
      baseline: flags.baseline,
      writeBaseline: flags.writeBaseline,
      changed: flags.changed,
      since: flags.since,
    },
  );
  const { analysis, result } = run;
  writeProblems(analysis, io, flags.verbose === true);
  for (const f of run.unmatchedChanged) io.stderr.write(`statdup: warning: --changed ${path.relative(cwd, f) || f}: not among the scanned documents\n`);
  if (run.written) {
    const pairs = run.written.findings.length;
    const passages = run.written.findings.reduce((n, e) => n + e.passages.length, 0);
    io.stderr.write(`statdup: wrote ${pairs} accepted pair${pairs === 1 ? "" : "s"} (${passages} passage${passages === 1 ? "" : "s"}) to ${flags.writeBaseline}\n`);
  }

  const text = renderReport({
    command: "check",
    format: flags.format,
    analysis,
    report: run.report,
    findings: () => result.findings,
    check: result,
    paths: run.paths,
    cwd,
    color: reportColor(flags.format, flags.color, flags.output, io),
    quiet: flags.quiet === true,
  });
  writeReport(text, flags.output, io);
  if (flags.format !== "text" || flags.output !== undefined) io.stderr.write(verdictLine(result, makeChalk(0)) + "\n");

  // Errors win: under --strict an unreadable file is exit 2 even when there are findings.
  if (flags.strict === true && analysis.report.errors.some((e) => e.severity === "error")) return 2;
  return result.passed ? 0 : 1;
}
