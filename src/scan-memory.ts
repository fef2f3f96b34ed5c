/**
 * What a scan of a corpus needs in memory, known once its inputs are listed:
 * the CLI uses it to give Node a large enough heap before reading (see
 * cli/heap-limit.ts), since a scan that outgrows Node's heap limit collects
 * garbage over and over near it, and at worst dies with V8's "heap out of
 * memory" crash, many minutes in.
 *
 * The model is fitted to measurements of the main thread's largest heap before
 * a collection (`--trace-gc`) and the process's peak RSS (`/usr/bin/time`):
 *
 *   corpus                                   input MB   heap MB   RSS MB
 *   benchmark, 10,000 documents                    57       208      427
 *   benchmark, 50,000                             285       501    1,136
 *     the same with --cache (first run)                   1,223
 *     the same with --text-memory 1000                      896
 *   benchmark, 100,000                            571       996    1,805
 *   benchmark, 200,000                          1,140     1,973    3,632
 *   benchmark, 1,000,000                        5,699         –   15,648
 *   100,000 files of about 50 bytes                 5       502
 *
 * Each document costs about 3.7 KB of heap whatever its length (its record,
 * its paragraphs' records, the index's entries), each byte of text about one
 * more; RSS (the workers' heaps and the shared buffers besides) about 7 KB and
 * 1.8 bytes. Texts kept past the default 64 MB (`--text-memory`) cost about
 * 1.4 bytes per byte, and `--cache` 2.5 (the workers send every text, and the
 * cache's records wait to be written). The constants below round up: asking
 * for too much costs a heap limit that is never reached.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { formatOf, type InputFormat } from "./extract/format.js";
import type { SourceFile } from "./model.js";

const HEAP_BASE_MB = 128;
const HEAP_PER_INPUT_MB = 1;
const HEAP_PER_DOCUMENT_KB = 4;
const RSS_BASE_MB = 256;
const RSS_PER_INPUT_MB = 1.8;
const RSS_PER_DOCUMENT_KB = 7;
/** Texts kept beyond what the measurements above kept (the default `--text-memory`). */
const TEXTS_MEASURED_MB = 64;
const PER_KEPT_TEXT_MB = 1.5;
const PER_CACHED_INPUT_MB = 2.5;

/**
 * Lists of up to this many files are sized whole; longer ones from an even
 * sample of this many (a few tens of milliseconds of `stat`). JSON Lines files
 * are sampled apart from the others, so that one large archive among many
 * small pages is seen.
 */
const SIZED_FILES = 4096;
/** JSON Lines files whose first bytes are read to count records per byte. */
const PROBED_JSONL_FILES = 256;
/** Bytes read from the start of a probed JSON Lines file. */
const JSONL_PROBE_BYTES = 64 * 1024;

/** What of a scan's settings changes its memory (ResolvedOptions has them all). */
export interface ScanMemorySettings {
  /** Text of standard input, for the input "-". */
  readonly stdin?: string | undefined;
  readonly stdinFormat?: InputFormat;
  /** `--text-memory`, in MB (default 64). */
  readonly textMemory?: number;
  /** Every document keeps its texts. */
  readonly keepTexts?: boolean;
  /** Files over this many bytes are skipped, not read (`--max-file-size`; JSON Lines files are read line by line). */
  readonly maxFileSize?: number;
  /** `--cache` is on. */
  readonly cache?: boolean;
}

export interface ScanMemory {
  /** Input bytes that will be read: exact for up to SIZED_FILES files, else estimated from an even sample of them. */
  readonly inputBytes: number;
  /** Documents: one a file, but one a record of a JSON Lines file (counted, or estimated from the start of the file). */
  readonly documents: number;
  /** Heap the scan's main thread will need, in MB. */
  readonly heapMb: number;
  /** Resident memory the whole process will need, in MB. */
  readonly rssMb: number;
}

/**
 * The memory a scan of `files` needs, with `settings` (ResolvedOptions will
 * do). Looks at the sizes of at most SIZED_FILES of them (and of as many JSON
 * Lines files), spread evenly over the list (discovery lists them in path
 * order, so the sample crosses every folder): a million files are sized in
 * about as long as a few thousand. Files that cannot be looked at, and files
 * over `maxFileSize`, count as nothing: reading will say what is wrong with them.
 */
