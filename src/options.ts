/**
 * Scan options: the documented defaults, validation, and the frozen settings
 * every stage reads. Defaults are chosen on the benchmark corpus (bench/) and
 * the seeds; README.md "How matching works" gives the reasons.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { CACHE_STRATEGIES, type CacheStrategy } from "./cache/fingerprint-cache.js";
import { UsageError } from "./errors.js";
import type { DateOrder } from "./extract/dates.js";
import { INPUT_FORMATS, type InputFormat } from "./extract/format.js";
import { DEFAULT_JSONL_FIELDS, type JsonlFields } from "./extract/jsonl-fields.js";
import { encodingName } from "./read/decode.js";
import type { SourceFile } from "./model.js";

/** File extensions read by default. */
export const DEFAULT_EXTENSIONS = ["txt", "md", "markdown", "html", "htm", "jsonl", "ndjson"] as const;

/** Which documents identical copies are grouped apart from (ScanOptions.groupApart). */
export interface GroupApart {
  /** What decides it, as text (the allow globs): part of what the cache compares between runs. */
  readonly rule: string;
  /** Whether the document with this path (as reported) is apart. */
  readonly test: (path: string) => boolean;
}

export interface ScanOptions {
  /** Folders, files or globs; "-" reads one document from standard input. Default: ["."]. */
  inputs?: readonly string[];
  /** Working directory that relative inputs and paths are resolved against. */
  cwd?: string;
  /** Globs of files to read inside folders (default: `**\/*.{txt,md,markdown,html,htm,jsonl,ndjson}`). */
  include?: readonly string[];
  /** Globs of files or folders to skip (`.git` and `node_modules` always are). */
  exclude?: readonly string[];
  /** Read files and folders whose names start with a dot (`.git` never is). */
  dot?: boolean;
  /** Follow symbolic links to folders (loops are reported and not followed). */
  follow?: boolean;
  /** Honour `.gitignore` files (default true); `.statdupignore` files always are. */
  gitignore?: boolean;
  /** More ignore files in gitignore syntax (patterns relative to each file's folder). */
  ignoreFile?: readonly string[];
  /** Words per shingle. */
  shingleSize?: number;
  /** Paragraph match: share of the smaller paragraph's shingles found in the other (0..1). */
  threshold?: number;
  /** Document pair: the share of at least one side's text found in the other (0..1). */
  minCoverage?: number;
  /** Paragraphs with fewer words only match when identical, and never alone make a pair. */
  minWords?: number;
  /** Recurring paragraphs shared by at least this many documents may be boilerplate. */
  boilerplateMinDocs?: number;
  /** Files larger than this many bytes are skipped with an error. */
  maxFileSize?: number;
  /**
   * Megabytes of paragraph text kept in memory after fingerprinting; the texts
   * of later documents are let go and read again for the documents a report
   * shows. Bounds memory on large corpora; does not change the result.
   */
  textMemory?: number;
  /**
   * Keep the texts of every document, whatever `textMemory` says and whether or
   * not a document is in a pair (`explain` shows two documents that may share
   * nothing). Library only. By default only documents in pairs keep their texts.
   */
  keepTexts?: boolean;
  /**
   * After a scan past its text budget lets go of texts and buffers, run a full
   * garbage collection (lowers the peak memory of large scans; turns on V8's
   * `--expose-gc` for the process, and collects the whole process's heap, so
   * it is off for the library). The command line turns it on.
   */
  collectGarbage?: boolean;
  /**
   * Documents that identical copies are grouped apart from (`check --allow`).
   * A large group of identical documents is paired through its head only
   * (match/identical-groups.ts), so a rule that lets a pair pass for one of its
   * documents, applied to a head, would let every member pass: 120 copies whose
   * head is an allowed wire copy passed, when any two of them not allowed fail.
   * Grouped apart, the copies that are not allowed have a head of their own.
   * `test` is asked of each document's path as reported; `rule` says what it
   * is, for the cache (a function has no text to compare). Library only.
   */
  groupApart?: GroupApart;
  /** MinHash signature length = bands × rows. */
  bands?: number;
  rows?: number;
  /** Seed of the MinHash functions; fixed by default so output is reproducible. */
  seed?: number;
  /** How to read numeric dates such as 03/04/2020: `auto` leaves ambiguous ones undated. */
  dateOrder?: DateOrder;
  /** Fall back to the file's modification time when a document states no date. */
  mtime?: boolean;
  /** Worker threads that read and fingerprint files (default: the machine's cores). */
  jobs?: number;
  /** Called as the scan advances (the CLI draws its progress bar from it). */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Called once the inputs are listed, before any is read, with the scan's
   * settings: a caller can size what the scan will need (`scanMemory(files,
   * options)`). What it throws stops the scan (its workers are stopped) and is
   * thrown by `analyze`.
   */
  beforeReading?: (files: readonly SourceFile[], options: ResolvedOptions) => void | Promise<void>;
  /** Text read for the input "-" (the CLI passes standard input here). */
  stdin?: string;
  /** How "-" is read: text (default), markdown, html or jsonl. */
  stdinFormat?: InputFormat;
  /** Encoding of files without a byte order mark: `auto` (default: UTF-8, else Windows-1252) or a label such as `windows-1252`, `iso-8859-2`, `shift_jis`. */
  encoding?: string;
  /** JSON Lines field names (defaults are passim's: text, id, date, title, url). */
  jsonlText?: string;
  jsonlId?: string;
  jsonlDate?: string;
  jsonlTitle?: string;
  jsonlUrl?: string;
  /** Keep each file's fingerprints between runs, so that unchanged files are not read again (default false). */
  cache?: boolean;
  /** Folder of the cache, relative to `cwd` (default `.statdupcache`). */
  cacheLocation?: string;
  /** When a cached file counts as unchanged: `metadata` (size and modification time; default) or `content` (SHA-256 of the bytes). */
  cacheStrategy?: CacheStrategy;
}

