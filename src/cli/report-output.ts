/**
 * Render a report in the chosen `--format` and write it to stdout, or to the
 * `--output` file. One place for every format of `scan` and `check`, so both
 * commands write the same formats the same way.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { ChalkInstance } from "chalk";
import type { CheckResult, Finding } from "../check/check-model.js";
import type { DocumentPaths } from "../check/document-paths.js";
import { UsageError } from "../errors.js";
import { checkTextReport } from "../report/check-text.js";
import type { CiReportInput } from "../report/ci-input.js";
import { githubChunks } from "../report/github.js";
import { dotReport, mermaidReport } from "../report/graph-formats.js";
import { jsonChunks } from "../report/json-stream.js";
import { jsonlChunks } from "../report/jsonl.js";
import { markdownReport } from "../report/markdown.js";
import type { ScanReport } from "../report/report-model.js";
import { sarifChunks } from "../report/sarif.js";
import { summaryLine, textReport } from "../report/text-report.js";
import type { Analysis } from "../scan.js";
import { colorLevel, makeChalk } from "./color.js";
import type { CliIo } from "./io.js";

export const FORMATS = ["text", "json", "dot", "mermaid", "sarif", "github", "markdown", "jsonl"] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderRequest {
  readonly command: "scan" | "check";
  readonly format: Format;
  readonly analysis: Analysis;
  /** The report to show: the analysis's, or for check the scoped one. */
  readonly report: ScanReport;
  /** Findings for the CI formats (computed only when one of them asks). */
  findings(): readonly Finding[];
  readonly check?: CheckResult | undefined;
  readonly paths: DocumentPaths;
  readonly cwd: string;
  readonly color: ChalkInstance;
  readonly quiet: boolean;
}

/** The report as text in the chosen format, in chunks (JSON is made a piece at a time: report/json-stream.ts). */
export function renderReport(r: RenderRequest): Iterable<string> {
  if (r.format === "json") return jsonChunks(r.check ? { ...r.report, check: r.check } : r.report);
  if (r.format === "jsonl") return jsonlChunks(ciInput(r));
  // SARIF and GitHub's annotations grow with the findings: made a piece at a time too.
  if (r.format === "sarif") return sarifChunks(ciInput(r), r.cwd);
  if (r.format === "github") return githubChunks(ciInput(r));
  return [renderText(r, r.format)];
}

function ciInput(r: RenderRequest): CiReportInput {
  return {
    command: r.command,
    report: r.report,
    findings: r.findings(),
    check: r.check,
    filePath: (p) => {
      const rel = r.paths.relativeTo(r.cwd, p);
      const hash = rel.indexOf("#");
      return hash < 0 ? rel : rel.slice(0, hash);
    },
  };
}

function renderText(r: RenderRequest, format: Exclude<Format, "json" | "jsonl" | "sarif" | "github">): string {
  const ci = (): CiReportInput => ciInput(r);
  switch (format) {
    case "dot":
      return dotReport(r.report);
    case "mermaid":
      return mermaidReport(r.report);
    case "markdown":
      return markdownReport(ci());
    case "text":
      if (r.check) return checkTextReport(r.check, r.color, r.quiet);
      return r.quiet ? summaryLine(r.report) + "\n" : textReport(r.analysis, { color: r.color });
  }
}

/** The colour of the text report: never in a file unless --color, never for machine formats. */
export function reportColor(format: Format, flag: boolean | undefined, output: string | undefined, io: CliIo): ChalkInstance {
  if (format !== "text") return makeChalk(0);
  return makeChalk(colorLevel({ flag, env: io.env, isTTY: output === undefined && io.stdout.isTTY === true }));
}

/** Write the report to `output` (relative to the working directory; folders made) or to stdout. */
export function writeReport(chunks: Iterable<string>, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    for (const chunk of chunks) io.stdout.write(chunk);
    return;
  }
  const file = path.resolve(io.cwd, output);
  let fd: number | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    fd = openSync(file, "w");
    for (const chunk of chunks) {
      // writeSync may write less than asked: loop until the chunk is all out.
      const bytes = Buffer.from(chunk, "utf8");
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
  } catch (err) {
    throw new UsageError(`--output ${output}: cannot write: ${(err as Error).message}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
