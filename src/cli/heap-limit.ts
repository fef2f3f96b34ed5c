/**
 * A heap large enough for the corpus. Node caps its heap at about 4 GB on a
 * 64-bit machine with 16 GB or more (less on smaller ones), whatever the scan
 * needs; a scan that outgrows it dies with V8's "heap out of memory" crash,
 * after reading for minutes. The benchmark's articles reach 4 GB from about
 * 400,000 (2.3 GB of text). The heap limit is fixed when the process starts,
 * so once the inputs are listed and sized (scan-memory.ts) and they will not
 * fit, the command starts itself again with `--max-old-space-size` raised,
 * before anything is read: a second start of Node (about 50 ms) and a second
 * listing of the inputs (7 s of 500 at a million articles), for large scans
 * only.
 *
 * A limit the user gave (`--max-old-space-size` on node's command line or in
 * NODE_OPTIONS) is theirs: statdup says what it expects and goes on. So it
 * does when standard input was read (it cannot be read twice) and when this
 * process is already the restarted one.
 */
import { constants, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import type { SourceFile } from "../model.js";
import { scanMemory, type ScanMemory } from "../scan-memory.js";

/** This process's heap and the machine it runs on (the CLI's `io.heap`). */
export interface HeapIo {
  /** V8's heap limit, in MB. */
  readonly limitMb: number;
  /** Memory the process may use: the machine's, or its container's when lower, in MB. */
  readonly memoryMb: number;
  /** The user chose the limit: `--max-old-space-size` on node's command line or in NODE_OPTIONS. */
  readonly setByUser: boolean;
  /** This process is statdup started again with a raised limit. */
  readonly raised: boolean;
  /** Run this command again in a new node with `nodeFlags` added; resolves to its exit code. */
  relaunch(nodeFlags: readonly string[]): Promise<number>;
}

/** The env variable that marks a restarted process (its value is the limit it was given). */
export const RAISED_ENV = "STATDUP_HEAP_RAISED";

/** Share of the machine's memory the heap may be given: the workers and buffers need the rest. */
const HEAP_SHARE_OF_MEMORY = 0.75;
/** Room asked for beyond the estimate. */
const HEADROOM = 1.25;

export type HeapPlan =
  | { readonly kind: "enough"; readonly warning?: string }
  | { readonly kind: "relaunch"; readonly limitMb: number; readonly notice: string; readonly warning?: string }
  | { readonly kind: "short"; readonly warning: string };

/** What to do about the heap for a scan that needs `need`, `files` files, in this process (`canRelaunch`: standard input was not read). */
export function heapPlan(need: ScanMemory, files: number, heap: Omit<HeapIo, "relaunch">, canRelaunch: boolean): HeapPlan {
  const corpus = `${files.toLocaleString("en-US")} file${files === 1 ? "" : "s"}, about ${mb(need.inputBytes / 2 ** 20)} of input`;
  const memoryWarning =
    need.rssMb > heap.memoryMb
      ? `${corpus}: this scan may need about ${mb(need.rssMb)} of memory, more than the ${mb(heap.memoryMb)} this machine has; it may run out of memory or swap`
      : undefined;
  const withWarning = memoryWarning ? { warning: memoryWarning } : {};
  if (need.heapMb <= heap.limitMb) return { kind: "enough", ...withWarning };
  const room = Math.floor(heap.memoryMb * HEAP_SHARE_OF_MEMORY);
  const limitMb = Math.min(Math.ceil((need.heapMb * HEADROOM) / 256) * 256, room);
  const yours = `NODE_OPTIONS=--max-old-space-size=${Math.ceil((need.heapMb * HEADROOM) / 256) * 256}`;
  if (heap.setByUser || heap.raised || !canRelaunch || limitMb <= heap.limitMb) {
    const why = heap.setByUser || heap.raised ? "the heap limit given to node" : canRelaunch ? "as much as this machine can give" : "Node's heap limit (standard input cannot be read twice to start again)";
    return {
      kind: "short",
      warning:
        `${corpus}: this scan's heap may need about ${mb(need.heapMb)}, more than ${mb(heap.limitMb)}, ${why}; ` +
        `if it runs out of memory, run it with ${yours}${memoryWarning ? ` on a machine with more memory` : ""}`,
    };
  }
  return {
    kind: "relaunch",
    limitMb,
    notice: `${corpus}: its heap may need about ${mb(need.heapMb)}, more than Node's limit of ${mb(heap.limitMb)}; starting again with --max-old-space-size=${limitMb} (NODE_OPTIONS=--max-old-space-size=N chooses it yourself)`,
    ...withWarning,
  };
}

/** Thrown by the check before reading to have the CLI start the command again with `nodeFlags`. */
export class RelaunchWithHeap extends Error {
  constructor(readonly nodeFlags: readonly string[]) {
    super("start again with a larger heap");
  }
}

/**
 * The `beforeReading` check of a command: sizes the inputs, says on stderr what
 * it finds (unless `quiet`; a relaunch notice always), and throws RelaunchWithHeap
 * when the command should start again.
 */
export function heapCheck(heap: HeapIo, stderr: { write(chunk: string): unknown }, quiet: boolean, stdin: string | undefined) {
  return (files: readonly SourceFile[]): void => {
    const plan = heapPlan(scanMemory(files, stdin), files.length, heap, stdin === undefined);
    if (plan.warning) stderr.write(`statdup: warning: ${plan.warning}\n`);
    if (plan.kind === "relaunch") {
      if (!quiet) stderr.write(`statdup: ${plan.notice}\n`);
      throw new RelaunchWithHeap([`--max-old-space-size=${plan.limitMb}`]);
    }
  };
}

/** A size given in MB, for people. */
function mb(n: number): string {
  if (n >= 1024) return `${(n / 1024).toFixed(1)} GB`;
  return n >= 1 ? `${Math.round(n)} MB` : `${Math.max(1, Math.round(n * 1024))} KB`;
}

const HEAP_FLAG = /^--max[-_]old[-_]space[-_]size\b/;

/** This process's HeapIo: V8's limit, the machine's (or container's) memory, and a relaunch that runs `node [flags] <this script> <same arguments>`. */
export function processHeap(env: NodeJS.ProcessEnv = process.env): HeapIo {
  const constrained = process.constrainedMemory?.() ?? 0;
  const memory = constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  const nodeOptions = (env.NODE_OPTIONS ?? "").split(/\s+/);
  return {
    limitMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20),
    memoryMb: Math.floor(memory / 2 ** 20),
    setByUser: [...process.execArgv, ...nodeOptions].some((a) => HEAP_FLAG.test(a)),
    raised: env[RAISED_ENV] !== undefined,
    relaunch: (nodeFlags) => relaunch(nodeFlags, env),
  };
}

/**
 * Run this script again with `nodeFlags`, standard streams shared, and give
 * back its exit code (128 + the signal's number when a signal ended it).
 * Signals sent to this process are passed on; it waits for the child.
 */
async function relaunch(nodeFlags: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Loaded here: most runs never start again.
  const { spawn } = await import("node:child_process");
  const [script, ...args] = process.argv.slice(1);
  const child = spawn(process.execPath, [...process.execArgv, ...nodeFlags, script!, ...args], {
    stdio: "inherit",
    env: { ...env, [RAISED_ENV]: nodeFlags.join(" ") },
  });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    const done = (code: number): void => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on("error", (err) => {
      process.stderr.write(`statdup: could not start node again with a larger heap: ${err.message}\n`);
      done(2);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
