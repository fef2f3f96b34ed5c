/**
 * A heap large enough for the corpus: the inputs are sized once listed
 * (scan-memory.ts), and a scan that will not fit Node's heap starts again with
 * a larger one before anything is read (cli/heap-limit.ts). The plan on its
 * own; the CLI in-process with a fake heap (what it prints, that the parent
 * writes no report, exit codes passed on); and the relaunch itself, spawned.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heapPlan, type HeapIo } from "../../src/cli/heap-limit.js";
import type { SourceFile } from "../../src/model.js";
import { scanMemory } from "../../src/scan-memory.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/corpus.js";
import { removeTree, writeTree } from "../helpers/tmp.js";

const GB = 1024;
const machine = { limitMb: 4 * GB, memoryMb: 24 * GB, setByUser: false, raised: false };
const need = (heapMb: number, rssMb = heapMb * 2) => ({ inputBytes: heapMb * 2 ** 19, heapMb, rssMb });

describe("heapPlan", () => {
  it("leaves a scan that fits the heap alone", () => {
    expect(heapPlan(need(3 * GB), 300_000, machine, true)).toEqual({ kind: "enough" });
  });

  it("starts again with the estimate and a quarter more, in steps of 256 MB", () => {
    const plan = heapPlan(need(5000), 500_000, machine, true);
    expect(plan.kind).toBe("relaunch");
    if (plan.kind !== "relaunch") return;
    expect(plan.limitMb).toBe(6400); // 5000 × 1.25 = 6250, up to 25 × 256
    expect(plan.notice).toMatch(/^500,000 files, about 2\.4 GB of input: its heap may need about 4\.9 GB, more than Node's limit of 4\.0 GB; starting again with --max-old-space-size=6400 \(NODE_OPTIONS/);
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
    expect(plan.warning).toMatch(/more than 4\.0 GB, as much as this machine can give; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=8960 on a machine with more memory$/);
  });

  it("leaves a limit the user gave, or one already raised, as it is, and says what to give", () => {
    for (const heap of [{ ...machine, setByUser: true }, { ...machine, raised: true }]) {
      const plan = heapPlan(need(5000), 500_000, heap, true);
      expect(plan.kind).toBe("short");
      expect(plan.warning).toMatch(/the heap limit given to node; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=6400$/);
    }
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
    const m = scanMemory([...few, stdin], "é".repeat(10));
    expect(m.inputBytes).toBe(1 + 1920 + 20); // the first two files, nothing, nothing, ten two-byte letters
    expect(scanMemory([])).toEqual({ inputBytes: 0, heapMb: 128, rssMb: 256 });
  });

  it("estimates a long list from an even sample, within 5%", () => {
    const m = scanMemory(files);
    expect(Math.abs(m.inputBytes - total) / total).toBeLessThan(0.05);
  });

  it("grows with the input, heap and resident memory both", () => {
    const half = scanMemory(files.slice(0, 1000));
    const whole = scanMemory(files);
    expect(whole.heapMb).toBeGreaterThanOrEqual(half.heapMb);
    expect(whole.rssMb).toBeGreaterThan(whole.heapMb);
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
    expect(heap.calls).toEqual([["--max-old-space-size=256"]]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^statdup: 5 files, about 20 KB of input: its heap may need about 129 MB, more than Node's limit of 1 MB; starting again with --max-old-space-size=256 /);
  });

  it("does the same for check, quietly under --quiet", async () => {
    const heap = fakeHeap({ limitMb: 1 });
    const r = await runCli(["check", "fixtures/seeds", "--quiet"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([["--max-old-space-size=256"]]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("scans on with a warning when it has already started again", async () => {
    const heap = fakeHeap({ limitMb: 1, raised: true });
    const r = await runCli(["scan", "fixtures/seeds", "--format", "json"], { cwd: ROOT, heap });
    expect(heap.calls).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toHaveLength(5);
    expect(r.stderr).toMatch(/^statdup: warning: 5 files, .*the heap limit given to node; if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=256\n$/);
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

describe("processHeap().relaunch, spawned", () => {
  let dir: string;
  let probe: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "statdup-relaunch-"));
    probe = path.join(dir, "probe.mjs");
    // Started plain, it starts itself again with a 300 MB heap; started again, it reports
    // what it got, or (with "wait") waits to be stopped.
    writeFileSync(
      probe,
      `import { processHeap } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "dist", "cli", "heap-limit.js")).href)};
const heap = processHeap();
if (!heap.raised) process.exitCode = await heap.relaunch(["--max-old-space-size=300"]);
else if (process.argv[2] === "wait") { console.log("ready"); setTimeout(() => {}, 20000); }
else { console.log(JSON.stringify({ limitMb: heap.limitMb, setByUser: heap.setByUser, raised: process.env.STATDUP_HEAP_RAISED, args: process.argv.slice(2) })); process.exitCode = 7; }
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the same script with the same arguments and the flag, and exits with its code", () => {
    const r = spawnSync(process.execPath, [probe, "a", "b c"], { encoding: "utf8" });
    expect(r.status).toBe(7);
    const got = JSON.parse(r.stdout);
    expect(got).toMatchObject({ setByUser: true, raised: "--max-old-space-size=300", args: ["a", "b c"] });
    // V8's limit is the old generation's and the young one's together.
    expect(got.limitMb).toBeGreaterThanOrEqual(300);
    expect(got.limitMb).toBeLessThan(400);
  });

  it("passes a signal on to the new run and exits as it was ended", async () => {
    const parent = spawn(process.execPath, [probe, "wait"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => parent.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    parent.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => parent.on("exit", (c) => resolve(c)));
    expect(code).toBe(128 + os.constants.signals.SIGTERM);
  });
});
