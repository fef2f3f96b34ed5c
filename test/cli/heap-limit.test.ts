/**
 * A heap large enough for the corpus: the inputs are sized once listed
 * (scan-memory.ts), and a scan that will not fit Node's heap starts again with
 * a larger one before anything is read (cli/heap-limit.ts). The plan on its
 * own; the CLI in-process with a fake heap (what it prints, that the parent
 * writes no report, exit codes passed on); and the relaunch itself, spawned.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heapPlan, processHeap, type HeapIo } from "../../src/cli/heap-limit.js";
import type { SourceFile } from "../../src/model.js";
import { scanMemory } from "../../src/scan-memory.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/corpus.js";
import { removeTree, writeTree } from "../helpers/tmp.js";

const GB = 1024;
const machine = { limitMb: 4 * GB, memoryMb: 24 * GB, setByUser: false, raised: false, toolFlag: null };
const need = (heapMb: number, rssMb = heapMb * 2) => ({ inputBytes: heapMb * 2 ** 19, documents: 1000, heapMb, rssMb });

describe("heapPlan", () => {
  it("leaves a scan that fits the heap alone", () => {
    expect(heapPlan(need(3 * GB), 300_000, machine, true)).toEqual({ kind: "enough" });
  });

  it("starts again with twice the estimate, in steps of 256 MB", () => {
    const plan = heapPlan(need(5000), 500_000, machine, true);
    expect(plan.kind).toBe("relaunch");
    if (plan.kind !== "relaunch") return;
    expect(plan.limitMb).toBe(10240); // 5000 × 2 = 10000, up to 40 × 256
    expect(plan.notice).toMatch(/^500,000 files, about 2\.4 GB of input: its heap may need about 4\.9 GB, more than Node's limit of 4\.0 GB; starting again with --max-old-space-size=10240 \(NODE_OPTIONS/);
    expect(plan.warning).toBeUndefined();
  });

  it("gives the heap at most three quarters of the machine, and says when the machine is too small", () => {
    const small = { ...machine, limitMb: 2 * GB, memoryMb: 8 * GB };
    const plan = heapPlan(need(7 * GB, 20 * GB), 900_000, small, true);
    expect(plan).toMatchObject({ kind: "relaunch", limitMb: 6 * GB });
    expect(plan.warning).toMatch(/may need about 20\.0 GB of memory, more than the 8\.0 GB this machine has/);
  });

  it("only warns when the machine cannot give more than the heap has", () => {
    const plan = heapPlan(need(7 * GB), 900_000, { ...machine, memoryMb: 5 * GB }, true);
    expect(plan.kind).toBe("short");
    expect(plan.warning).toMatch(/more than 4\.0 GB, as much as this machine can give; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=14336 on a machine with more memory$/);
  });

  it("leaves a limit the user gave as it is, and says what to give", () => {
    const plan = heapPlan(need(5000), 500_000, { ...machine, setByUser: true }, true);
    expect(plan.kind).toBe("short");
    expect(plan.warning).toMatch(/more than 4\.0 GB, the limit given to node; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=10240$/);
  });

  it("does not start a debugged or profiled node again", () => {
    const plan = heapPlan(need(5000), 500_000, { ...machine, toolFlag: "--inspect" }, true);
    expect(plan.kind).toBe("short");
    expect(plan.warning).toMatch(/Node's limit \(not started again: node was given --inspect\)/);
  });

  it("in the process started again, does not start again nor repeat the first one's warning about the machine", () => {
    const small = { ...machine, limitMb: 6 * GB, memoryMb: 8 * GB, raised: true };
    expect(heapPlan(need(5 * GB, 20 * GB), 900_000, small, true)).toEqual({ kind: "enough" });
    const plan = heapPlan(need(7 * GB, 20 * GB), 900_000, small, true);
    expect(plan.kind).toBe("short");
    expect(plan.warning).toMatch(/more than 6\.0 GB, the limit statdup started node again with \(three quarters of this machine's memory\); if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=14336$/);
  });

  it("does not start again after reading standard input", () => {
    const plan = heapPlan(need(5000), 1, machine, false);
    expect(plan.kind).toBe("short");
    expect(plan.warning).toMatch(/^1 file, .*standard input cannot be read twice/);
  });
});

describe("scanMemory", () => {
  let dir: string;
  let files: SourceFile[];
  let total = 0;
  beforeAll(() => {
    // 2,000 files of 1 to 2,000 bytes, in an order unrelated to their size.
    const tree: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) {
      const size = 1 + ((i * 7919) % 2000);
      tree[`f/${String(i).padStart(4, "0")}.txt`] = "x".repeat(size);
      total += size;
    }
    dir = writeTree(tree);
    files = Object.keys(tree).map((p) => ({ path: p, absolutePath: path.join(dir, p) }));
  });
  afterAll(() => removeTree(dir));

  it("counts every byte of a few files, standard input as UTF-8, and nothing for a file it cannot size", () => {
    const few = [files[0]!, files[1]!, { path: "gone.txt", absolutePath: path.join(dir, "gone.txt") }, { path: "loop", absolutePath: "/x", problem: { code: "symlink-loop", message: "loop" } }];
    const stdin: SourceFile = { path: "-", absolutePath: "-" };
    const m = scanMemory([...few, stdin], { stdin: "é".repeat(10) });
    expect(m.inputBytes).toBe(1 + 1920 + 20); // the first two files, nothing, nothing, ten two-byte letters
    expect(m.documents).toBe(3);
    expect(scanMemory([])).toEqual({ inputBytes: 0, documents: 0, heapMb: 128, rssMb: 256 });
  });

  it("sizes a list of a few thousand files whole, and a longer one from an even sample, within 5%", () => {
    expect(scanMemory(files)).toMatchObject({ inputBytes: total, documents: 2000 });
    const long = Array.from({ length: 50_000 }, (_, i) => files[(i * 7) % files.length]!);
    const longTotal = long.reduce((n, f) => n + statSync(f.absolutePath).size, 0);
    const m = scanMemory(long);
    expect(Math.abs(m.inputBytes - longTotal) / longTotal).toBeLessThan(0.05);
    expect(m.documents).toBe(50_000);
  });

  it("counts nothing for files that will be skipped for their size", () => {
    expect(scanMemory(files.slice(0, 2), { maxFileSize: 100 })).toMatchObject({ inputBytes: 1, documents: 1 });
  });

  it("counts what every document costs, however short: 100,000 files of 50 bytes need more than 512 MB", () => {
    // Measured: 502 MB of heap at its peak (--trace-gc) for 5 MB of input.
    const small = writeTree({ "s.txt": "x".repeat(50) });
    try {
      const many: SourceFile[] = Array.from({ length: 100_000 }, (_, i) => ({ path: `${i}.txt`, absolutePath: path.join(small, "s.txt") }));
      const m = scanMemory(many);
      expect(m.inputBytes).toBe(5_000_000);
      expect(m.heapMb).toBeGreaterThan(512);
    } finally {
      removeTree(small);
    }
  });

  it("sees one large JSON Lines archive among many small pages", () => {
    const record = JSON.stringify({ id: "x", text: "A short record of a JSON Lines archive." }) + "\n";
    const dir2 = writeTree({ "big.jsonl": record.repeat(20_000), "p.txt": "x".repeat(100) });
    try {
      const pages = Array.from({ length: 10_000 }, (_, i) => ({ path: `${i}.txt`, absolutePath: path.join(dir2, "p.txt") }));
      const m = scanMemory([...pages, { path: "big.jsonl", absolutePath: path.join(dir2, "big.jsonl") }]);
      expect(m.inputBytes).toBe(1_000_000 + 20_000 * record.length);
      expect(Math.abs(m.documents - 30_000) / 30_000).toBeLessThan(0.01);
    } finally {
      removeTree(dir2);
    }
  });

  it("counts the records of JSON Lines files, from the start of each sampled file", () => {
    const record = JSON.stringify({ id: "x", text: "A short record of a JSON Lines archive." }) + "\n";
    const dir2 = writeTree({ "a.jsonl": record.repeat(5000), "b.ndjson": record.repeat(10), "c.jsonl": record.trimEnd() });
    try {
      const list = ["a.jsonl", "b.ndjson", "c.jsonl"].map((p) => ({ path: p, absolutePath: path.join(dir2, p) }));
      const m = scanMemory(list);
      expect(Math.abs(m.documents - 5011) / 5011).toBeLessThan(0.01);
      expect(scanMemory([{ path: "-", absolutePath: "-" }], { stdin: record.repeat(7), stdinFormat: "jsonl" }).documents).toBe(7);
    } finally {
      removeTree(dir2);
    }
  });

  it("grows with texts kept past the default and with --cache", () => {
    const plain = scanMemory(files);
    expect(scanMemory(files, { textMemory: 64 })).toEqual(plain);
    expect(scanMemory(files, { textMemory: 0 })).toEqual(plain);
    const many: SourceFile[] = Array.from({ length: 200_000 }, (_, i) => files[i % files.length]!);
    const base = scanMemory(many);
    expect(scanMemory(many, { textMemory: 1000 }).heapMb).toBeGreaterThan(base.heapMb + 100);
    expect(scanMemory(many, { keepTexts: true }).heapMb).toBeGreaterThan(base.heapMb + 100);
    expect(scanMemory(many, { cache: true }).heapMb).toBeGreaterThan(base.heapMb + 400);
    expect(base.rssMb).toBeGreaterThan(base.heapMb);
  });
});

/** A HeapIo that records relaunches and answers `code`. */
function fakeHeap(over: Partial<HeapIo>, code = 0): HeapIo & { calls: (readonly string[])[] } {
  const calls: (readonly string[])[] = [];
  return { ...machine, ...over, calls, relaunch: async (flags) => (calls.push(flags), code) };
}

