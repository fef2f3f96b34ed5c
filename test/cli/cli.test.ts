/**
 * The command line in-process: `run(argv, io)` with a fake io that keeps
 * stdout and stderr apart. Table-driven rows (argv → exit code, stdout,
 * stderr) for every exit code of every command, which one wins when findings
 * and errors meet, --output, and colour; then a few spawn tests of
 * bin/statdup.js (the built dist/) with only NO_COLOR=1 in the environment.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";

const SEEDS = "fixtures/seeds";
const ANSI = /\u001b\[/;

let dir: string;

beforeAll(() => {
  dir = makeNewsroom({
    "newsroom/news/schools-again.md": newArticle(),
    "with-binary/a.md": newArticle(),
    "with-binary/b.md": newArticle(),
    "with-binary/blob.txt": "\u0000\u0001\u0002 not text",
    "statdup.config.json": "{}\n", // for the init row; empty, so harmless to the others
  });
});

afterAll(() => removeNewsroom(dir));

type Expect = string | RegExp;

interface Row {
  readonly argv: readonly string[];
  readonly code: 0 | 1 | 2;
  readonly stdout?: Expect;
  readonly stderr?: Expect;
  /** Run in the fixture folder rather than the repository. */
  readonly inFixture?: boolean;
}

function expectText(actual: string, expected: Expect | undefined): void {
  if (expected === undefined) return;
  if (typeof expected === "string") expect(actual).toBe(expected);
  else expect(actual).toMatch(expected);
}

