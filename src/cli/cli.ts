/**
 * The command line: a thin shell over the library. Parses arguments with
 * commander, runs the scan, writes the report to stdout and everything else
 * (per-file errors, warnings) to stderr, and returns the exit code:
 *
 *   0  the command ran (and, for check, the policy held)
 *   1  check found what the policy forbids
 *   2  usage, configuration or fatal error
 *
 * It never calls process.exit(): bin/statdup.js sets process.exitCode, so piped
 * output is never cut short. `scan` and `explain` live here; `check` in
 * check.ts, `init` in init.ts; every format is written by report-output.ts; the
 * configuration file is merged in by apply-config.ts (a preAction hook).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import path from "node:path";
import { StatdupError, UsageError } from "../errors.js";
import { DEFAULTS, type ScanOptions } from "../options.js";
import { heapCheck, RelaunchWithHeap } from "./heap-limit.js";
import { progressBar, type ProgressSink } from "./progress.js";
import { explain } from "../report/explain.js";
import { explainText } from "../report/explain-text.js";
import { analyze } from "../scan.js";
import { VERSION } from "../version.js";
import { documentPaths } from "../check/document-paths.js";
import { scanFindings } from "../check/findings.js";
import { applyConfig } from "./apply-config.js";
import { addCheckOptions, runCheck, type CheckFlags } from "./check.js";
import { colorLevel, makeChalk } from "./color.js";
import { runInit } from "./init.js";
import { writeProblems, type CliIo } from "./io.js";
import { FORMATS, renderReport, reportColor, writeReport } from "./report-output.js";

function numberIn(name: string, min: number, max: number, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}.`);
    }
    return n;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

interface ScanFlags {
  format: (typeof FORMATS)[number];
  include?: string[];
  exclude?: string[];
  dot?: boolean;
  follow?: boolean;
  gitignore: boolean;
  ignoreFile?: string[];
  shingleSize: number;
  threshold: number;
  minCoverage: number;
  minWords: number;
  maxFileSize: number;
  textMemory: number;
  jobs?: number;
  seed: number;
  dateOrder: "auto" | "dmy" | "mdy";
  mtime: boolean;
  color?: boolean;
  quiet?: boolean;
  progress?: boolean;
  verbose?: boolean;
  encoding: string;
  stdinFormat: "text" | "markdown" | "html" | "jsonl";
  jsonlText?: string;
  jsonlId?: string;
  jsonlDate?: string;
  jsonlTitle?: string;
  jsonlUrl?: string;
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: "metadata" | "content";
  strict?: boolean;
  output?: string;
  /** -c FILE, or false for --no-config. */
  config?: string | false;
}

function addScanOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("text"))
    .option("--include <glob>", "files to read inside folders (repeatable; default **/*.{txt,md,markdown,html,htm,jsonl,ndjson})", collect)
    .option("--exclude <glob>", "files or folders to skip (repeatable; .git and node_modules always are)", collect)
    .option("--dot", "also read files and folders whose names start with a dot (.git never)")
    .option("--follow", "follow symbolic links to folders (loops are reported, each file read once)")
    .option("--no-gitignore", "do not honour .gitignore files (.statdupignore files still are)")
    .option("--ignore-file <file>", "more ignore rules, gitignore syntax, patterns relative to the file's folder (repeatable)", collect)
    .option("--shingle-size <words>", "words per shingle", numberIn("--shingle-size", 1, 32, true), DEFAULTS.shingleSize)
    .option("--threshold <share>", "paragraph match: share of the smaller paragraph found in the other", numberIn("--threshold", 0.01, 1, false), DEFAULTS.threshold)
    .option("--min-coverage <share>", "document pair: share of either document found in the other", numberIn("--min-coverage", 0, 1, false), DEFAULTS.minCoverage)
    .option("--min-words <n>", "shorter paragraphs only match when identical and never make a pair alone", numberIn("--min-words", 1, 1000, true), DEFAULTS.minWords)
    .option("--max-file-size <bytes>", "skip larger files with an error", numberIn("--max-file-size", 1, Number.MAX_SAFE_INTEGER, true), DEFAULTS.maxFileSize)
    .option("--text-memory <MB>", "paragraph text kept in memory; beyond, reported documents are read again (does not change the result)", numberIn("--text-memory", 0, 1_000_000, false), DEFAULTS.textMemory)
    .option("-j, --jobs <n>", "worker threads reading and fingerprinting files (default: the number of cores)", numberIn("--jobs", 1, 256, true))
    .option("--seed <n>", "seed of the MinHash functions", numberIn("--seed", 0, 0xffffffff, true), DEFAULTS.seed)
    .addOption(new Option("--date-order <order>", "how to read numeric dates like 03/04/2020 (auto leaves ambiguous ones undated)").choices(["auto", "dmy", "mdy"]).default("auto"))
    .option("--no-mtime", "never use a file's modification time as its date")
    .option("--encoding <name>", "encoding of files without a byte order mark: auto (UTF-8, else Windows-1252), or e.g. windows-1252, iso-8859-2, shift_jis", "auto")
    .addOption(new Option("--stdin-format <format>", "how - (standard input) is read").choices(["text", "markdown", "html", "jsonl"]).default("text"))
    .option("--jsonl-text <field>", "JSON Lines field holding the text (default text; a.b for nested fields)")
    .option("--jsonl-id <field>", "JSON Lines field holding the id: documents are file.jsonl#<id> (default id)")
    .option("--jsonl-date <field>", "JSON Lines field holding the date (default date)")
    .option("--jsonl-title <field>", "JSON Lines field holding the title (default title)")
    .option("--jsonl-url <field>", "JSON Lines field holding the URL (default url)")
    .option("--cache", "keep each file's fingerprints between runs: files unchanged since the last run are not read again")
    .option("--no-cache", "read every file (the default; turns off cache: true from a configuration file)")
    .option("--cache-location <dir>", "folder of the cache (default .statdupcache)")
    .addOption(new Option("--cache-strategy <strategy>", "when a cached file counts as unchanged: metadata (size and modification time) or content (SHA-256 of its bytes; for CI checkouts)").choices(["metadata", "content"]))
    .option("--strict", "exit 2 when any file or record could not be read (after reporting)")
    .option("-c, --config <file>", "read the configuration from file (default: statdup.config.json, .statduprc.json, .statduprc, .statdup.json or package.json#statdup, searched upward to the repository root)")
    .option("--no-config", "read no configuration file")
    .option("--color", "colour the text report even when not writing to a terminal")
    .option("--no-color", "never colour (NO_COLOR=1 does the same)")
    .option("-q, --quiet", "print only the summary line")
    .option("--no-progress", "never draw the progress bar (drawn on a terminal, outside CI, for scans over a second)")
    .option("--verbose", "on stderr: the time and memory of each stage, what the cache did, and stack traces of unexpected errors");
}

