/**
 * The cache on disk (`--cache`, in `--cache-location`, `.statdupcache` by default).
 *
 *   .statdupcache/
 *     .gitignore, CACHEDIR.TAG     so that git and backup tools leave it alone
 *     <settings hash>/00.bin … 3f.bin
 *
 * The folder is named by a hash of everything a file's events depend on
 * besides the file (open-cache.ts): a change of settings or of statdup's
 * major.minor starts an empty folder, and the old one is removed when the new
 * one is written. Entries are spread over 64 shards by a hash of their path, so
 * a run that changed a few files rewrites a few shards, not the whole cache, and
 * no shard holds more than 1/64 of a large corpus in one buffer (shard-codec.ts
 * gives the format). A shard is read when a file of it is first looked up, and
 * written at the end of the scan if anything in it changed: to a temporary file
 * renamed over the old one, so a reader never sees half a shard.
 *
 * A file is looked up by the path users see (its events carry that path), and
 * its entry is valid while
 *   metadata strategy (default): size and modification time are as recorded —
 *     one stat, no read;
 *   content strategy: size and SHA-256 of the bytes are as recorded (and, for a
 *     file whose document took its date from the modification day, that day) —
 *     a read, but no extraction or fingerprinting; for CI, where a checkout
 *     gives every file a new modification time.
 * Files with a problem that may pass (unreadable, changed while read, not a
 * regular file, an internal error) are not cached. An entry whose file no
 * longer exists is dropped when its shard is next written; entries of files a
 * run did not look at are kept, so a run over part of the corpus does not cost
 * the next full run.
 *
 * Beside the shards, `report.bin` keeps the last report with a digest of its
 * run (the report options, and every file with its key): a run whose digest is
 * the same reuses it (scan.ts), skipping the corpus-wide stages.
 *
 * Never throws: a cache file that cannot be read or decoded is ignored with a
 * warning (and rewritten), one that cannot be written is a warning.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, existsSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { formatOf, type InputFormat } from "../extract/format.js";
import type { FileEvent } from "../fingerprint/fingerprint-files.js";
import type { SourceFile } from "../model.js";
import type { ScanReport } from "../report/report-model.js";
import type { CacheStats, CacheStrategy, FingerprintCache } from "./fingerprint-cache.js";
import { decodeShard, encodeShard, type CacheEntry } from "./shard-codec.js";

export interface DiskCacheOptions {
  /** The cache folder (absolute). */
  readonly location: string;
  /** Names the folder of this run's settings (see open-cache.ts). */
  readonly settings: string;
  /** Digest of every option the report depends on: the last report is reused only under the same. */
  readonly reportOptions: string;
  readonly strategy: CacheStrategy;
  /** Files over this size (other than JSON Lines) are skipped by the read: not worth a lookup. */
  readonly maxFileSize: number;
  readonly stdinFormat: InputFormat;
  /** Where warnings go (a cache problem is never an error of the scan). */
  readonly warn: (message: string) => void;
  /** For paths in warnings. */
  readonly cwd: string;
}

const SHARDS = 64;
/** Shards read at once: each is a whole buffer in memory until decoded. */
const READING = 4;
/** Names of settings folders: other names in the cache folder are never touched. */
const SETTINGS_DIR = /^[0-9a-f]{16}$/;
/** Names of the files in a settings folder (shards, the last report, temporary files). */
const CACHE_FILE = /^(?:[0-9a-f]{2}|report)\.bin(?:\.\d+-[0-9a-f]{8}\.tmp)?$/;
/** Problems that may be gone next time although the file has not changed. */
const PASSING = new Set(["unreadable", "changed", "not-a-file", "internal-error", "symlink-loop", "broken-link"]);

interface Shard {
  readonly entries: Map<string, CacheEntry>;
  /** Paths looked up in this run. */
  readonly visited: Set<string>;
  dirty: boolean;
}

/** The file as `get` saw it. */
interface FileKey {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string | null;
}

function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** One buffer for every hash (sha256Of is synchronous). */
const chunk = Buffer.allocUnsafe(1 << 20);