/** Where a scan is: files read so far, then the matching stages. */
export interface ScanProgress {
  readonly phase: "reading" | "matching" | "tracing";
  readonly done: number;
  readonly total: number;
}

export interface ResolvedOptions {
  readonly inputs: readonly string[];
  readonly cwd: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly dot: boolean;
  readonly follow: boolean;
  readonly gitignore: boolean;
  /** Absolute paths. */
  readonly ignoreFile: readonly string[];
  readonly shingleSize: number;
  readonly threshold: number;
  readonly minCoverage: number;
  readonly minWords: number;
  readonly boilerplateMinDocs: number;
  readonly maxFileSize: number;
  readonly textMemory: number;
  readonly keepTexts: boolean;
  readonly collectGarbage: boolean;
  readonly groupApart: GroupApart | undefined;
  readonly bands: number;
  readonly rows: number;
  readonly seed: number;
  /** Longest run of tokens fingerprinted as one LSH window. */
  readonly windowWords: number;
  readonly dateOrder: DateOrder;
  readonly mtime: boolean;
  readonly jobs: number;
  readonly stdin: string | undefined;
  readonly stdinFormat: InputFormat;
  /** A canonical encoding name, or `auto`. */
  readonly encoding: string;
  readonly jsonlFields: JsonlFields;
  readonly cache: boolean;
  /** Absolute. */
  readonly cacheLocation: string;
  readonly cacheStrategy: CacheStrategy;
}

export const DEFAULTS = {
  shingleSize: 4,
  threshold: 0.5,
  minCoverage: 0.3,
  minWords: 8,
  boilerplateMinDocs: 3,
  maxFileSize: 16 * 1024 * 1024,
  // Enough for the benchmark's 10,000 articles (about 50 MB of paragraph text) to be
  // read once. Texts held past that cost more than reading the shown ones again:
  // every kept string is copied by the young-generation collector, and 256 MB of
  // them made 100,000 documents' main-thread collections 6.2 s instead of 4.4 s.
  textMemory: 64,
  bands: 20,
  rows: 3,
  seed: 0x5eed,
  windowWords: 40,
} as const;

function checkNumber(name: string, value: number, min: number, max: number, integer: boolean): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const what = integer ? "a whole number" : "a number";
    throw new UsageError(`${name} must be ${what} from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function checkChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${choices.join(", ")}, got ${value}`);
  return value as T;
}

function checkEncoding(label: string): string {
  if (label === "auto") return label;
  const name = encodingName(label);
  if (!name) throw new UsageError(`encoding must be auto or a name such as utf-8, windows-1252, iso-8859-2, shift_jis; got ${label}`);
  return name;
}

function checkField(name: string, value: string): string {
  if (value.trim() === "") throw new UsageError(`${name} must name a field`);
  return value;
}

