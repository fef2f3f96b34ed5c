/**
 * A heap large enough for the corpus. Node caps its heap at about 4 GB on a
 * 64-bit machine with 16 GB or more (less on smaller ones), whatever the scan
 * needs. Near the cap V8 collects garbage over and over; past it the scan dies
 * with V8's "heap out of memory" crash, minutes in. With the default heap,
 * 500,000 of the benchmark's documents still scanned, their stages after
 * fingerprinting 33 s slower than with 6 GB; 1,000,000 died after 236.6 s.
 *
 * The heap limit is fixed when the process starts, so once the inputs are
 * listed and sized (scan-memory.ts) and they will not fit, the command starts
 * itself again with `--max-old-space-size` raised, before anything is read: a
 * second start of Node (about 50 ms) and a second listing of the inputs (3.7 s
 * at 500,000 files), for large scans only.
 *
 * A limit the user gave (`--max-old-space-size` or `--max-heap-size`, on node's
 * command line or in NODE_OPTIONS) is theirs: statdup says what it expects and
 * goes on. So it does when standard input was read (it cannot be read twice),
 * when node runs a debugger or profiler (a second process would lose it or
 * write over its profile), and when this process is already the restarted one.
 */
import { constants, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { collectGarbage } from "../fingerprint/retention.js";
import type { SourceFile } from "../model.js";
import { scanMemory, type ScanMemory, type ScanMemorySettings } from "../scan-memory.js";

/** This process's heap and the machine it runs on (the CLI's `io.heap`). */
export interface HeapIo {
  /** V8's heap limit, in MB. */
  readonly limitMb: number;
  /** Memory the process may use: the machine's, or its container's when lower, in MB. */
  readonly memoryMb: number;
  /** The user chose the limit: `--max-old-space-size` or `--max-heap-size` on node's command line or in NODE_OPTIONS. */
  readonly setByUser: boolean;
  /** This process is statdup started again with a raised limit. */
  readonly raised: boolean;
  /** A debugging or profiling flag node was given (`--inspect`, `--cpu-prof`, …), which a second process would break: null when none. */
  readonly toolFlag: string | null;
  /** Run this command again in a new node with `nodeFlags` added; resolves to its exit code. */
  relaunch(nodeFlags: readonly string[]): Promise<number>;
}

/** The env variable that marks a restarted process (its value is the flags it was given). */
export const RAISED_ENV = "STATDUP_HEAP_RAISED";

/** Share of the machine's memory the heap may be given: the workers and buffers need the rest. */
const HEAP_SHARE_OF_MEMORY = 0.75;
/**
 * The limit asked for, as a multiple of the estimate: the estimate is a model
 * fitted to one kind of corpus (scan-memory.ts), and a scan that outgrows its
 * heap is lost whole, while room never used costs nothing (a limit is not a
 * reservation). And near its limit V8 collects over and over: a million of the
 * benchmark's documents (estimated 9.1 GB) took 614.5 s with an 11.5 GB limit
 * (1.25 times the estimate), 588.0 s with 18 GB, at peak RSS 15,512 and 15,834 MB.
 */
const HEADROOM = 2;
/** A second process is started only for a limit at least this much larger than the one it has. */
const MIN_GAIN = 1.1;

export type HeapPlan =
  | { readonly kind: "enough"; readonly warning?: string }
  | { readonly kind: "relaunch"; readonly limitMb: number; readonly notice: string; readonly warning?: string }
  | { readonly kind: "short"; readonly warning: string };

/** What to do about the heap for a scan that needs `need`, `files` files, in this process (`canRelaunch`: standard input was not read). */
export function heapPlan(need: ScanMemory, files: number, heap: Omit<HeapIo, "relaunch">, canRelaunch: boolean): HeapPlan {
  const corpus = `${thousands(files)} file${files === 1 ? "" : "s"}, about ${mb(need.inputBytes / 2 ** 20)} of input`;
  // A restarted process says nothing the first one said.
  const short = !heap.raised && need.rssMb > heap.memoryMb;
  const memoryWarning = short ? `${corpus}: this scan may need about ${mb(need.rssMb)} of memory, more than the ${mb(heap.memoryMb)} this machine has; it may run out of memory or swap` : undefined;
  const withWarning = memoryWarning ? { warning: memoryWarning } : {};
  if (!Number.isFinite(need.heapMb) || need.heapMb <= heap.limitMb) return { kind: "enough", ...withWarning };
  const wanted = Math.ceil((need.heapMb * HEADROOM) / 256) * 256;
  const limitMb = Math.min(wanted, Math.floor(heap.memoryMb * HEAP_SHARE_OF_MEMORY));
  const kept = heap.raised
    ? "the limit statdup started node again with (three quarters of this machine's memory)"
    : heap.setByUser
      ? "the limit given to node"
      : heap.toolFlag
        ? `Node's limit (not started again: node was given ${heap.toolFlag})`
        : !canRelaunch
          ? "Node's limit (not started again: standard input cannot be read twice)"
          : limitMb < heap.limitMb * MIN_GAIN
            ? "as much as this machine can give"
            : null;
  if (kept !== null) {
    return {
      kind: "short",
      warning:
        `${corpus}: this scan's heap may need about ${mb(need.heapMb)}, more than ${mb(heap.limitMb)}, ${kept}; ` +
        `if it runs out of memory, run it with NODE_OPTIONS=--max-old-space-size=${wanted}${short ? " on a machine with more memory" : ""}`,
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
 * The `beforeReading` check of a command: sizes the inputs with the scan's
 * settings, warns on stderr of a heap or machine too small for them, says it
 * starts again (unless `quiet`), and throws RelaunchWithHeap when it should.
 */
export function heapCheck(heap: HeapIo, stderr: { write(chunk: string): unknown }, quiet: boolean) {
  return (files: readonly SourceFile[], options: ScanMemorySettings): void => {
    const plan = heapPlan(scanMemory(files, options), files.length, heap, options.stdin === undefined);
    if (plan.warning) stderr.write(`statdup: warning: ${plan.warning}\n`);
    if (plan.kind === "relaunch") {
      if (!quiet) stderr.write(`statdup: ${plan.notice}\n`);
      throw new RelaunchWithHeap([`--max-old-space-size=${plan.limitMb}`]);
    }
  };
}

/** 1234567 as "1,234,567". Not `toLocaleString`: its first call loads ICU's number formats, 30 ms of every scan. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A size given in MB, for people. */
function mb(n: number): string {
  if (n >= 1024) return `${(n / 1024).toFixed(1)} GB`;
  return n >= 1 ? `${Math.round(n)} MB` : `${Math.max(1, Math.round(n * 1024))} KB`;
}

const HEAP_FLAG = /^--max[-_](?:old[-_]space|heap)[-_]size\b/;
/**
 * Flags of a debugger or profiler, which a second process would break (a port
 * in use, a profile written over by the first process's idle one). Diagnostic
 * reports and heap snapshots name their files by process: those go along.
 */
const TOOL_FLAG = /^--(?:inspect|debug[-_]port|cpu[-_]prof|heap[-_]prof|prof\b|heapsnapshot[-_]signal)/;

/** NODE_OPTIONS split as node splits it: on spaces, quotes grouping and removed. */
function nodeOptions(value: string): string[] {
  return (value.match(/(?:[^\s"]+|"[^"]*")+/g) ?? []).map((a) => a.replace(/"/g, ""));
}

/** This process's HeapIo: V8's limit, the machine's (or container's) memory, and a relaunch that runs `node [flags] <this script> <same arguments>`. */
export function processHeap(env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): HeapIo {
  const constrained = process.constrainedMemory?.() ?? 0;
  const memory = constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  const flags = [...execArgv, ...nodeOptions(env.NODE_OPTIONS ?? "")];
  return {
    limitMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20),
    memoryMb: Math.floor(memory / 2 ** 20),
    setByUser: flags.some((a) => HEAP_FLAG.test(a)),
    raised: env[RAISED_ENV] !== undefined,
    toolFlag: flags.find((a) => TOOL_FLAG.test(a))?.replace(/=.*/, "") ?? null,
    relaunch: (nodeFlags) => relaunch(nodeFlags, env),
  };
}

/**
 * In a process that `relaunch` started: stop when the first process is gone.
 * Signals sent to the first are passed on, but SIGKILL cannot be caught, and a
 * scan left running with no one waiting for it would hold its gigabytes and
 * write into a terminal or pipe that has moved on. The two are joined by an IPC
 * channel, which closes when the first process ends, however it ends. Node
 * refs the channel when a "disconnect" listener is added: unref'd after, so
 * that it keeps nothing alive.
 */
export function endWithStarter(env: NodeJS.ProcessEnv = process.env): void {
  const channel = process.channel;
  if (!channel || env[RAISED_ENV] === undefined) return;
  process.once("disconnect", () => {
    process.stderr.write("statdup: the process that started this scan again has ended: stopping\n");
    process.exit(1);
  });
  channel.unref();
}

/**
 * Run this script again with `nodeFlags`, standard streams shared, and end as
 * it ends: with its exit code, or, when a signal ended it, by the same signal
 * (so that a shell loop around statdup stops on Ctrl-C). Signals sent to this
 * process are passed on. This process's garbage (the listed inputs) is
 * collected first: it waits as long as the new one runs.
 */
async function relaunch(nodeFlags: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Loaded here: most runs never start again.
  const { spawn } = await import("node:child_process");
  collectGarbage();
  const [script, ...args] = process.argv.slice(1);
  const child = spawn(process.execPath, [...process.execArgv, ...nodeFlags, script!, ...args], {
    // The channel is only there to close: the new process stops when it does (endWithStarter).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...env, [RAISED_ENV]: nodeFlags.join(" ") },
  });
  // Windows has no SIGHUP to pass on.
  const signals: readonly NodeJS.Signals[] = process.platform === "win32" ? ["SIGINT", "SIGTERM"] : ["SIGINT", "SIGTERM", "SIGHUP"];
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  for (const s of signals) process.on(s, forward);
  const stopForwarding = (): void => void signals.forEach((s) => process.off(s, forward));
  let started = false;
  child.on("spawn", () => (started = true));
  return new Promise<number>((resolve) => {
    child.on("error", (err) => {
      // After the start, an error is a signal that could not be passed on: the child still runs, and its exit ends this.
      if (started) return;
      stopForwarding();
      process.stderr.write(`statdup: could not start node again with a larger heap: ${err.message}\n`);
      resolve(2);
    });
    child.on("exit", (exitCode, signal) => {
      stopForwarding();
      // Ended by a signal a user sends: end by it too. Another (SIGKILL from the kernel's out-of-memory killer): its exit code.
      if (signal && signals.includes(signal)) process.kill(process.pid, signal);
      else if (signal) process.stderr.write(`statdup: the scan started again was ended by ${signal}\n`);
      resolve(exitCode ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}