/** SHA-256 of a file's bytes, read in chunks (a JSON Lines archive may be large). */
function sha256Of(file: string): string {
  const hash = createHash("sha256");
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

const CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by statdup (--cache); it can be deleted.\n";

export class DiskFingerprintCache implements FingerprintCache {
  private readonly shards = new Map<number, Promise<Shard>>();
  /** Shards already read, for `set` (which is synchronous). */
  private readonly ready = new Map<number, Shard>();
  private readonly keys = new Map<string, FileKey>();
  /** Paths whose entry holds for this run (a hit, or set). */
  private readonly current = new Set<string>();
  /** The report to write at flush, and the digest of the run that made it. */
  private kept: { digest: string; report: ScanReport } | undefined;
  private hits = 0;
  private misses = 0;
  private reading = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly o: DiskCacheOptions) {}

  get stats(): CacheStats {
    return { hits: this.hits, misses: this.misses };
  }

  private get folder(): string {
    return path.join(this.o.location, this.o.settings);
  }

  private shardFile(i: number): string {
    return path.join(this.folder, `${i.toString(16).padStart(2, "0")}.bin`);
  }

  private display(file: string): string {
    const rel = path.relative(this.o.cwd, file);
    return (rel === "" || rel.startsWith("..") ? file : rel).split(path.sep).join("/");
  }

  async get(file: SourceFile): Promise<FileEvent[] | undefined> {
    const key = this.keyOf(file);
    if (!key) {
      this.misses++;
      return undefined;
    }
    this.keys.set(file.path, key);
    const shard = await this.shard(shardOf(file.path));
    shard.visited.add(file.path);
    const entry = shard.entries.get(file.path);
    if (entry && this.valid(entry, key)) {
      this.hits++;
      this.current.add(file.path);
      return entry.events;
    }
    this.misses++;
    return undefined;
  }

  set(file: SourceFile, events: FileEvent[]): void {
    const key = this.keys.get(file.path);
    const shard = this.ready.get(shardOf(file.path));
    if (!key || !shard) return;
    this.keys.delete(file.path);
    if (events.some((e) => e.kind === "problem" && PASSING.has(e.problem.code))) {
      if (shard.entries.delete(file.path)) shard.dirty = true;
      return;
    }
    const dated = events.some((e) => e.kind === "document" && e.document.dateSource === "file-mtime");
    shard.entries.set(file.path, {
      path: file.path,
      absolutePath: file.absolutePath,
      size: key.size,
      mtimeMs: key.mtimeMs,
      sha256: key.sha256,
      mtimeDay: dated ? dayOf(key.mtimeMs) : null,
      events,
    });
    shard.dirty = true;
    this.current.add(file.path);
  }

  /** Digest of the run: the report options, then each file with the key its entry holds; undefined if a file has none. */
  private runDigest(files: readonly SourceFile[]): string | undefined {
    const hash = createHash("sha256").update(this.o.reportOptions);
    for (const file of files) {
      const entry = this.current.has(file.path) ? this.ready.get(shardOf(file.path))?.entries.get(file.path) : undefined;
      if (!entry) return undefined;
      hash.update(`\n${entry.path}\0${entry.size}\0${entry.mtimeMs}\0${entry.sha256}\0${entry.mtimeDay}`);
    }
    return hash.digest("hex");
  }

  private get reportFile(): string {
    return path.join(this.folder, "report.bin");
  }

  async lastReport(files: readonly SourceFile[]): Promise<ScanReport | undefined> {
    if (this.misses > 0 || this.hits !== files.length) return undefined;
    const digest = this.runDigest(files);
    if (!digest) return undefined;
    let buf: Buffer;
    try {
      buf = await readFile(this.reportFile);
    } catch {
      return undefined;
    }
    try {
      const memo = v8.deserialize(buf) as { digest: string; report: ScanReport };
      return memo.digest === digest ? memo.report : undefined;
    } catch (err) {
      this.o.warn(`cache file ${this.display(this.reportFile)} is damaged (${(err as Error).message}): ignored`);
      return undefined;
    }
  }

  keepReport(files: readonly SourceFile[], report: ScanReport): void {
    const digest = this.runDigest(files);
    if (digest) this.kept = { digest, report };
  }

  /** The file's key now, or undefined for a file the cache leaves to the read (which reports what is wrong). */
  private keyOf(file: SourceFile): FileKey | undefined {
    if (file.problem || file.absolutePath === "-") return undefined;
    let st: Stats;
    try {
      st = statSync(file.absolutePath);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    if (st.size > this.o.maxFileSize && formatOf(file.path, this.o.stdinFormat) !== "jsonl") return undefined;
    if (this.o.strategy === "metadata") return { size: st.size, mtimeMs: st.mtimeMs, sha256: null };
    try {
      return { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256Of(file.absolutePath) };
    } catch {
      return undefined;
    }
  }

  private valid(entry: CacheEntry, key: FileKey): boolean {
    if (entry.size !== key.size) return false;
    if (this.o.strategy === "metadata") return entry.mtimeMs === key.mtimeMs;
    return entry.sha256 === key.sha256 && (entry.mtimeDay === null || entry.mtimeDay === dayOf(key.mtimeMs));
  }

  private shard(i: number): Promise<Shard> {
    let p = this.shards.get(i);
    if (!p) {
      p = this.load(i).then((s) => {
        this.ready.set(i, s);
        return s;
      });
      this.shards.set(i, p);
    }
    return p;
  }

  private async load(i: number): Promise<Shard> {
    if (this.reading >= READING) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.reading++;
    try {
      return await this.read(i);
    } finally {
      this.reading--;
      this.waiting.shift()?.();
    }
  }

  private async read(i: number): Promise<Shard> {
    const file = this.shardFile(i);
    const empty = (dirty: boolean): Shard => ({ entries: new Map(), visited: new Set(), dirty });
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return empty(false);
      this.o.warn(`cache file ${this.display(file)} cannot be read (${(err as Error).message}): ignored`);
      return empty(true);
    }
    try {
      const entries = decodeShard(buf, this.o.settings);
      return { entries: new Map(entries.map((e) => [e.path, e])), visited: new Set(), dirty: false };
    } catch (err) {
      this.o.warn(`cache file ${this.display(file)} is damaged (${(err as Error).message}): ignored, and rewritten`);
      return empty(true);
    }
  }

  async flush(): Promise<void> {
    const shards = await Promise.all([...this.shards].map(async ([i, p]) => [i, await p] as const));
    for (const [, shard] of shards) {
      for (const [key, entry] of shard.entries) {
        if (shard.visited.has(key) || existsSync(entry.absolutePath)) continue;
        shard.entries.delete(key);
        shard.dirty = true;
      }
    }
    const dirty = shards.filter(([, s]) => s.dirty);
    if (dirty.length === 0 && !this.kept) return;
    try {
      await this.prepare();
      for (const [i, shard] of dirty) {
        const file = this.shardFile(i);
        if (shard.entries.size === 0) {
          await unlink(file).catch(() => undefined);
          continue;
        }
        // One shard encoded at a time: memory beyond the documents themselves stays at 1/64 of the cache.
        await this.writeAtomically(file, encodeShard(shard.entries.values(), this.o.settings));
        shard.dirty = false;
      }
      if (this.kept) await this.writeAtomically(this.reportFile, v8.serialize(this.kept));
      this.kept = undefined;
      await this.removeOtherSettings();
    } catch (err) {
      this.o.warn(`cache could not be written to ${this.display(this.folder)} (${(err as Error).message}): the next run reads every file`);
    }
  }

  /** Write to a temporary file renamed over `file`: a reader sees the old file or the new one, never half of one. */
  private async writeAtomically(file: string, data: Uint8Array): Promise<void> {
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /** Create the folders; a new cache folder gets a .gitignore and a CACHEDIR.TAG. */
  private async prepare(): Promise<void> {
    const created = !existsSync(this.o.location);
    await mkdir(this.folder, { recursive: true });
    if (created) {
      await writeFile(path.join(this.o.location, ".gitignore"), "# Made by statdup (--cache)\n*\n");
      await writeFile(path.join(this.o.location, "CACHEDIR.TAG"), CACHEDIR_TAG);
    }
  }

  /** Folders of earlier settings: the cache keeps one. Only folders that hold nothing but cache files are removed. */
  private async removeOtherSettings(): Promise<void> {
    for (const name of await readdir(this.o.location)) {
      if (name === this.o.settings || !SETTINGS_DIR.test(name)) continue;
      const folder = path.join(this.o.location, name);
      const inside = await readdir(folder).catch(() => null);
      if (inside?.every((f) => CACHE_FILE.test(f))) await rm(folder, { recursive: true, force: true });
    }
  }
}
