/** What the CLI touches of the outside world, so tests can run it in-process. */
import type { Analysis } from "../scan.js";
import { endWithStarter, processHeap, type HeapIo } from "./heap-limit.js";

export interface CliIo {
  readonly stdout: { write(chunk: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Read all of standard input (only called when an input is "-"). */
  readStdin(): Promise<string>;
  /** The process's heap, for a scan too large for it (heap-limit.ts); without it, scans are not sized. */
  readonly heap?: HeapIo;
}

export function processIo(): CliIo {
  endWithStarter();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    heap: processHeap(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/**
 * What a run has to say besides its report, to stderr: each file's problem
 * (`statdup: <path>: [warning: ]<message>`), warnings about the run itself (a
 * cache that could not be read or written), and with --verbose what the cache
 * did and how long each stage took.
 */
export function writeProblems(analysis: Analysis, io: CliIo, verbose: boolean): void {
  for (const e of analysis.report.errors) io.stderr.write(`statdup: ${e.path}: ${e.severity === "warning" ? "warning: " : ""}${e.message}\n`);
  for (const w of analysis.warnings) io.stderr.write(`statdup: warning: ${w}\n`);
  const c = analysis.cacheStats;
  if (verbose && c) io.stderr.write(`statdup: cache: ${c.hits} of ${c.hits + c.misses} files unchanged, ${c.misses} read\n`);
  if (verbose) {
    const stages = analysis.timings.map((t) => `${t.stage} ${(t.ms / 1000).toFixed(2)} s (${Math.round(t.rss / 2 ** 20)} MB)`);
    io.stderr.write(`statdup: time (resident memory after): ${stages.join(", ")}\n`);
  }
}
