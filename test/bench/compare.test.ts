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
import { ROOT } from "../helpers/corpus.js";
import { generatedCorpus } from "../helpers/generated.js";

const built = existsSync(path.join(ROOT, "dist", "cli", "cli.js"));
const script = path.join(ROOT, "bench", "compare.js");
const corpus = generatedCorpus(120, 5, "statdup-compare-");

/** A stand-in "build": a folder with dist/ and a bin/statdup.js of the given source, beside (not in) the corpus. */
function standIn(name: string, source: string): string {
  const root = path.join(builds, name);
  mkdirSync(path.join(root, "bin"), { recursive: true });
  mkdirSync(path.join(root, "dist"), { recursive: true });
  writeFileSync(path.join(root, "bin", "statdup.js"), source);
  return root;
}
let builds = "";
beforeAll(() => {
  builds = mkdtempSync(path.join(os.tmpdir(), "statdup-compare-builds-"));
});
afterAll(() => {
  if (builds) rmSync(builds, { recursive: true, force: true });
});

const compare = (...args: string[]) => spawnSync(process.execPath, [script, "--corpus", corpus(), "--runs", "1", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

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
    const other = standIn(
      "other-build",
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
    const silent = standIn("silent-build", "process.exitCode = 0;\n");
    const r = compare(".", silent);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/silent-build: statdup wrote no report/);
  });

  it("refuses a folder without a build, and a missing --runs value", () => {
    const r = compare(".", path.join(builds, "no-build"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no built statdup there/);
    const s = spawnSync(process.execPath, [script, "--corpus", corpus(), ".", ".", "--runs"], { cwd: ROOT, encoding: "utf8" });
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/--runs must be a whole number/);
  });
});
