/**
 * The fingerprint cache (`--cache`): each file's events — its documents,
 * already read, extracted, segmented and fingerprinted, or its problems — kept
 * from one run to the next, so that a run over a mostly unchanged corpus reads
 * only what changed.
 *
 * When every file is unchanged and the options are those of the last run, the
 * last run's report is kept too, so the corpus-wide stages (matching, tracing)
 * are skipped as well.
 *
 * The scan talks to one small interface; `NO_CACHE` is the null object used
 * when caching is off (every file a miss, nothing stored), and disk-cache.ts
 * the implementation behind `--cache`. The cache sits around the per-file
 * unit, in the main thread (cached-fingerprint-files.ts): files with a hit are
 * never sent to a worker, and what comes back for the others is recorded.
 */
import type { FileEvent } from "../fingerprint/fingerprint-files.js";
import type { SourceFile } from "../model.js";
import type { ScanReport } from "../report/report-model.js";

/**
 * When a cached file counts as unchanged: `metadata`, its size and modification
 * time (one stat, no read); `content`, its size and the SHA-256 of its bytes.
 */
export const CACHE_STRATEGIES = ["metadata", "content"] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

export interface CacheStats {
  /** Files whose events came from the cache. */
  readonly hits: number;
  /** Files looked up and not found, or found changed. */
  readonly misses: number;
}

export interface FingerprintCache {
  /**
   * The file's events from an earlier run, or undefined when the file is new,
   * changed, or not cacheable. Looks at the file as it is now (one `stat` under
   * the metadata strategy, its bytes under the content strategy): call it
   * before the file is read, so that what `set` records can only be newer than
   * the key it is recorded under.
   */
  get(file: SourceFile): Promise<FileEvent[] | undefined>;
  /** Record the events a missed file gave (ignored for a file `get` did not look at). */
  set(file: SourceFile, events: FileEvent[]): void;
  /**
   * The last run's report, when this run is the same: the same files in the
   * same order, every one a hit, and the same options (the corpus-wide stages
   * would give the same report again). Call once every file has been looked up.
   */
  lastReport(files: readonly SourceFile[]): Promise<ScanReport | undefined>;
  /** Keep this run's report for the next run's `lastReport` (written by `flush`). */
  keepReport(files: readonly SourceFile[], report: ScanReport): void;
  /** Write what changed. Never throws: a cache that cannot be written is a warning. */
  flush(): Promise<void>;
  readonly stats: CacheStats;
}

/** Caching off: every file is read. */
export const NO_CACHE: FingerprintCache = Object.freeze({
  get: () => Promise.resolve(undefined),
  set: () => undefined,
  lastReport: () => Promise.resolve(undefined),
  keepReport: () => undefined,
  flush: () => Promise.resolve(),
  stats: Object.freeze({ hits: 0, misses: 0 }),
});