/** Validate and complete options; throws UsageError naming the bad option. */
export function resolveOptions(options: ScanOptions = {}): ResolvedOptions {
  const inputs = options.inputs && options.inputs.length > 0 ? [...options.inputs] : ["."];
  const cwd = options.cwd ?? process.cwd();
  return Object.freeze({
    inputs: Object.freeze(inputs),
    cwd,
    include: Object.freeze([...(options.include ?? [`**/*.{${DEFAULT_EXTENSIONS.join(",")}}`])]),
    exclude: Object.freeze([...(options.exclude ?? [])]),
    dot: options.dot ?? false,
    follow: options.follow ?? false,
    gitignore: options.gitignore ?? true,
    ignoreFile: Object.freeze((options.ignoreFile ?? []).map((f) => path.resolve(options.cwd ?? process.cwd(), f))),
    shingleSize: checkNumber("shingle size", options.shingleSize ?? DEFAULTS.shingleSize, 1, 32, true),
    threshold: checkNumber("threshold", options.threshold ?? DEFAULTS.threshold, 0.01, 1, false),
    minCoverage: checkNumber("min coverage", options.minCoverage ?? DEFAULTS.minCoverage, 0, 1, false),
    minWords: checkNumber("min words", options.minWords ?? DEFAULTS.minWords, 1, 1000, true),
    boilerplateMinDocs: checkNumber("boilerplate min docs", options.boilerplateMinDocs ?? DEFAULTS.boilerplateMinDocs, 2, 1e9, true),
    maxFileSize: checkNumber("max file size", options.maxFileSize ?? DEFAULTS.maxFileSize, 1, Number.MAX_SAFE_INTEGER, true),
    textMemory: checkNumber("text memory", options.textMemory ?? DEFAULTS.textMemory, 0, 1_000_000, false),
    keepTexts: options.keepTexts === true,
    collectGarbage: options.collectGarbage === true,
    groupApart: options.groupApart,
    bands: checkNumber("bands", options.bands ?? DEFAULTS.bands, 1, 256, true),
    rows: checkNumber("rows", options.rows ?? DEFAULTS.rows, 1, 16, true),
    seed: checkNumber("seed", options.seed ?? DEFAULTS.seed, 0, 0xffffffff, true),
    windowWords: DEFAULTS.windowWords,
    dateOrder: checkChoice("date order", options.dateOrder ?? "auto", ["auto", "dmy", "mdy"] as const),
    mtime: options.mtime ?? true,
    jobs: checkNumber("jobs", options.jobs ?? availableParallelism(), 1, 256, true),
    stdin: options.stdin,
    stdinFormat: checkChoice("stdin format", options.stdinFormat ?? "text", INPUT_FORMATS),
    encoding: checkEncoding(options.encoding ?? "auto"),
    jsonlFields: Object.freeze({
      text: checkField("--jsonl-text", options.jsonlText ?? DEFAULT_JSONL_FIELDS.text),
      id: checkField("--jsonl-id", options.jsonlId ?? DEFAULT_JSONL_FIELDS.id),
      date: checkField("--jsonl-date", options.jsonlDate ?? DEFAULT_JSONL_FIELDS.date),
      title: checkField("--jsonl-title", options.jsonlTitle ?? DEFAULT_JSONL_FIELDS.title),
      url: checkField("--jsonl-url", options.jsonlUrl ?? DEFAULT_JSONL_FIELDS.url),
    }),
    cache: options.cache ?? false,
    cacheLocation: path.resolve(cwd, checkField("cache location", options.cacheLocation ?? ".statdupcache")),
    cacheStrategy: checkChoice("cache strategy", options.cacheStrategy ?? "metadata", CACHE_STRATEGIES),
  });
}

/** The settings echoed in the JSON report (`settings`): what decides the result. */
export function reportedSettings(o: ResolvedOptions): Record<string, unknown> {
  return {
    include: o.include,
    exclude: o.exclude,
    dot: o.dot,
    follow: o.follow,
    gitignore: o.gitignore,
    shingleSize: o.shingleSize,
    threshold: o.threshold,
    minCoverage: o.minCoverage,
    minWords: o.minWords,
    boilerplateMinDocs: o.boilerplateMinDocs,
    maxFileSize: o.maxFileSize,
    bands: o.bands,
    rows: o.rows,
    windowWords: o.windowWords,
    seed: o.seed,
    dateOrder: o.dateOrder,
    mtime: o.mtime,
    encoding: o.encoding,
    jsonlFields: o.jsonlFields,
  };
}