export function scanMemory(files: readonly SourceFile[], settings: ScanMemorySettings = {}): ScanMemory {
  const { inputBytes, documents } = estimateInput(files, settings);
  const inputMb = inputBytes / 2 ** 20;
  const keptTexts = settings.keepTexts ? inputMb : Math.min(settings.textMemory ?? TEXTS_MEASURED_MB, inputMb);
  const extraMb = PER_KEPT_TEXT_MB * Math.max(0, keptTexts - TEXTS_MEASURED_MB) + (settings.cache ? PER_CACHED_INPUT_MB * inputMb : 0);
  return {
    inputBytes,
    documents,
    heapMb: Math.ceil(HEAP_BASE_MB + HEAP_PER_INPUT_MB * inputMb + (HEAP_PER_DOCUMENT_KB * documents) / 1024 + extraMb),
    rssMb: Math.ceil(RSS_BASE_MB + RSS_PER_INPUT_MB * inputMb + (RSS_PER_DOCUMENT_KB * documents) / 1024 + extraMb),
  };
}

function estimateInput(files: readonly SourceFile[], settings: ScanMemorySettings): { inputBytes: number; documents: number } {
  const jsonl: SourceFile[] = [];
  const pages: SourceFile[] = [];
  for (const file of files) (formatOf(file.path, settings.stdinFormat) === "jsonl" ? jsonl : pages).push(file);
  const limit = settings.maxFileSize ?? Infinity;
  // A page is one document, unless it cannot be read or will be skipped for its size.
  const [pageBytes, pageDocuments] = sampled(pages, settings.stdin, (size) => (size > 0 && size <= limit ? [size, 1] : [0, 0]));
  // A JSON Lines file is a record a line: records per byte from the start of a few files.
  const [jsonlBytes] = sampled(jsonl, settings.stdin, (size) => [size, 0]);
  return { inputBytes: Math.round(pageBytes + jsonlBytes), documents: Math.round(pageDocuments + jsonlBytes * recordsPerByte(jsonl, settings.stdin)) };
}

/** Sums of `measure(size)` over `files`: whole for a short list, else from an even sample, scaled. */
function sampled(files: readonly SourceFile[], stdin: string | undefined, measure: (size: number) => readonly [number, number]): [number, number] {
  const n = files.length;
  if (n === 0) return [0, 0];
  const count = Math.min(n, SIZED_FILES);
  let a = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    const [x, y] = measure(sizeOf(files[Math.floor((i * n) / count)]!, stdin));
    a += x;
    b += y;
  }
  return [(a * n) / count, (b * n) / count];
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

/** Records per byte of JSON Lines: lines counted in the first bytes of up to PROBED_JSONL_FILES files, spread over the list. */
function recordsPerByte(files: readonly SourceFile[], stdin: string | undefined): number {
  const probed = Math.min(files.length, PROBED_JSONL_FILES);
  let lines = 0;
  let bytes = 0;
  for (let i = 0; i < probed; i++) {
    const head = headOf(files[Math.floor((i * files.length) / probed)]!, stdin);
    if (head.length === 0) continue;
    for (let at = head.indexOf(10); at >= 0; at = head.indexOf(10, at + 1)) lines++;
    // A last line without its newline is a record too (or, cut by the probe, most of one).
    if (head[head.length - 1] !== 10) lines++;
    bytes += head.length;
  }
  return bytes === 0 ? 0 : lines / bytes;
}

/** The first JSONL_PROBE_BYTES of a file (empty when it cannot be read). */
function headOf(file: SourceFile, stdin: string | undefined): Buffer {
  if (file.problem) return Buffer.alloc(0);
  if (file.absolutePath === "-") return Buffer.from(stdin ?? "").subarray(0, JSONL_PROBE_BYTES);
  let fd = -1;
  try {
    fd = openSync(file.absolutePath, "r");
    const head = Buffer.alloc(JSONL_PROBE_BYTES);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
