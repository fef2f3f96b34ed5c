/**
 * Configuration: discovery (upward from the working directory, stopping at the
 * repository root), precedence (defaults < package.json#statdup < config file
 * < flags), paths relative to the file, validation errors that name the file
 * and the key (exit 2), `-c`/`--no-config`, `statdup init`, and the schema
 * kept in step with the command line's options.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configKeys, validateConfig } from "../../src/config/validate-config.js";
import { starterConfig } from "../../src/cli/init.js";
import { runCli } from "../helpers/cli.js";

let top: string;
/** top/repo is the repository (it has .git); top itself is outside it. */
let repo: string;

function write(rel: string, text: string): void {
  const file = path.join(top, ...rel.split("/"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const ARTICLE = "The committee met on Tuesday to discuss the budget for the coming year and agreed on most of it.\n";

beforeEach(() => {
  top = mkdtempSync(path.join(os.tmpdir(), "statdup-config-"));
  repo = path.join(top, "repo");
  mkdirSync(path.join(repo, ".git"), { recursive: true });
  write("repo/docs/a.md", ARTICLE);
  write("repo/docs/sub/deeper/b.md", ARTICLE.replace("Tuesday", "Friday"));
});

afterEach(() => rmSync(top, { recursive: true, force: true }));

/** The effective settings of a scan run in `cwd` (relative to top). */
async function settings(cwd: string, ...args: string[]): Promise<Record<string, unknown>> {
  const r = await runCli(["scan", "--format", "json", ...args], { cwd: path.join(top, ...cwd.split("/")) });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { settings: Record<string, unknown> }).settings;
}

describe("discovery", () => {
  it.each(["statdup.config.json", ".statduprc.json", ".statduprc", ".statdup.json"])("finds %s upward from the working directory", async (name) => {
    write(`repo/${name}`, JSON.stringify({ shingleSize: 5 }));
    expect((await settings("repo/docs/sub/deeper", ".")).shingleSize).toBe(5);
  });

  it("stops at the repository root", async () => {
    write("statdup.config.json", JSON.stringify({ shingleSize: 7 }));
    expect((await settings("repo/docs", ".")).shingleSize).toBe(4);
  });

  it("the nearest file wins", async () => {
    write("repo/statdup.config.json", JSON.stringify({ shingleSize: 5 }));
    write("repo/docs/.statduprc.json", JSON.stringify({ shingleSize: 6 }));
    expect((await settings("repo/docs/sub", ".")).shingleSize).toBe(6);
  });

  it('reads the "statdup" key of package.json, and skips a package.json without one', async () => {
    write("repo/package.json", JSON.stringify({ name: "site", statdup: { shingleSize: 5 } }));
    write("repo/docs/package.json", JSON.stringify({ name: "docs" }));
    expect((await settings("repo/docs", ".")).shingleSize).toBe(5);
  });
});

describe("precedence: defaults < package.json#statdup < config file < flags", () => {
  beforeEach(() => {
    write("repo/package.json", JSON.stringify({ statdup: { shingleSize: 5, minWords: 9, seed: 1 } }));
    write("repo/statdup.config.json", JSON.stringify({ shingleSize: 6, seed: 2 }));
  });

  it("the config file wins over package.json, which wins over defaults", async () => {
    const s = await settings("repo", "docs");
    expect(s).toMatchObject({ shingleSize: 6, minWords: 9, seed: 2, threshold: 0.5 });
  });

  it("flags win over both, including flags equal to the default", async () => {
    const s = await settings("repo", "docs", "--shingle-size", "3", "--min-words", "8");
    expect(s).toMatchObject({ shingleSize: 3, minWords: 8, seed: 2 });
  });

  it("-c FILE reads that file alone; --no-config reads none", async () => {
    write("repo/other.json", JSON.stringify({ shingleSize: 7 }));
    expect(await settings("repo", "docs", "-c", "other.json")).toMatchObject({ shingleSize: 7, minWords: 8 });
    expect(await settings("repo", "docs", "--no-config")).toMatchObject({ shingleSize: 4, minWords: 8, seed: 0x5eed });
  });

  it("a boolean negated on the command line stays negated", async () => {
    write("repo/statdup.config.json", JSON.stringify({ mtime: true }));
    expect((await settings("repo", "docs", "--no-mtime")).mtime).toBe(false);
    write("repo/statdup.config.json", JSON.stringify({ mtime: false }));
    expect((await settings("repo", "docs")).mtime).toBe(false);
  });
});

describe("paths are relative to the config file", () => {
  it("inputs and output, from a subfolder", async () => {
    write("repo/statdup.config.json", JSON.stringify({ inputs: ["docs"], format: "json", output: "out/report.json" }));
    const r = await runCli(["scan"], { cwd: path.join(repo, "docs", "sub") });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const report = JSON.parse(readFileSync(path.join(repo, "out", "report.json"), "utf8")) as { documents: { path: string }[] };
    expect(report.documents.map((d) => d.path)).toEqual(["a.md", "sub/deeper/b.md"]);
  });

  it("inputs on the command line replace the config's", async () => {
    write("repo/statdup.config.json", JSON.stringify({ inputs: ["docs"], format: "json" }));
    const r = await runCli(["scan", "docs/sub"], { cwd: repo });
    expect((JSON.parse(r.stdout) as { documents: { path: string }[] }).documents.map((d) => d.path)).toEqual(["deeper/b.md"]);
  });

  it("check options: allow globs, from a subfolder", async () => {
    write("repo/docs/copy.md", ARTICLE);
    write("repo/docs/sub/deeper/b.md", "An unrelated note about the weather on the coast, which was mild for the season.\n");
    write("repo/statdup.config.json", JSON.stringify({ inputs: ["docs"], allow: ["docs/copy.md"], minWords: 4 }));
    const r = await runCli(["check"], { cwd: path.join(repo, "docs", "sub") });
    expect(r.stdout).toContain("statdup check: passed · 1 pair checked, 1 allowed · policy: any reported pair fails; allow ../../docs/copy.md");
    expect(r.code).toBe(0);
    const without = await runCli(["check", "--no-config", "../../docs", "--min-words", "4"], { cwd: path.join(repo, "docs", "sub") });
    expect(without.code).toBe(1);
  });

  it("check options: a baseline, from a subfolder", async () => {
    write("repo/statdup.config.json", JSON.stringify({ inputs: ["docs"], baseline: "accepted.json", minWords: 4 }));
    const sub = path.join(repo, "docs", "sub");
    expect((await runCli(["check"], { cwd: sub })).code).toBe(2); // accepted.json does not exist yet
    expect((await runCli(["check", "--write-baseline", "../../accepted.json"], { cwd: sub })).code).toBe(0);
    const r = await runCli(["check"], { cwd: sub });
    expect(r.stdout).toContain("1 accepted by the baseline");
    expect(r.code).toBe(0);
  });
});

describe("an invalid configuration is exit 2, naming the file and the key", () => {
  it.each([
    ["statdup.config.json", { maxSimilarty: 0.5 }, 'statdup: statdup.config.json: unknown key "maxSimilarty" (did you mean "maxSimilarity"?)'],
    ["statdup.config.json", { "shingle-size": 5 }, 'statdup: statdup.config.json: unknown key "shingle-size" (did you mean "shingleSize"?)'],
    ["statdup.config.json", { maxSimilarity: 2 }, 'statdup: statdup.config.json: "maxSimilarity" must be <= 1'],
    ["statdup.config.json", { shingleSize: 2.5 }, 'statdup: statdup.config.json: "shingleSize" must be integer'],
    ["statdup.config.json", { format: "xml" }, 'statdup: statdup.config.json: "format" must be one of "text", "json", "dot", "mermaid", "sarif", "github", "markdown", "jsonl"'],
    ["statdup.config.json", { allow: ["ok", 3] }, 'statdup: statdup.config.json: "allow[1]" must be string'],
    ["statdup.config.json", [1, 2], "statdup: statdup.config.json: the configuration must be object"],
    [".statduprc", "{ not json", /^statdup: \.statduprc: not valid JSON: /],
    ["package.json", { statdup: { minCoverage: "high" } }, 'statdup: package.json: "statdup.minCoverage" must be number'],
  ] as const)("%s %j", async (name, content, message) => {
    write(`repo/${name}`, typeof content === "string" ? content : JSON.stringify(content));
    const r = await runCli(["scan", "docs"], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    if (typeof message === "string") expect(r.stderr).toBe(message + "\n");
    else expect(r.stderr).toMatch(message);
  });

  it("a -c file that does not exist, or a package.json without the key", async () => {
    const missing = await runCli(["scan", "docs", "-c", "nope.json"], { cwd: repo });
    expect(missing).toMatchObject({ code: 2, stderr: "statdup: nope.json: configuration file not found\n" });
    write("repo/package.json", JSON.stringify({ name: "x" }));
    const noKey = await runCli(["scan", "docs", "-c", "package.json"], { cwd: repo });
    expect(noKey).toMatchObject({ code: 2, stderr: 'statdup: package.json: has no "statdup" key\n' });
  });

  it("with the path from the working directory when the file is above it", async () => {
    write("repo/statdup.config.json", JSON.stringify({ seed: -1 }));
    const r = await runCli(["scan", "."], { cwd: path.join(repo, "docs") });
    expect(r.stderr).toBe('statdup: ../statdup.config.json: "seed" must be >= 0\n');
  });
});

describe("statdup init", () => {
  it("writes a starter config that validates and explains itself, and refuses to overwrite it", async () => {
    const r = await runCli(["init"], { cwd: repo });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("Wrote statdup.config.json");
    const written = JSON.parse(readFileSync(path.join(repo, "statdup.config.json"), "utf8")) as Record<string, unknown>;
    expect(() => validateConfig(written, "statdup.config.json")).not.toThrow();
    expect(written["$schema"]).toMatch(/statdup-config\.schema\.json$/);
    expect((written["//"] as string[]).join("\n")).toContain("--write-baseline");
    const again = await runCli(["init"], { cwd: repo });
    expect(again).toMatchObject({ code: 2, stderr: "statdup: statdup.config.json already exists (use --force to overwrite it)\n" });
    expect((await runCli(["init", "--force"], { cwd: repo })).code).toBe(0);
  });

  it("the starter config is what check then reads", async () => {
    await runCli(["init"], { cwd: repo });
    const r = await runCli(["check", "--verbose"], { cwd: path.join(repo, "docs") });
    expect(r.stderr).toContain("statdup: configuration: ../statdup.config.json");
    expect(r.stdout).toContain("docs/sub/deeper/b.md duplicates docs/a.md");
    expect(r.code).toBe(1);
  });

  it("starterConfig validates wherever it is written", () => {
    expect(() => validateConfig(starterConfig(os.tmpdir()), "x")).not.toThrow();
  });
});

describe("the schema and the command line agree", () => {
  /** Long options in `statdup <command> --help`, as config keys (camelCase, no `no-`). */
  async function optionKeys(command: string): Promise<Set<string>> {
    const r = await runCli([command, "--help"], { cwd: repo });
    const flags = [...r.stdout.matchAll(/^ {2}(?:-\w, )?--([a-z][a-z0-9-]*)/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(10);
    return new Set(flags.map((f) => f.replace(/^no-/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())));
  }
  /** Options that act on one run (or on the config itself), not settings. */
  const RUN_ONLY = new Set(["help", "version", "config", "writeBaseline", "changed", "since"]);

  it("every option of scan and check can be set in a config file, and every key is an option", async () => {
    const options = new Set([...(await optionKeys("scan")), ...(await optionKeys("check"))].filter((k) => !RUN_ONLY.has(k)));
    const keys = configKeys().filter((k) => !["$schema", "//", "inputs"].includes(k));
    expect([...options].filter((o) => !keys.includes(o))).toEqual([]);
    expect(keys.filter((k) => !options.has(k))).toEqual([]);
  });
});
