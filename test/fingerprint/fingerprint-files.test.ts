/**
 * The worker pool (fingerprint-files.ts) only runs from the built dist/ (vitest runs
 * the TypeScript sources in one thread), so this spawns bin/statdup.js: the report
 * must be byte for byte the same with one job and with two, on a corpus large enough
 * (more than two batches of files) for two workers to share it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: bench/ is plain JavaScript with JSDoc types, no declarations
import { generateCorpus } from "../../bench/corpus.js";
import { ROOT } from "../helpers/corpus.js";
import { generatedCorpus } from "../helpers/generated.js";

const bin = path.join(ROOT, "bin", "statdup.js");
const built = existsSync(path.join(ROOT, "dist", "fingerprint", "fingerprint-worker.js"));
const corpus = generatedCorpus(300, 3, "statdup-jobs-");

function scanWith(jobs: number, env: Record<string, string> = {}, extra: string[] = [], dir = corpus()): string {
  const r = spawnSync(process.execPath, [bin, "scan", dir, "--format", "json", "--jobs", String(jobs), "--no-mtime", ...extra], {
    env: { NO_COLOR: "1", ...env },
    encoding: "utf8",
    maxBuffer: 1 << 28,
    // A pool that stops handing out work would otherwise hang the test run, not fail it.
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/"elapsedMs": \d+/, '"elapsedMs": 0');
}

describe.runIf(built)("worker threads", () => {
  it("give the same report with one job and with two", () => {
    const one = scanWith(1);
    const two = scanWith(2);
    expect(JSON.parse(one).summary.pairs).toBeGreaterThan(10);
    expect(two).toBe(one);
  });

  it("verify candidates in shared memory to the same report as one thread does", () => {
    // Worker verification starts at 200,000 candidates; this corpus has a few hundred.
    const one = scanWith(1);
    const workers = scanWith(2, { STATDUP_VERIFY_PARALLEL_FROM: "0" });
    expect(JSON.parse(one).summary.candidatePairs).toBeGreaterThan(100);
    expect(workers).toBe(one);
  });

  it("find and verify candidates with the bands split between workers, to the same report as one thread does", () => {
    // Workers find candidates from 100,000 units with band keys; the override sends this corpus to them.
    const one = scanWith(1);
    const split = scanWith(2, { STATDUP_MATCH_PARALLEL_FROM: "0" });
    expect(JSON.parse(one).summary.candidatePairs).toBeGreaterThan(100);
    expect(split).toBe(one);
    // --verbose says who found them: the workers here, this thread without the override.
    const stage = (env: Record<string, string>): string | undefined => {
      const r = spawnSync(process.execPath, [bin, "scan", corpus(), "--format", "json", "--jobs", "2", "--verbose"], { env: { NO_COLOR: "1", ...env }, encoding: "utf8", maxBuffer: 1 << 28 });
      return /match paragraphs[^,]*? \d+\.\d\d s/.exec(r.stderr)?.[0];
    };
    expect(stage({ STATDUP_MATCH_PARALLEL_FROM: "0" })).toMatch(/^match paragraphs \(2 workers\) /);
    expect(stage({})).toMatch(/^match paragraphs \d/);
  });

  it("leave texts out once the text budget is spent, and the report is the same (texts read again)", () => {
    const kept = scanWith(2);
    const dropped = scanWith(2, {}, ["--text-memory", "0"]);
    expect(dropped).toBe(kept);
    const text = spawnSync(process.execPath, [bin, "scan", corpus(), "--jobs", "2", "--no-mtime", "--text-memory", "0"], { env: { NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 1 << 28 });
    const withTexts = spawnSync(process.execPath, [bin, "scan", corpus(), "--jobs", "2", "--no-mtime"], { env: { NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 1 << 28 });
    // The text report quotes paragraphs: the excerpts are there either way.
    const strip = (s: string): string => s.replace(/ · \d+ ms\n$/, "");
    expect(strip(text.stdout)).toBe(strip(withTexts.stdout));
    expect(text.stdout).toMatch(/ (exact|near|partial) +\S/);
  });

  it("read texts again in worker threads to the same report as in this thread", () => {
    // Workers read texts again from 256 files; the override sends even these few to them.
    const inThread = scanWith(2, {}, ["--text-memory", "0"]);
    const inWorkers = scanWith(2, { STATDUP_REREAD_WORKERS_FROM: "0" }, ["--text-memory", "0"]);
    expect(inWorkers).toBe(inThread);
    expect(JSON.parse(inWorkers).families.length).toBeGreaterThan(5);
  });

  it("read texts again in worker threads when each worker is dealt more batches than it reads at once", async () => {
    // JSON Lines files are read as streams, so a worker gets its next batches while it
    // reads: it must queue them and start each as one ends. One record per file, about
    // 200 of them paired: seven batches of 32, three or four per worker, two read at once.
    const generated = mkdtempSync(path.join(os.tmpdir(), "statdup-reread-"));
    const larger = mkdtempSync(path.join(os.tmpdir(), "statdup-reread-jsonl-"));
    try {
      await generateCorpus({ docs: 1200, seed: 3, outDir: generated });
      for (const file of readdirSync(generated, { recursive: true, encoding: "utf8" })) {
        if (!/\.(txt|md)$/.test(file)) continue;
        mkdirSync(path.join(larger, path.dirname(file)), { recursive: true });
        const record = { id: file, text: readFileSync(path.join(generated, file), "utf8") };
        writeFileSync(path.join(larger, `${file}.jsonl`), `${JSON.stringify(record)}\n`);
      }
      const inThread = scanWith(2, {}, ["--text-memory", "0"], larger);
      const inWorkers = scanWith(2, { STATDUP_REREAD_WORKERS_FROM: "0" }, ["--text-memory", "0"], larger);
      const paired = new Set((JSON.parse(inWorkers) as { pairs: { a: string; b: string }[] }).pairs.flatMap((p) => [p.a, p.b]));
      expect(paired.size).toBeGreaterThan(6 * 32);
      expect(inWorkers).toBe(inThread);
    } finally {
      rmSync(generated, { recursive: true, force: true });
      rmSync(larger, { recursive: true, force: true });
    }
  }, 300_000);
});

describe.runIf(built)("fingerprinting workers, parked for reading texts again", () => {
  type Pool = typeof import("../../src/fingerprint/fingerprint-files.js");
  const load = async (): Promise<{ pool: Pool; request: Omit<Parameters<Pool["fingerprintFiles"]>[0], "park"> }> => {
    const pool = (await import(path.join(ROOT, "dist", "fingerprint", "fingerprint-files.js"))) as Pool;
    const { resolveOptions } = (await import(path.join(ROOT, "dist", "options.js"))) as typeof import("../../src/options.js");
    const { discover } = (await import(path.join(ROOT, "dist", "discover", "discover.js"))) as typeof import("../../src/discover/discover.js");
    const { readSettingsOf } = (await import(path.join(ROOT, "dist", "extract", "read-settings.js"))) as typeof import("../../src/extract/read-settings.js");
    const o = resolveOptions({ inputs: [corpus()], jobs: 2 });
    const files = await discover(o);
    return { pool, request: { files, read: readSettingsOf(o), params: pool.fingerprintParamsOf(o), jobs: 2 } };
  };

  it("are handed over once every file is done, even when the consumer stops asking after the last one, and read the same texts", async () => {
    const { pool, request } = await load();
    const parked: import("../../src/fingerprint/fingerprint-files.js").Prestarted[] = [];
    const results = pool.fingerprintFiles({ ...request, park: (w) => parked.push(...w) });
    // As the cache's wrapper does: exactly one result per file, then `return`.
    for (let i = 0; i < request.files.length; i++) expect((await results.next()).done).toBe(false);
    expect(parked).toHaveLength(0);
    await results.return(undefined);
    expect(parked).toHaveLength(2);
    expect(parked.every((p) => p.failure === null && p.worker.threadId > 0)).toBe(true);

    const reader = pool.textsInWorkers(request.read, request.params, 2, parked)!;
    const asked = request.files.slice(0, 100).map((file) => ({ file, wanted: [file.path] }));
    const read: unknown[] = [];
    for await (const texts of reader(asked)) read.push(texts);
    expect(parked).toHaveLength(0); // taken, and stopped by the reading pool when done
    const { textsOfFile } = (await import(path.join(ROOT, "dist", "extract", "document-texts.js"))) as typeof import("../../src/extract/document-texts.js");
    const expected = await Promise.all(asked.map((a) => textsOfFile(a.file, request.read, new Set(a.wanted))));
    expect(read).toEqual(expected);
    expect(expected[0]!.documents[0]!.texts.length).toBeGreaterThan(2);
  });

  it("are stopped, not handed over, when the consumer stops early", async () => {
    const { pool, request } = await load();
    const parked: import("../../src/fingerprint/fingerprint-files.js").Prestarted[] = [];
    const results = pool.fingerprintFiles({ ...request, park: (w) => parked.push(...w) });
    await results.next();
    await results.return(undefined);
    expect(parked).toHaveLength(0);
  });
});

describe.runIf(built && existsSync("/proc/self/task"))("a scan that fails after its last file", () => {
  it("stops the fingerprinting workers the pool had parked", async () => {
    const { analyze } = (await import(path.join(ROOT, "dist", "scan.js"))) as typeof import("../../src/scan.js");
    const threads = (): number => readdirSync("/proc/self/task").length;
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500));
    // A first scan starts what stays (libuv's thread pool, V8's helpers): counted before.
    await analyze({ inputs: [corpus()], jobs: 2, mtime: false });
    await settle();
    const before = threads();
    const failing = analyze({
      inputs: [corpus()],
      jobs: 2,
      mtime: false,
      onProgress: (p) => {
        if (p.phase === "reading" && p.done === p.total) throw new Error("stop here");
      },
    });
    await expect(failing).rejects.toThrow("stop here");
    await settle();
    expect(threads()).toBe(before);
  });
});

describe.runIf(built && existsSync("/proc/self/task"))("a scan stopped by its beforeReading hook", () => {
  it("is told every listed file and the scan's settings before any is read, and stops its pre-started workers when the hook throws", async () => {
    const { analyze } = (await import(path.join(ROOT, "dist", "scan.js"))) as typeof import("../../src/scan.js");
    const threads = (): number => readdirSync("/proc/self/task").length;
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500));
    const events: string[] = [];
    const report = await analyze({
      inputs: [corpus()],
      jobs: 2,
      mtime: false,
      beforeReading: (files, options) => void events.push(`listed ${files.length} with jobs ${options.jobs}, text memory ${options.textMemory}`),
      onProgress: (p) => void (p.phase === "reading" && p.done === 1 && events.push("first file read")),
    });
    expect(events).toEqual([`listed ${report.report.summary.files} with jobs 2, text memory 64`, "first file read"]);
    await settle();
    const before = threads();
    let read = 0;
    let during = 0;
    const stopped = analyze({
      inputs: [corpus()],
      jobs: 2,
      mtime: false,
      // Slow enough for the workers to be started beside it (they are, once listing and
      // this hook have taken 25 ms), then thrown.
      beforeReading: async () => {
        await settle();
        during = threads();
        throw new Error("too large");
      },
      onProgress: () => void read++,
    });
    await expect(stopped).rejects.toThrow("too large");
    expect(read).toBe(0);
    expect(during).toBeGreaterThan(before);
    await settle();
    expect(threads()).toBe(before);
  });
});

describe.runIf(built)("workers started while the inputs are listed", () => {
  it("are not started for a listing shorter than the delay, and are once it is longer", async () => {
    const pool = (await import(path.join(ROOT, "dist", "fingerprint", "fingerprint-files.js"))) as typeof import("../../src/fingerprint/fingerprint-files.js");
    const { resolveOptions } = (await import(path.join(ROOT, "dist", "options.js"))) as typeof import("../../src/options.js");
    const { readSettingsOf } = (await import(path.join(ROOT, "dist", "extract", "read-settings.js"))) as typeof import("../../src/extract/read-settings.js");
    const o = resolveOptions({ inputs: [corpus()] });
    const [read, params] = [readSettingsOf(o), pool.fingerprintParamsOf(o)];
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const quick = pool.prestartWorkersAfter(read, params, 2, 60);
    expect(quick.take()).toEqual([]);
    await sleep(120);
    expect(quick.take()).toEqual([]); // taken: the clock is stopped
    const slow = pool.prestartWorkersAfter(read, params, 2, 10);
    await sleep(60);
    const started = slow.take();
    expect(started).toHaveLength(2);
    await pool.stopWorkers(started);
  });
});

describe.runIf(built && existsSync("/proc/self/task"))("a cached scan stopped at its first cached file", () => {
  // A corpus of its own: all but its first five files are changed after they are cached.
  const changing = generatedCorpus(300, 4, "statdup-cache-stop-");

  it("stops the workers started while its inputs were listed", async () => {
    const { analyze } = (await import(path.join(ROOT, "dist", "scan.js"))) as typeof import("../../src/scan.js");
    const threads = (): number => readdirSync("/proc/self/task").length;
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500));
    const cacheLocation = mkdtempSync(path.join(os.tmpdir(), "statdup-cache-stop-cache-"));
    try {
      const report = await analyze({ inputs: [changing()], cwd: changing(), jobs: 2, mtime: false, cache: true, cacheLocation });
      const paths = report.report.documents.map((d) => d.path).sort();
      // Changed files miss the cache: the first file in path order is a hit, the next 295 are read.
      for (const p of paths.slice(5)) writeFileSync(path.join(changing(), p), readFileSync(path.join(changing(), p), "utf8") + "\nOne more line.\n");
      await settle();
      const before = threads();
      const stopped = analyze({
        inputs: [changing()],
        cwd: changing(),
        jobs: 2,
        mtime: false,
        cache: true,
        cacheLocation,
        // Long enough for the workers to be started while the inputs are listed.
        beforeReading: () => settle(),
        onProgress: () => {
          throw new Error("stop at the first file");
        },
      });
      await expect(stopped).rejects.toThrow("stop at the first file");
      await settle();
      expect(threads()).toBe(before);
    } finally {
      rmSync(cacheLocation, { recursive: true, force: true });
    }
  });
});
