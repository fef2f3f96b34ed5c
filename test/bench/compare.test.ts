/**
 * bench/compare.js, the script changes are measured with: it must run each
 * configuration, say when the reports agree, and refuse what is not a build.
 * Runs the built CLI (dist/), as the benchmark does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: bench/ is plain JavaScript with JSDoc types, no declarations
import { generateCorpus } from "../../bench/corpus.js";
import { ROOT } from "../helpers/corpus.js";

const built = existsSync(path.join(ROOT, "dist", "cli", "cli.js"));
const script = path.join(ROOT, "bench", "compare.js");
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "statdup-compare-"));
  await generateCorpus({ docs: 120, seed: 5, outDir: dir });
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const compare = (...args: string[]) => spawnSync(process.execPath, [script, "--corpus", dir, "--runs", "1", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe.runIf(built)("bench/compare.js", () => {
  it("runs every configuration and says the reports agree", () => {
    const r = compare(".", ".:--max-inlined-bytecode-size-cumulative=920");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\.\s+\d+\.\d\d\s/m);
    expect(r.stdout).toMatch(/^\.:--max-inlined-bytecode-size-cumulative=920\s+\d+\.\d\d\s/m);
    expect(r.stdout).toContain("every report the same");
  });

  it("says so, and exits 1, when the reports differ", () => {
    // A stand-in build whose "report" is not statdup's: the reports of the two configurations differ.
    const other = path.join(dir, "other-build");
    mkdirSync(path.join(other, "bin"), { recursive: true });
    mkdirSync(path.join(other, "dist"), { recursive: true });
    writeFileSync(
      path.join(other, "bin", "statdup.js"),
      'const a = process.argv; require("node:fs").writeFileSync(a[a.indexOf("-o") + 1], JSON.stringify({ summary: { elapsedMs: 1 } }, null, 2));\n',
    );
    const r = compare(".", other);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain("THE REPORTS DIFFER");
  });

  it("gives node each configuration's flags: one node refuses stops the comparison", () => {
    const r = compare(".", ".:--no-such-flag");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.:--no-such-flag: statdup exited with 9: .*bad option: --no-such-flag/);
  });

  it("stops at a build that writes no report, instead of reading the one before it", () => {
    const silent = path.join(dir, "silent-build");
    mkdirSync(path.join(silent, "bin"), { recursive: true });
    mkdirSync(path.join(silent, "dist"), { recursive: true });
    writeFileSync(path.join(silent, "bin", "statdup.js"), "process.exitCode = 0;\n");
    const r = compare(".", silent);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/silent-build: statdup wrote no report/);
  });

  it("refuses a folder without a build, and a missing --runs value", () => {
    const r = compare(".", path.join(dir, "no-build"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no built statdup there/);
    const s = spawnSync(process.execPath, [script, "--corpus", dir, ".", ".", "--runs"], { cwd: ROOT, encoding: "utf8" });
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/--runs must be a whole number/);
  });
});
