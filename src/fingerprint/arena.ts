/**
 * Where a fingerprinting worker puts a batch's shingle sets (or band keys):
 * views into a few large arrays instead of an array each.
 *
 * A paragraph's arrays were allocated one by one, then copied into the batch's
 * shared buffers (batch-columns.ts) and dropped: two buffers allocated, swept
 * and freed per paragraph, millions on a large scan. Here they are carved out
 * of chunks, and packing a batch copies each chunk's used part at once. An
 * arena serves one batch; `reset` lets the next one reuse its largest chunk.
 * Its views must not outlive the batch: whatever is kept longer (the worker's
 * cache of recurring paragraphs) is copied out of it.
 *
 * Fingerprinting in the scan's own thread (one job, few files) uses `lasting`
 * arenas instead: never reset, their chunks all of one size (no doubling,
 * which would leave half of the last chunk unused), freed when no paragraph
 * holds a view of them any more (retention.ts compacts the paired ones).
 */

/** Values in the first chunk: room for a typical batch of 32 articles' shingle sets. */
const FIRST_CHUNK = 1 << 16;
/** A chunk larger than this (4 MB: a file without line breaks) is not kept for the next batch. */
const LARGEST_KEPT = 1 << 20;
/** Values per chunk of a lasting arena (1 MB). */
const LASTING_CHUNK = 1 << 18;

export class FingerprintArena {
  /** Chunks in the order they were started; the last one is being filled. */
  private readonly filled: Uint32Array[] = [];
  private chunk: Uint32Array;
  private used = 0;
  /** Where the last `take` started in the current chunk (for `fit`). */
  private lastStart = -1;

  constructor(
    private readonly firstChunk = FIRST_CHUNK,
    private readonly grows = true,
  ) {
    this.chunk = new Uint32Array(firstChunk);
  }

  /** An arena whose views are kept: never reset, chunks of LASTING_CHUNK values (or one paragraph's, when larger). */
  static lasting(): FingerprintArena {
    return new FingerprintArena(LASTING_CHUNK, false);
  }

  /** A zeroed-or-stale view of `n` values, to be written by the caller. */
  take(n: number): Uint32Array {
    if (this.used + n > this.chunk.length) {
      this.filled.push(this.chunk.subarray(0, this.used));
      this.chunk = new Uint32Array(Math.max(n, this.grows ? this.chunk.length * 2 : this.firstChunk));
      this.used = 0;
    }
    this.lastStart = this.used;
    this.used += n;
    return this.chunk.subarray(this.lastStart, this.used);
  }

  /** `view`, the last one taken, cut to its first `length` values: the rest is given back. */
  fit(view: Uint32Array, length: number): Uint32Array {
    if (length === view.length) return view;
    if (view.buffer === this.chunk.buffer && view.byteOffset === this.lastStart * 4 && this.lastStart + view.length === this.used) this.used = this.lastStart + length;
    return view.subarray(0, length);
  }

  /** The used part of each chunk, in order: what `take` gave out lies in these, at the same offsets. */
  chunks(): Uint32Array[] {
    return [...this.filled, this.chunk.subarray(0, this.used)];
  }

  /**
   * Forget every view given out; keep the current (largest) chunk for the next
   * batch, unless one huge paragraph made it huge: that must not stay pinned
   * for the worker's life (nor double at the next one).
   */
  reset(): void {
    if (this.chunk.length > LARGEST_KEPT) this.chunk = new Uint32Array(this.firstChunk);
    this.filled.length = 0;
    this.used = 0;
    this.lastStart = -1;
  }
}
