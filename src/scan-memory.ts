/**
 * What a scan of a corpus needs in memory, known once its inputs are listed:
 * the CLI uses it to give Node a large enough heap before reading (see
 * cli/heap-limit.ts), since a scan that outgrows Node's heap limit dies with a
 * V8 "heap out of memory" crash, perhaps many minutes in.
 *
 * The model is fitted to the benchmark corpus (bench/corpus.js: prose and site
 * chrome, the planted republications), measured with `--trace-gc` as the main
 * thread's largest heap before a collection, and `/usr/bin/time` for peak RSS:
 *
 *   documents   input MB   heap MB   RSS MB
 *      10,000         60       208      427
 *      50,000        299       501    1,136
 *     100,000        598       996    1,805
 *     200,000      1,195     1,973    3,632
 *   1,000,000      5,976         –   15,648   (heap not measured; ran with a 20 GB limit)
 *
 * The heap is about 100 MB and 1.65 bytes per input byte; RSS (the workers'
 * heaps and the shared buffers besides) about 3 bytes per input byte at scale.
 * Both are rounded up, to be on the safe side: the cost of asking for too much
 * is a heap limit that is never reached.
 */
import { statSync } from "node:fs";
import type { SourceFile } from "./model.js";

/** Heap the main thread needs whatever the corpus (code, the key tables' first sizes). */
const HEAP_BASE_MB = 128;
/** Heap per megabyte of input, measured at 1.65 (above), with a margin. */
const HEAP_PER_INPUT_MB = 1.75;
/** Resident memory of the whole process per megabyte of input, measured at 2.6–3.0. */
const RSS_PER_INPUT_MB = 3;
const RSS_BASE_MB = 256;

/** Files whose sizes are looked at to estimate a large corpus's size: enough for a mean within a few percent. */
const SAMPLED_FILES = 512;

export interface ScanMemory {
  /** Input bytes: exact for up to SAMPLED_FILES files, else estimated from an even sample of them. */
  readonly inputBytes: number;
  /** Heap the scan's main thread will need, in MB. */
  readonly heapMb: number;
  /** Resident memory the whole process will need, in MB. */
  readonly rssMb: number;
}

/**
 * The memory a scan of `files` needs. Looks at the sizes of at most
 * SAMPLED_FILES of them, spread evenly over the list (discovery lists them in
 * path order, so the sample crosses every folder): a million files are sized in
 * about as long as a few hundred. `stdin` is standard input's text, for "-".
 * Files that cannot be looked at count as empty: reading will say what is wrong.
 */
export function scanMemory(files: readonly SourceFile[], stdin?: string): ScanMemory {
  const inputBytes = estimateInputBytes(files, stdin);
  const inputMb = inputBytes / 2 ** 20;
  return {
    inputBytes,
    heapMb: Math.ceil(HEAP_BASE_MB + HEAP_PER_INPUT_MB * inputMb),
    rssMb: Math.ceil(RSS_BASE_MB + RSS_PER_INPUT_MB * inputMb),
  };
}

function estimateInputBytes(files: readonly SourceFile[], stdin: string | undefined): number {
  const n = files.length;
  if (n === 0) return 0;
  const sampled = Math.min(n, SAMPLED_FILES);
  let bytes = 0;
  for (let i = 0; i < sampled; i++) bytes += sizeOf(files[Math.floor((i * n) / sampled)]!, stdin);
  return Math.round((bytes * n) / sampled);
}

function sizeOf(file: SourceFile, stdin: string | undefined): number {
  if (file.problem) return 0;
  if (file.absolutePath === "-") return Buffer.byteLength(stdin ?? "");
  try {
    const st = statSync(file.absolutePath, { throwIfNoEntry: false });
    return st?.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}