function scanOptions(inputs: string[], flags: ScanFlags, io: CliIo, stdin: string | undefined): ScanOptions {
  return {
    inputs,
    cwd: io.cwd,
    ...(flags.include ? { include: flags.include } : {}),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(flags.dot ? { dot: true } : {}),
    ...(flags.follow ? { follow: true } : {}),
    gitignore: flags.gitignore,
    ...(flags.ignoreFile ? { ignoreFile: flags.ignoreFile } : {}),
    shingleSize: flags.shingleSize,
    threshold: flags.threshold,
    minCoverage: flags.minCoverage,
    minWords: flags.minWords,
    maxFileSize: flags.maxFileSize,
    textMemory: flags.textMemory,
    // The process is statdup's own: collecting its whole heap once is fine (options.ts).
    collectGarbage: true,
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    seed: flags.seed,
    dateOrder: flags.dateOrder,
    mtime: flags.mtime,
    encoding: flags.encoding,
    stdinFormat: flags.stdinFormat,
    ...(flags.jsonlText !== undefined ? { jsonlText: flags.jsonlText } : {}),
    ...(flags.jsonlId !== undefined ? { jsonlId: flags.jsonlId } : {}),
    ...(flags.jsonlDate !== undefined ? { jsonlDate: flags.jsonlDate } : {}),
    ...(flags.jsonlTitle !== undefined ? { jsonlTitle: flags.jsonlTitle } : {}),
    ...(flags.jsonlUrl !== undefined ? { jsonlUrl: flags.jsonlUrl } : {}),
    ...(flags.cache !== undefined ? { cache: flags.cache } : {}),
    ...(flags.cacheLocation !== undefined ? { cacheLocation: flags.cacheLocation } : {}),
    ...(flags.cacheStrategy !== undefined ? { cacheStrategy: flags.cacheStrategy } : {}),
    ...(stdin !== undefined ? { stdin } : {}),
    // Listed inputs too large for Node's heap: start again with a larger one, before reading.
    ...(io.heap ? { beforeReading: heapCheck(io.heap, io.stderr, flags.quiet === true) } : {}),
  };
}

/** Exit code 2 under --strict when a file or record was skipped (warnings do not count). */
function strictCode(flags: ScanFlags, errors: readonly { severity: string }[]): number {
  return flags.strict && errors.some((e) => e.severity === "error") ? 2 : 0;
}

/** The progress bar, where one may be drawn (progress.ts says when it is). */
function progressFor(flags: ScanFlags, io: CliIo): ProgressSink {
  const stream = io.stderr as { isTTY?: boolean } & Partial<NodeJS.WritableStream>;
  const enabled = flags.progress !== false && flags.quiet !== true && stream.isTTY === true && !io.env.CI && typeof stream.write === "function";
  return progressBar({ enabled, stream: io.stderr as NodeJS.WritableStream });
}

async function runScan(inputs: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const stdin = inputs.includes("-") ? await io.readStdin() : undefined;
  const bar = progressFor(flags, io);
  const analysis = await analyze({ ...scanOptions(inputs, flags, io, stdin), onProgress: bar.update }).finally(bar.stop);
  writeProblems(analysis, io, flags.verbose === true);
  const exit = strictCode(flags, analysis.report.errors);
  const report = renderReport({
    command: "scan",
    format: flags.format,
    analysis,
    report: analysis.report,
    findings: () => scanFindings(analysis.report, analysis),
    paths: documentPaths(analysis.options.inputs, analysis.options.cwd),
    cwd: io.cwd,
    color: reportColor(flags.format, flags.color, flags.output, io),
    quiet: flags.quiet === true,
  });
  writeReport(report, flags.output, io);
  return exit;
}

async function runExplain(a: string, b: string, flags: ScanFlags, io: CliIo): Promise<number> {
  if (flags.format !== "text" && flags.format !== "json") throw new UsageError(`explain writes --format text or json, not ${flags.format}`);
  // Explain every shared paragraph, even where the pair is under the reporting thresholds.
  const analysis = await analyze({ ...scanOptions([a, b], flags, io, undefined), minCoverage: 0, keepTexts: true });
  writeProblems(analysis, io, flags.verbose === true);
  const [docA, docB] = [a, b].map((input) => analysis.report.documents.find((d) => path.resolve(io.cwd, d.path) === path.resolve(io.cwd, input)));
  if (!docA || !docB) throw new UsageError(`explain needs two readable documents: ${!docA ? a : b} could not be read`);
  const x = explain(analysis, docA.path, docB.path, analysis.paragraphLines(docA.path), analysis.paragraphLines(docB.path));
  if (flags.format === "json") {
    io.stdout.write(JSON.stringify(x, null, 2) + "\n");
    return 0;
  }
  const color = makeChalk(colorLevel({ flag: flags.color, env: io.env, isTTY: io.stdout.isTTY === true }));
  io.stdout.write(explainText(x, color, io.stdout.columns ?? 120));
  return 0;
}

