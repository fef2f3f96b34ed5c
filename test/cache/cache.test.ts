/**
 * The fingerprint cache (`--cache`): a changed file is read again, an unchanged
 * one is not, a changed setting starts afresh, a damaged cache file is ignored
 * with a warning, and the output is the same with or without the cache.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeShard, encodeShard, type CacheEntry } from "../../src/cache/shard-codec.js";
import { readSettingsOf } from "../../src/extract/read-documents.js";
import { fingerprintFile, fingerprintSettings } from "../../src/fingerprint/fingerprint-files.js";
import { analyze, resolveOptions, type Analysis, type ScanOptions } from "../../src/index.js";
import type { SourceFile } from "../../src/model.js";
import { openCache } from "../../src/cache/open-cache.js";
import type { FileEvent } from "../../src/fingerprint/fingerprint-files.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/corpus.js";

/** A fixed modification time (whole seconds, so that it can be set back exactly). */
const WHEN = new Date("2021-03-04T05:06:07Z");

/** Seeds (with copies between them), HTML, Markdown, JSON Lines, and files that are skipped. */
function makeCorpus(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statdup-cache-"));
  const corpus = path.join(dir, "corpus");
  for (const sub of ["seeds", "html", "markdown", "jsonl"]) cpSync(path.join(ROOT, "fixtures", sub), path.join(corpus, sub), { recursive: true });
  writeFileSync(path.join(corpus, "binary.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]));
  writeFileSync(path.join(corpus, "empty.md"), "\n\n");
  for (const file of files(corpus)) utimesSync(file, WHEN, WHEN);
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** The report as JSON, without the one field that may differ between runs. */
function reportJson(a: Analysis): string {
  return JSON.stringify({ ...a.report, summary: { ...a.report.summary, elapsedMs: 0 } });
}

let dir = "";
let corpus = "";
let cacheDir = "";
beforeEach(() => {
  dir = makeCorpus();
  corpus = path.join(dir, "corpus");
  cacheDir = path.join(dir, "cache");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(extra: ScanOptions = {}): Promise<Analysis> {
  return analyze({ inputs: [corpus], cwd: dir, cache: true, cacheLocation: cacheDir, ...extra });
}

const SEED = "seeds/000_0260406033e61649.txt";
const seedFile = (): string => path.join(corpus, ...SEED.split("/"));

/** Replace the seed's first letter with another of the same size, keeping its modification time. */
function editSeedKeepingMetadata(): void {
  const text = readFileSync(seedFile(), "utf8");
  const i = text.search(/[a-z]/);
  writeFileSync(seedFile(), text.slice(0, i) + (text[i] === "x" ? "y" : "x") + text.slice(i + 1));
  utimesSync(seedFile(), WHEN, WHEN);
}

describe("--cache: output", () => {
  it("is the same with and without the cache, cold and warm, and after a setting the cache does not depend on", async () => {
    const plain = await analyze({ inputs: [corpus], cwd: dir });
    const cold = await run();
    expect(cold.cacheStats).toEqual({ hits: 0, misses: plain.report.summary.files });
    const warm = await run();
    expect(warm.cacheStats).toEqual({ hits: plain.report.summary.files, misses: 0 });
    expect(reportJson(cold)).toBe(reportJson(plain));
    expect(reportJson(warm)).toBe(reportJson(plain));
    expect(warm.report.errors.map((e) => e.code).sort()).toEqual(["binary", "empty"]);
    for (const d of plain.report.documents) {
      expect(warm.paragraphLines(d.path)).toEqual(plain.paragraphLines(d.path));
      expect(warm.paragraphText(d.path, 0)).toBe(plain.paragraphText(d.path, 0));
    }
    expect(plain.report.pairs.length).toBeGreaterThan(0);

    // A threshold is applied after fingerprinting: every file is still a hit, the report is recomputed.
    const strict = await run({ threshold: 0.9, minCoverage: 0.6 });
    expect(strict.cacheStats).toEqual({ hits: plain.report.summary.files, misses: 0 });
    expect(reportJson(strict)).toBe(reportJson(await analyze({ inputs: [corpus], cwd: dir, threshold: 0.9, minCoverage: 0.6 })));
    expect(reportJson(strict)).not.toBe(reportJson(plain));
    // … and back: the report kept is the last one, for the last options.
    expect(reportJson(await run())).toBe(reportJson(plain));
  });

  it("is the same through the CLI in every format, and --verbose says what the cache did", async () => {
    for (const format of ["json", "text", "sarif", "jsonl", "markdown"]) {
      const plain = await runCli(["scan", "corpus", "--format", format, "--no-config"], { cwd: dir });
      const cold = await runCli(["scan", "corpus", "--format", format, "--no-config", "--cache", "--cache-location", "cache"], { cwd: dir });
      const warm = await runCli(["scan", "corpus", "--format", format, "--no-config", "--cache", "--cache-location", "cache", "--verbose"], { cwd: dir });
      const strip = (s: string): string => s.replace(/"elapsedMs":\s*\d+/g, "").replace(/· [\d.]+ m?s/g, "");
      expect(strip(cold.stdout)).toBe(strip(plain.stdout));
      expect(strip(warm.stdout)).toBe(strip(plain.stdout));
      expect(warm.stderr).toMatch(/statdup: cache: 18 of 18 files unchanged, 0 read/);
      expect(cold.stderr).toBe(plain.stderr);
    }
  });
});

describe("--cache: check", () => {
  it("gives the same verdict, report and exit code with the cache, cold and warm", async () => {
    for (const format of ["text", "sarif"]) {
      const args = ["check", "corpus", "--no-config", "--format", format];
      const plain = await runCli(args, { cwd: dir });
      const cold = await runCli([...args, "--cache", "--cache-location", "cache"], { cwd: dir });
      const warm = await runCli([...args, "--cache", "--cache-location", "cache", "--verbose"], { cwd: dir });
      expect(plain.code).toBe(1);
      const strip = (s: string): string => s.replace(/· [\d.]+ m?s/g, "").replace(/"elapsedMs":\s*\d+/g, "");
      for (const r of [cold, warm]) {
        expect(r.code).toBe(plain.code);
        expect(strip(r.stdout)).toBe(strip(plain.stdout));
      }
      expect(warm.stderr).toMatch(/statdup: cache: 18 of 18 files unchanged, 0 read/);
    }
  });
});

describe("--cache: what is read again", () => {
  it("re-reads a changed file: the report has its new text; the others come from the cache", async () => {
    await run();
    const text = readFileSync(seedFile(), "utf8");
    writeFileSync(seedFile(), "A new first paragraph that was never in this file before today, and is long enough.\n\n" + text);
    const second = await run();
    expect(second.cacheStats).toEqual({ hits: 17, misses: 1 });
    expect(second.paragraphText(SEED, 0)).toBe("A new first paragraph that was never in this file before today, and is long enough.");
    expect(reportJson(second)).toBe(reportJson(await analyze({ inputs: [corpus], cwd: dir })));
    // The new version is what the cache now holds.
    expect((await run()).cacheStats).toEqual({ hits: 18, misses: 0 });
  });

  it("does not read an unchanged file (metadata): an edit that keeps size and modification time goes unseen", async () => {
    const before = await run();
    editSeedKeepingMetadata();
    const after = await run();
    expect(after.cacheStats).toEqual({ hits: 18, misses: 0 });
    // The text is the cached one: the file was not read.
    expect(after.paragraphText(SEED, 0)).toBe(before.paragraphText(SEED, 0));
    expect(after.paragraphText(SEED, 0)).not.toBe((await analyze({ inputs: [corpus], cwd: dir })).paragraphText(SEED, 0));
  });

  it("reads every file under the content strategy, and re-fingerprints only one whose bytes changed", async () => {
    await run({ cacheStrategy: "content" });
    editSeedKeepingMetadata();
    const after = await run({ cacheStrategy: "content" });
    expect(after.cacheStats).toEqual({ hits: 17, misses: 1 });
    expect(reportJson(after)).toBe(reportJson(await analyze({ inputs: [corpus], cwd: dir })));
    // Touching files changes nothing under this strategy…
    for (const file of files(corpus)) utimesSync(file, WHEN, new Date("2021-03-04T09:00:00Z"));
    expect((await run({ cacheStrategy: "content" })).cacheStats).toEqual({ hits: 18, misses: 0 });
  });

  it("content strategy: a document dated by its file's modification day is read again when that day changes", async () => {
    const undated = "Nothing in this paragraph says when it was written, so the file's day stands in for its date.\n";
    writeFileSync(path.join(corpus, "undated.txt"), undated);
    utimesSync(path.join(corpus, "undated.txt"), WHEN, WHEN);
    const first = await run({ cacheStrategy: "content" });
    const dated = new Set(first.report.documents.filter((d) => d.dateSource === "file-mtime").map((d) => d.path));
    expect(dated.has("undated.txt")).toBe(true);
    expect(dated.size).toBeLessThan(10);
    const later = new Date("2022-06-07T08:00:00Z");
    for (const file of files(corpus)) utimesSync(file, later, later);
    const after = await run({ cacheStrategy: "content" });
    // Only the files whose documents took the day as their date are read again.
    expect(after.cacheStats).toEqual({ hits: 19 - dated.size, misses: dated.size });
    expect(after.report.documents.find((d) => d.path === "undated.txt")?.date).toBe("2022-06-07");
  });

  it("invalidates everything when a setting that changes fingerprints or reading changes", async () => {
    await run();
    const [first] = readdirSync(cacheDir).filter((n) => /^[0-9a-f]{16}$/.test(n));
    for (const setting of [{ shingleSize: 5 }, { minWords: 6 }, { seed: 7 }, { dateOrder: "dmy" as const }, { mtime: false }, { encoding: "windows-1252" }, { jsonlText: "body" }]) {
      const changed = await run(setting);
      expect(changed.cacheStats, JSON.stringify(setting)).toEqual({ hits: 0, misses: 18 });
      expect(reportJson(changed)).toBe(reportJson(await analyze({ inputs: [corpus], cwd: dir, ...setting })));
    }
    // One settings folder is kept: the last.
    const folders = readdirSync(cacheDir).filter((n) => /^[0-9a-f]{16}$/.test(n));
    expect(folders).toHaveLength(1);
    expect(folders[0]).not.toBe(first);
  });

  it("does not keep a file whose problem may pass (unreadable, changed while read…)", async () => {
    const o = resolveOptions({ inputs: [corpus], cwd: dir, cache: true, cacheLocation: cacheDir });
    const file: SourceFile = { path: SEED, absolutePath: seedFile() };
    const problem = (code: string): FileEvent[] => [{ kind: "problem", problem: { path: SEED, code, message: "m", severity: "error" } }];
    for (const [code, kept] of [["unreadable", false], ["changed", false], ["internal-error", false], ["binary", true]] as const) {
      rmSync(cacheDir, { recursive: true, force: true });
      const cache = openCache(o, () => undefined);
      expect(await cache.get(file)).toBeUndefined();
      cache.set(file, problem(code));
      await cache.flush();
      expect(await openCache(o, () => undefined).get(file), code).toEqual(kept ? problem(code) : undefined);
    }
  });

  it("forgets files that are gone", async () => {
    await run();
    rmSync(seedFile());
    const after = await run();
    expect(after.cacheStats).toEqual({ hits: 17, misses: 0 });
    // The entry of the deleted file was dropped: a file put back at the same path with other text is read.
    writeFileSync(seedFile(), "Back again, with other words than before, and enough of them to be a paragraph.\n");
    utimesSync(seedFile(), WHEN, WHEN);
    const back = await run();
    expect(back.cacheStats).toEqual({ hits: 17, misses: 1 });
    expect(back.paragraphText(SEED, 0)).toMatch(/^Back again/);
  });
});

describe("--cache: damage", () => {
  it("ignores a damaged cache file with a warning, gives the same output, and rewrites it", async () => {
    const plain = await run();
    const [folder] = readdirSync(cacheDir).filter((n) => /^[0-9a-f]{16}$/.test(n));
    const shards = readdirSync(path.join(cacheDir, folder!)).filter((n) => n.endsWith(".bin") && n !== "report.bin");
    expect(shards.length).toBeGreaterThan(3);
    writeFileSync(path.join(cacheDir, folder!, shards[0]!), "not a cache file");
    const bytes = readFileSync(path.join(cacheDir, folder!, shards[1]!));
    writeFileSync(path.join(cacheDir, folder!, shards[1]!), bytes.subarray(0, bytes.length - 3));
    writeFileSync(path.join(cacheDir, folder!, "report.bin"), "garbage");
    const damaged = await run();
    expect(damaged.warnings).toHaveLength(2);
    expect(damaged.warnings[0]).toMatch(/^cache file .*\.bin is damaged \(.*\): ignored, and rewritten$/);
    expect(reportJson(damaged)).toBe(reportJson(plain));
    const again = await run();
    expect(again.warnings).toEqual([]);
    expect(again.cacheStats).toEqual({ hits: 18, misses: 0 });
    expect(reportJson(again)).toBe(reportJson(plain));
  });

  it("ignores a damaged report with a warning", async () => {
    const plain = await run();
    const [folder] = readdirSync(cacheDir).filter((n) => /^[0-9a-f]{16}$/.test(n));
    writeFileSync(path.join(cacheDir, folder!, "report.bin"), "garbage");
    const damaged = await run();
    expect(damaged.warnings).toEqual([expect.stringMatching(/^cache file .*report\.bin is damaged \(.*\): ignored$/)]);
    expect(reportJson(damaged)).toBe(reportJson(plain));
    const again = await run();
    expect(again.warnings).toEqual([]);
    expect(again.cacheStats).toEqual({ hits: 18, misses: 0 });
    expect(reportJson(again)).toBe(reportJson(plain));
  });

  it("warns, and still reports, when the cache cannot be written", async () => {
    writeFileSync(cacheDir, "a file where the cache folder should be");
    const a = await run();
    expect(a.warnings).toHaveLength(1);
    expect(a.warnings[0]).toMatch(/^cache could not be written to .*: the next run reads every file$/);
    expect(reportJson(a)).toBe(reportJson(await analyze({ inputs: [corpus], cwd: dir })));
    const r = await runCli(["scan", "corpus", "--no-config", "--cache", "--cache-location", "cache", "-q"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^statdup: warning: cache could not be written/m);
  });
});

describe("--cache: the folder", () => {
  it("defaults to .statdupcache in the working directory, which git and backup tools leave alone", async () => {
    await analyze({ inputs: [corpus], cwd: dir, cache: true });
    expect(readFileSync(path.join(dir, ".statdupcache", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    expect(readFileSync(path.join(dir, ".statdupcache", "CACHEDIR.TAG"), "utf8")).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55/);
    expect(existsSync(path.join(dir, "cache"))).toBe(false);
  });

  it("is off by default, and --no-cache turns off cache: true from a configuration file", async () => {
    await analyze({ inputs: [corpus], cwd: dir });
    expect(existsSync(path.join(dir, ".statdupcache"))).toBe(false);
    mkdirSync(path.join(dir, ".git"));
    writeFileSync(path.join(dir, "statdup.config.json"), JSON.stringify({ cache: true, cacheLocation: "conf/cache", cacheStrategy: "content" }));
    const seeds = path.join(corpus, "seeds");
    const off = await runCli(["scan", ".", "--no-cache", "-q"], { cwd: seeds });
    expect(off.code).toBe(0);
    expect(existsSync(path.join(dir, "conf", "cache"))).toBe(false);
    // cacheLocation is relative to the configuration file, not to the working directory.
    const on = await runCli(["scan", ".", "-q", "--verbose"], { cwd: seeds });
    expect(on.code, on.stderr).toBe(0);
    expect(on.stderr).toMatch(/cache: 0 of 5 files unchanged, 5 read/);
    expect(existsSync(path.join(dir, "conf", "cache", "CACHEDIR.TAG"))).toBe(true);
    expect((await runCli(["scan", ".", "-q", "--verbose"], { cwd: seeds })).stderr).toMatch(/cache: 5 of 5 files unchanged, 0 read/);
  });

  it("removes only its own folders of earlier settings", async () => {
    const foreign = path.join(cacheDir, "0123456789abcdef");
    mkdirSync(foreign, { recursive: true });
    writeFileSync(path.join(foreign, "notes.txt"), "not statdup's");
    await run();
    await run({ seed: 9 });
    expect(readFileSync(path.join(foreign, "notes.txt"), "utf8")).toBe("not statdup's");
    expect(readdirSync(cacheDir).filter((n) => /^[0-9a-f]{16}$/.test(n))).toHaveLength(2);
  });

  it("rejects a strategy it does not know", async () => {
    await expect(analyze({ inputs: [corpus], cwd: dir, cache: true, cacheStrategy: "mtime" as "content" })).rejects.toThrow(/cache strategy must be one of metadata, content/);
    const r = await runCli(["scan", "corpus", "--no-config", "--cache-strategy", "mtime"], { cwd: dir });
    expect(r.code).toBe(2);
  });
});

describe("shard codec", () => {
  async function entries(): Promise<CacheEntry[]> {
    const o = resolveOptions({ inputs: [corpus], cwd: dir });
    const settings = fingerprintSettings({ shingleSize: o.shingleSize, minWords: o.minWords, windowWords: o.windowWords, bands: o.bands, rows: o.rows, seed: o.seed });
    const out: CacheEntry[] = [];
    for (const file of files(corpus).sort()) {
      const rel = path.relative(corpus, file).split(path.sep).join("/");
      const st = statSync(file);
      const events = await fingerprintFile({ path: rel, absolutePath: file }, readSettingsOf(o), settings);
      out.push({ path: rel, absolutePath: file, size: st.size, mtimeMs: st.mtimeMs, sha256: null, mtimeDay: null, events });
    }
    return out;
  }

  it("gives back exactly what it was given: every field, in order, typed arrays as typed arrays", async () => {
    const original = await entries();
    expect(original.some((e) => e.events.some((x) => x.kind === "problem"))).toBe(true);
    const back = decodeShard(encodeShard(original, "s"), "s");
    expect(back).toStrictEqual(original);
    const keys = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (v instanceof Uint32Array ? `u32:${[...v].join(",")}` : v));
    expect(keys(back)).toBe(keys(original));
  });

  it("refuses a damaged buffer or one written for other settings", async () => {
    const buf = encodeShard(await entries(), "s");
    expect(() => decodeShard(buf, "t")).toThrow(/other settings/);
    expect(() => decodeShard(buf.subarray(0, buf.length - 1), "s")).toThrow(/length/);
    expect(() => decodeShard(Buffer.from("garbage, not a cache file at all"), "s")).toThrow(/not a statdup cache/);
    const flipped = Buffer.from(buf);
    flipped.writeUInt32LE(flipped.readUInt32LE(12) + 1, 12); // one paragraph more than there is
    expect(() => decodeShard(flipped, "s")).toThrow();
  });
});