const rows: Record<string, Row> = {
  "no arguments: help on stdout, exit 2": { argv: [], code: 2, stdout: /^Usage: statdup/, stderr: "" },
  "--version": { argv: ["--version"], code: 0, stdout: /^\d+\.\d+\.\d+\n$/, stderr: "" },
  "unknown command": { argv: ["lint"], code: 2, stdout: "", stderr: /unknown command 'lint'/ },
  "scan: ran": { argv: ["scan", SEEDS, "-q", "--no-config"], code: 0, stdout: /^statdup: 5 documents, .* 2 pairs in 2 families/, stderr: "" },
  "scan --verbose: the time each stage took, on stderr": {
    argv: ["scan", SEEDS, "-q", "--no-config", "--verbose"],
    code: 0,
    stdout: /^statdup: 5 documents/,
    stderr: /^statdup: time \(resident memory after\): discover \d+\.\d\d s \(\d+ MB\), read and fingerprint \d+\.\d\d s \(\d+ MB\), match paragraphs .*, families and provenance \d+\.\d\d s \(\d+ MB\), report \d+\.\d\d s \(\d+ MB\)\n$/,
  },
  "scan: a missing input": { argv: ["scan", "nope"], code: 2, stdout: "", stderr: "statdup: nope: no such file or directory\n" },
  "scan: an unknown format": { argv: ["scan", SEEDS, "--format", "xml"], code: 2, stdout: "", stderr: /argument 'xml' is invalid/ },
  "check: any pair fails by default": { argv: ["check", SEEDS], code: 1, stdout: /statdup check: failed: 2 document pairs with republished text \(17 passages\) · 2 pairs checked · policy: any reported pair fails\n$/, stderr: "" },
  "check: within --max-similarity 1 passes": { argv: ["check", SEEDS, "--max-similarity", "1"], code: 0, stdout: /statdup check: passed · 2 pairs checked, 2 within the limits/ },
  "check: --max-coverage breached by one pair": { argv: ["check", SEEDS, "--max-coverage", "0.5", "-q"], code: 1, stdout: /^statdup check: failed: 1 document pair .* 1 within the limits · policy: fails when coverage > 0\.5\n$/ },
  "check: --allow everything passes": { argv: ["check", SEEDS, "--allow", "*.txt"], code: 0, stdout: /2 allowed/ },
  "check: --allow-family of one member": { argv: ["check", SEEDS, "--allow-family", "003_*", "-q"], code: 1, stdout: /failed: 1 document pair .* 1 allowed/ },
  "check: a limit out of range": { argv: ["check", SEEDS, "--max-similarity", "1.5"], code: 2, stdout: "", stderr: /--max-similarity must be a number from 0 to 1/ },
  "check: a missing baseline": { argv: ["check", SEEDS, "--baseline", "none.json"], code: 2, stdout: "", stderr: "statdup: none.json: baseline not found (write one with --write-baseline)\n" },
  "check: findings and an unreadable file: 1, the file reported": { argv: ["check", "with-binary"], code: 1, stderr: /^statdup: blob\.txt: .*\n$/, inFixture: true },
  "check: findings and an unreadable file under --strict: errors win, 2": { argv: ["check", "with-binary", "--strict"], code: 2, stdout: /statdup check: failed/, stderr: /^statdup: blob\.txt: /, inFixture: true },
  "check: passes, unreadable file under --strict: 2": { argv: ["check", "with-binary", "--strict", "--allow", "*.md"], code: 2, stdout: /statdup check: passed/, inFixture: true },
  "check: --changed with the new article": { argv: ["check", "newsroom", "-q", "--changed", "newsroom/news/schools-again.md"], code: 1, stdout: /failed: 1 document pair .* 1 pair checked against 1 changed document/, inFixture: true },
  "check: machine formats put the verdict on stderr": { argv: ["check", SEEDS, "--format", "json"], code: 1, stdout: /^\{\n {2}"schemaVersion": 1/, stderr: /^statdup check: failed: 2 document pairs/ },
  "explain: a CI format is a usage error": { argv: ["explain", `${SEEDS}/003_969cd088062e8f53.txt`, `${SEEDS}/004_b0a4aa1939d752b1.txt`, "--format", "sarif"], code: 2, stdout: "", stderr: "statdup: explain writes --format text or json, not sarif\n" },
  "init: an existing config": { argv: ["init"], code: 2, stdout: "", stderr: "statdup: statdup.config.json already exists (use --force to overwrite it)\n", inFixture: true },
};

describe("exit codes, stdout and stderr", () => {
  it.each(Object.entries(rows))("%s", async (_name, row) => {
    const r = await runCli(row.argv, { cwd: row.inFixture ? dir : ROOT });
    expectText(r.stdout, row.stdout);
    expectText(r.stderr, row.stderr);
    expect(r.code).toBe(row.code);
  });
});

describe("--output FILE", () => {
  it.each(["text", "json", "sarif", "github", "markdown", "jsonl"])("check --format %s writes the file, nothing on stdout, the verdict on stderr", async (format) => {
    const out = `reports/check.${format}`;
    const r = await runCli(["check", "newsroom", "--format", format, "--output", out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^statdup check: failed: 2 document pairs/);
    const written = readFileSync(path.join(dir, ...out.split("/")), "utf8");
    expect(written.length).toBeGreaterThan(0);
    expect(written).not.toMatch(ANSI);
  });

  it("scan --output writes the same report it would print", async () => {
    const printed = await runCli(["scan", "newsroom", "--format", "markdown"], { cwd: dir });
    const r = await runCli(["scan", "newsroom", "--format", "markdown", "-o", "out/scan.md"], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(path.join(dir, "out", "scan.md"), "utf8")).toBe(printed.stdout);
  });

  it("a file that cannot be written is exit 2", async () => {
    const r = await runCli(["scan", "newsroom", "-o", "newsroom/news/schools-again.md/x.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^statdup: --output newsroom\/news\/schools-again\.md\/x\.txt: cannot write: /);
  });
});

describe("colour", () => {
  const argv = ["check", "newsroom", "-q"];

  it("on a terminal; never with NO_COLOR or --no-color; never in machine formats", async () => {
    expect((await runCli(argv, { cwd: dir, env: {}, isTTY: true })).stdout).toMatch(ANSI);
    expect((await runCli(argv, { cwd: dir, env: {}, isTTY: false })).stdout).not.toMatch(ANSI);
    expect((await runCli(argv, { cwd: dir, env: { NO_COLOR: "1" }, isTTY: true })).stdout).not.toMatch(ANSI);
    expect((await runCli([...argv, "--no-color"], { cwd: dir, env: {}, isTTY: true })).stdout).not.toMatch(ANSI);
    expect((await runCli([...argv, "--color"], { cwd: dir, env: {}, isTTY: false })).stdout).toMatch(ANSI);
    for (const format of ["markdown", "github", "json"]) {
      expect((await runCli([...argv, "--color", "--format", format], { cwd: dir, env: {}, isTTY: true })).stdout).not.toMatch(ANSI);
    }
  });
});

describe("bin/statdup.js, spawned with only NO_COLOR=1", () => {
  const bin = path.join(ROOT, "bin", "statdup.js");
  const built = existsSync(path.join(ROOT, "dist", "cli", "check.js"));

  function spawn(args: string[], cwd = ROOT) {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { NO_COLOR: "1" }, encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it.runIf(built)("check on the seeds: findings, exit 1", () => {
    const r = spawn(["check", SEEDS, "-q"]);
    expect(r).toEqual({
      status: 1,
      stdout: "statdup check: failed: 2 document pairs with republished text (17 passages) · 2 pairs checked · policy: any reported pair fails\n",
      stderr: "",
    });
  });

  it.runIf(built)("workers started before the inputs are listed neither keep a failed or a small run alive nor change its output", () => {
    // With two jobs, workers start while the inputs are listed; a missing input must still exit at once.
    const started = performance.now();
    const missing = spawnSync(process.execPath, [bin, "scan", "nope", "--jobs", "2"], { cwd: ROOT, env: { NO_COLOR: "1" }, encoding: "utf8", timeout: 20_000 });
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({ status: 2, stderr: "statdup: nope: no such file or directory\n" });
    // Five files are fingerprinted in this thread: the early workers are stopped, the report is the one-job report.
    const two = spawn(["scan", SEEDS, "--jobs", "2", "--format", "json", "--no-mtime"]);
    const one = spawn(["scan", SEEDS, "--jobs", "1", "--format", "json", "--no-mtime"]);
    expect(two.status).toBe(0);
    expect(two.stdout.replace(/"elapsedMs": \d+/, "")).toBe(one.stdout.replace(/"elapsedMs": \d+/, ""));
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it.runIf(built)("check --format github: annotations on stdout, the verdict on stderr", () => {
    const r = spawn(["check", SEEDS, "--format", "github", "--max-coverage", "0.5"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=fixtures\/seeds\/\d{3}_[0-9a-f]+\.txt,line=\d+,endLine=\d+,title=statdup%3A republished text::13 passages republished from fixtures\/seeds\/[^\n]+\n$/);
    expect(r.stderr).toMatch(/^statdup check: failed: 1 document pair with republished text \(13 passages\) · 2 pairs checked, 1 within the limits · policy: fails when coverage > 0\.5\n$/);
  });

  it.runIf(built)("check passing, and a usage error", () => {
    expect(spawn(["check", SEEDS, "--max-similarity", "1", "--format", "github"])).toEqual({
      status: 0,
      stdout: "",
      stderr: "statdup check: passed · 2 pairs checked, 2 within the limits · policy: fails when similarity > 1\n",
    });
    const bad = spawn(["check", SEEDS, "--max-coverage", "x"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--max-coverage must be a number from 0 to 1");
  });

  it("dist/ is built (npm install runs npm run build: tsc, then the CLI bundle)", () => {
    expect(built).toBe(true);
  });
});