/** Run statdup with `argv` (without node and script), returning the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let verbose = argv.includes("--verbose");
  const program = new Command()
    .name("statdup")
    .description("Find the same text published more than once, and tell where it came from.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .hook("preAction", async (_program, action) => {
      if (action.name() === "init") return;
      const files = await applyConfig(action, io);
      if (verbose && files.length > 0) io.stderr.write(`statdup: configuration: ${files.join(", ")}\n`);
    });

  addScanOptions(
    program
      .command("scan")
      .description("report near-duplicate republications in folders, files or globs (- reads standard input)")
      .argument("[inputs...]", "folders, files or globs", ["."]),
  )
    .option("-o, --output <file>", "write the report to file instead of standard output")
    .addHelpText(
      "after",
      `
Examples:
  statdup scan fixtures/seeds                  families of republished text, for people
  statdup scan docs --format json > report.json
  statdup scan 'archive/**/*.md' --exclude drafts --min-coverage 0.5
  statdup scan content --format sarif --output statdup.sarif`,
    )
    .action(async (inputs: string[], flags: ScanFlags) => {
      verbose = flags.verbose === true;
      exitCode = await runScan(inputs, flags, io);
    });

  addScanOptions(
    program
      .command("explain")
      .description("show two documents side by side, aligned paragraph by paragraph, with word-level differences")
      .argument("<a>", "first document")
      .argument("<b>", "second document"),
  )
    .addHelpText(
      "after",
      `
Examples:
  statdup explain fixtures/seeds/003_969cd088062e8f53.txt fixtures/seeds/004_b0a4aa1939d752b1.txt
  statdup explain a.md b.md --format json`,
    )
    .action(async (a: string, b: string, flags: ScanFlags) => {
      verbose = flags.verbose === true;
      exitCode = await runExplain(a, b, flags, io);
    });

  addCheckOptions(
    addScanOptions(
      program
        .command("check")
        .description("the CI lint step: scan, then fail (exit 1) when a pair of documents shares text the policy forbids")
        .argument("[inputs...]", "folders, files or globs", ["."]),
    ).option("-o, --output <file>", "write the report to file instead of standard output"),
  )
    .addHelpText(
      "after",
      `
Policy: with no options every pair that scan reports fails. With --max-similarity
and/or --max-coverage, a pair fails when similarity > max, or when coverage of
either document > max (a value equal to the limit passes). --allow and
--allow-family let pairs pass; a --baseline accepts the passages it records.

Exit codes: 0 passed; 1 findings; 2 usage, configuration or fatal error (and,
with --strict, a file that could not be read). When both occur, 2 wins.

Examples:
  statdup check content                                   any republished text fails
  statdup check content --write-baseline .statdup-baseline.json
  statdup check content --baseline .statdup-baseline.json only new findings fail
  statdup check content --since origin/main --format github
  statdup check content --changed content/new-article.md --max-coverage 0.5`,
    )
    .action(async (inputs: string[], flags: ScanFlags & CheckFlags) => {
      verbose = flags.verbose === true;
      const stdin = inputs.includes("-") ? await io.readStdin() : undefined;
      exitCode = await runCheck(scanOptions(inputs, flags, io, stdin), flags, io);
    });

  program
    .command("init")
    .description("write a starter statdup.config.json in the working directory")
    .option("--force", "overwrite an existing statdup.config.json")
    .action((flags: { force?: boolean }) => {
      exitCode = runInit(flags, io);
    });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof RelaunchWithHeap && io.heap) return await io.heap.relaunch(err.nodeFlags);
    if (err instanceof CommanderError) {
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help" ? 0 : 2;
    }
    if (err instanceof StatdupError) {
      io.stderr.write(`statdup: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`statdup: internal error: ${(err as Error).message ?? String(err)}\n`);
    if (verbose && err instanceof Error && err.stack) io.stderr.write(err.stack + "\n");
    return 2;
  }
}