describe("the CLI with a heap too small for the scan", () => {
  it("starts scan again with a larger heap before reading, writes no report itself, and exits as the new run does", async () => {
    const heap = fakeHeap({ limitMb: 1 }, 1);
    const r = await runCli(["scan", "fixtures/seeds", "--format", "json"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([["--max-old-space-size=512"]]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^statdup: 5 files, about 20 KB of input: its heap may need about 129 MB, more than Node's limit of 1 MB; starting again with --max-old-space-size=512 /);
  });

  it("does the same for check, quietly under --quiet", async () => {
    const heap = fakeHeap({ limitMb: 1 });
    const r = await runCli(["check", "fixtures/seeds", "--quiet"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([["--max-old-space-size=512"]]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("scans on with a warning when it has already started again", async () => {
    const heap = fakeHeap({ limitMb: 1, raised: true });
    const r = await runCli(["scan", "fixtures/seeds", "--format", "json"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toHaveLength(5);
    expect(r.stderr).toMatch(/^statdup: warning: 5 files, .*the limit statdup started node again with .*; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=512\n$/);
  });

  it("scans standard input on with a warning", async () => {
    const heap = fakeHeap({ limitMb: 1 });
    const r = await runCli(["scan", "-", "--format", "json"], { cwd: ROOT, heap, stdin: "A paragraph of text read from standard input.\n" });
    expect(heap.calls).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/standard input cannot be read twice/);
  });

  it("says nothing when the scan fits", async () => {
    const heap = fakeHeap({});
    const r = await runCli(["scan", "fixtures/seeds", "--format", "json"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([]);
    expect(r.stderr).toBe("");
  });
});

describe("processHeap", () => {
  it("takes a heap limit from node's command line or NODE_OPTIONS, in any spelling, quoted or not, as the user's", () => {
    expect(processHeap({}, []).setByUser).toBe(false);
    expect(processHeap({ NODE_OPTIONS: "--enable-source-maps" }, ["--no-warnings"]).setByUser).toBe(false);
    expect(processHeap({}, ["--max-old-space-size=8192"]).setByUser).toBe(true);
    expect(processHeap({}, ["--max_old_space_size=8192"]).setByUser).toBe(true);
    expect(processHeap({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=8192" }, []).setByUser).toBe(true);
    expect(processHeap({ NODE_OPTIONS: '"--max-old-space-size=8192"' }, []).setByUser).toBe(true);
    expect(processHeap({ NODE_OPTIONS: "--max-heap-size=8192" }, []).setByUser).toBe(true);
  });

  it("names a debugging or profiling flag, which a second process would break", () => {
    expect(processHeap({}, []).toolFlag).toBeNull();
    expect(processHeap({}, ["--inspect=127.0.0.1:9333"]).toolFlag).toBe("--inspect");
    expect(processHeap({}, ["--cpu-prof", "--cpu-prof-name=x"]).toolFlag).toBe("--cpu-prof");
    expect(processHeap({ NODE_OPTIONS: "--heap-prof" }, []).toolFlag).toBe("--heap-prof");
    expect(processHeap({}, ["--prof"]).toolFlag).toBe("--prof");
    expect(processHeap({}, ["--inspect-brk=9230"]).toolFlag).toBe("--inspect-brk");
    expect(processHeap({}, ["--debug-port=9230"]).toolFlag).toBe("--debug-port");
    // Reports and snapshots name their files by process: a second process keeps them.
    for (const flag of ["--report-on-fatalerror", "--heapsnapshot-near-heap-limit=2", "--diagnostic-dir=/tmp", "--profile-something-else"]) {
      expect(processHeap({}, [flag]).toolFlag).toBeNull();
    }
  });

  it("knows a process started again by its environment", () => {
    expect(processHeap({ STATDUP_HEAP_RAISED: "--max-old-space-size=6144" }, []).raised).toBe(true);
    expect(processHeap({}, []).raised).toBe(false);
  });
});

/** A script written to a temporary folder of its own for the suite: its path (the folder goes afterwards). */
function scriptForSuite(name: string, text: () => string): () => string {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "statdup-heap-"));
    writeFileSync(path.join(dir, name), text());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => path.join(dir, name);
}

describe("bin/statdup.js with a heap too small (a preload makes the first process see a 64 MB limit)", () => {
  const preload = scriptForSuite(
    "small-heap.mjs",
    () => `import v8 from "node:v8";
import { syncBuiltinESMExports } from "node:module";
if (!process.env.STATDUP_HEAP_RAISED) {
  const real = v8.getHeapStatistics;
  v8.getHeapStatistics = () => ({ ...real(), heap_size_limit: 64 * 2 ** 20 });
  syncBuiltinESMExports();
}
`,
  );

  const statdup = (args: string[]) =>
    spawnSync(process.execPath, ["--import", pathToFileURL(preload()).href, path.join(ROOT, "bin", "statdup.js"), ...args], {
      cwd: ROOT,
      env: { NO_COLOR: "1", PATH: process.env.PATH },
      encoding: "utf8",
    });

  it("scan starts again with a larger heap, and the new run writes the report", () => {
    const r = statdup(["scan", "fixtures/seeds", "--format", "json"]);
    expect(r.stderr).toMatch(/^statdup: 5 files, about 20 KB of input: its heap may need about 129 MB, more than Node's limit of 64 MB; starting again with --max-old-space-size=512 /);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).documents).toHaveLength(5);
  });

  it("check's exit code comes from the new run", () => {
    const r = statdup(["check", "fixtures/seeds", "--format", "json"]);
    expect(r.stderr).toMatch(/starting again with --max-old-space-size=512 /);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).check.passed).toBe(false);
  });
});

describe("processHeap().relaunch, spawned", () => {
  // Started plain, it starts itself again with a 300 MB heap; started again, it reports
  // what it got, or waits to be stopped ("wait"; "orphan" as statdup's CLI does, ending
  // with the first process), or ends by a signal ("die").
  const probeScript = scriptForSuite(
    "probe.mjs",
    () => `import { endWithStarter, processHeap } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist", "cli", "heap-limit.js")).href)};
const heap = processHeap();
if (!heap.raised) process.exitCode = await heap.relaunch(["--max-old-space-size=300"]);
else if (process.argv[2] === "orphan") { endWithStarter(); console.log("ready"); setTimeout(() => {}, 20000); }
else if (process.argv[2] === "wait") { process.on("SIGTERM", () => process.exit(42)); console.log("ready"); setTimeout(() => {}, 20000); }
else if (process.argv[2] === "die") process.kill(process.pid, "SIGTERM");
else { console.log(JSON.stringify({ limitMb: heap.limitMb, setByUser: heap.setByUser, raised: process.env.STATDUP_HEAP_RAISED, args: process.argv.slice(2) })); process.exitCode = 7; }
`,
  );

  it("runs the same script with the same arguments and the flag, and exits with its code", () => {
    const r = spawnSync(process.execPath, [probeScript(), "a", "b c"], { encoding: "utf8" });
    expect(r.status).toBe(7);
    const got = JSON.parse(r.stdout);
    expect(got).toMatchObject({ setByUser: true, raised: "--max-old-space-size=300", args: ["a", "b c"] });
    // V8's limit is the old generation's and the young one's together.
    expect(got.limitMb).toBeGreaterThanOrEqual(300);
    expect(got.limitMb).toBeLessThan(400);
  });

  it("passes a signal on to the new run, and exits as it does", async () => {
    const parent = spawn(process.execPath, [probeScript(), "wait"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => parent.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    parent.kill("SIGTERM");
    const ended = await new Promise<[number | null, string | null]>((resolve) => parent.on("exit", (c, s) => resolve([c, s])));
    // The new run caught the signal and exited 42: passed on, not taken by the first process itself.
    expect(ended).toEqual([42, null]);
  });

  it("the new run stops when the first process is killed outright (SIGKILL cannot be passed on)", async () => {
    const parent = spawn(process.execPath, [probeScript(), "orphan"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    parent.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => parent.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    const started = Date.now();
    parent.kill("SIGKILL");
    // The pipes close once every process holding them has ended: the new run too, not 20 s later.
    await new Promise<void>((resolve) => parent.on("close", () => resolve()));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr).toContain("statdup: the process that started this scan again has ended: stopping");
  });

  it("ends by the signal that ended the new run", () => {
    const r = spawnSync(process.execPath, [probeScript(), "die"], { encoding: "utf8" });
    expect([r.status, r.signal]).toEqual([null, "SIGTERM"]);
  });
});
