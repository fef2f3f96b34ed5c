/**
 * Read and fingerprint every file, in parallel, results in file order.
 *
 * The per-file work (read → extract → segment → fingerprint) is independent
 * from file to file, so it runs in a pool of worker threads (`jobs` of them),
 * each given consecutive batches of files; the main thread puts the batches
 * back in order, so document ids and output are the same whatever the number
 * of workers. With one job, few files, or when running from TypeScript sources
 * (tests), it runs in this thread, reading a few files ahead of the one being
 * fingerprinted so that I/O overlaps with hashing.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FileTexts, TextReader } from "../extract/document-texts.js";
import { readDocumentsModule, type ReadSettings } from "../extract/read-settings.js";
import type { Problem, SourceFile } from "../model.js";
import { FingerprintArena } from "./arena.js";
import { unpackBatch, type PackedBatch } from "./batch-columns.js";
import { RecentFingerprints, fingerprintDocument, type FingerprintedDocument, type FingerprintSettings } from "./fingerprint.js";
import { hashSeeds } from "./minhash.js";

export type FileEvent =
  | { readonly kind: "problem"; readonly problem: Problem }
  | { readonly kind: "document"; readonly document: FingerprintedDocument };

/** What fingerprinting depends on: plain numbers, so they can cross to a worker. */
export interface FingerprintParams {
  readonly shingleSize: number;
  readonly minWords: number;
  readonly windowWords: number;
  readonly bands: number;
  readonly rows: number;
  readonly seed: number;
}

/** The fingerprint parameters of a scan's options. */
export function fingerprintParamsOf(o: FingerprintParams): FingerprintParams {
  return {
    shingleSize: o.shingleSize,
    minWords: o.minWords,
    windowWords: o.windowWords,
    bands: o.bands,
    rows: o.rows,
    seed: o.seed,
  };
}

export function fingerprintSettings(p: FingerprintParams): FingerprintSettings {
  return { ...p, seeds: hashSeeds(p.bands * p.rows, p.seed), bandCache: new RecentFingerprints() };
}

/** One file's documents, fingerprinted (ids are assigned later, in path order). */
export async function fingerprintFile(file: SourceFile, read: ReadSettings, settings: FingerprintSettings): Promise<FileEvent[]> {
  const out: FileEvent[] = [];
  const { readDocuments } = await readDocumentsModule();
  for await (const event of readDocuments(file, read)) {
    if (event.kind === "problem") {
      out.push(event);
      continue;
    }
    const document = fingerprintDocument(event.document, event.paragraphs, -1, settings, file.path);
    if (document.paragraphs.length === 0) {
      out.push({ kind: "problem", problem: { path: event.document.path, code: "empty", message: "no text to compare: skipped", severity: "error" } });
    } else out.push({ kind: "document", document });
  }
  return out;
}

/** Files read concurrently ahead of the one being fingerprinted, in this thread. */
const READ_AHEAD = 16;
/** Files a worker is given at a time. */
const BATCH = 32;
/** Batches in flight per worker: one being worked on, one waiting. */
const IN_FLIGHT = 2;

const WORKER_SCRIPT = new URL("./fingerprint-worker.js", import.meta.url);

export interface PoolRequest {
  readonly files: readonly SourceFile[];
  readonly read: ReadSettings;
  readonly params: FingerprintParams;
  readonly jobs: number;
  /**
   * Asked before each batch is sent to a worker: true once the caller keeps no
   * more paragraph texts (scan.ts's text budget), so the worker leaves them out
   * of its results instead of copying them to a thread that drops them.
   */
  readonly dropTexts?: () => boolean;
  /** Workers started before the files were known (`prestartWorkers`): used, or stopped. */
  readonly prestarted?: readonly Prestarted[];
  /**
   * Given the workers once every file is done, instead of stopping them: warm,
   * for reading texts again (`textsInWorkers`). Whoever takes them stops them.
   */
  readonly park?: (workers: Prestarted[]) => void;
}

/** A worker started early, and what happened to it before the pool took it. */
export interface Prestarted {
  readonly worker: Worker;
  failure: Error | null;
}

/**
 * Start the workers while the inputs are still being listed: loading their
 * modules takes about 150 ms, which then overlaps discovery instead of delaying
 * the first batch. None when running from TypeScript sources or with one job.
 */
export function prestartWorkers(read: ReadSettings, params: FingerprintParams, jobs: number): Prestarted[] {
  if (jobs < 2 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return [];
  const started: Prestarted[] = [];
  try {
    for (let i = 0; i < jobs; i++) started.push(standingBy(new Worker(WORKER_SCRIPT, { workerData: { read, params } })));
  } catch (err) {
    void stopWorkers(started);
    throw err;
  }
  return started;
}

/**
 * `prestartWorkers` once listing the inputs has taken `afterMs`: a scan whose
 * inputs are listed sooner is small, read in this thread (fewer than two
 * batches) or by workers started then, and starting two threads that load
 * their modules beside it only slowed it (the five seeds: 40 ms of 280). A
 * large scan's listing takes longer, and its workers still load while it runs.
 * `take()` stops the clock and gives the workers started, if any.
 */
export function prestartWorkersAfter(read: ReadSettings, params: FingerprintParams, jobs: number, afterMs: number): { take(): Prestarted[] } {
  let started: Prestarted[] = [];
  // One job never has workers: no clock.
  const timer =
    jobs < 2
      ? undefined
      : setTimeout(() => {
          // A worker that cannot be started here is the pool's to start, and to report.
          try {
            started = prestartWorkers(read, params, jobs);
          } catch {
            started = [];
          }
        }, afterMs);
  return {
    take() {
      clearTimeout(timer);
      const taken = started;
      started = [];
      return taken;
    },
  };
}

/** A worker waiting for a pool to take it: what befalls it meanwhile is recorded for that pool. */
function standingBy(worker: Worker): Prestarted {
  const p: Prestarted = { worker, failure: null };
  worker.on("error", (err) => (p.failure ??= err));
  worker.on("exit", (code) => (p.failure ??= new Error(`a fingerprinting worker stopped (exit code ${code})`)));
  // Until a pool takes it, a worker does not keep the process alive (a usage error must still exit).
  worker.unref();
  return p;
}

/** Stop workers started early that the pool did not take. */
export async function stopWorkers(prestarted: readonly Prestarted[]): Promise<void> {
  await Promise.all(prestarted.map((p) => p.worker.terminate()));
}

/** Every file's events, in file order. */
export function fingerprintFiles(r: PoolRequest): AsyncGenerator<FileEvent[]> {
  const workers = Math.min(r.jobs, Math.ceil(r.files.length / BATCH));
  const script = fileURLToPath(WORKER_SCRIPT);
  if (workers < 2 || r.files.some((f) => f.absolutePath === "-") || !existsSync(script)) {
    void stopWorkers(r.prestarted ?? []);
    return inThread(r);
  }
  return stoppingUnstarted(inWorkers(r, workers), r.prestarted ?? []);
}

/**
 * `pool`, but stopping `prestarted` if it is closed before its first result is
 * asked for: a generator closed before it starts never runs its body, where the
 * pool takes the workers over (a cached scan stopped at its first hit left two
 * threads behind).
 */
function stoppingUnstarted<T>(pool: AsyncGenerator<T>, prestarted: readonly Prestarted[]): AsyncGenerator<T> {
  let started = false;
  const stopUnstarted = async (): Promise<void> => {
    if (!started) {
      started = true;
      await stopWorkers(prestarted);
    }
  };
  const wrapped: AsyncGenerator<T> = {
    next: (...args) => {
      started = true;
      return pool.next(...args);
    },
    return: async (value) => {
      await stopUnstarted();
      return pool.return(value);
    },
    throw: async (err) => {
      await stopUnstarted();
      return pool.throw(err);
    },
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}

async function* inThread(r: PoolRequest): AsyncGenerator<FileEvent[]> {
  // The paragraphs made here are the ones the scan keeps: their arrays are carved out
  // of chunks that are never reset (arena.ts), not allocated one by one.
  const settings = { ...fingerprintSettings(r.params), arenas: { shingles: FingerprintArena.lasting(), bandKeys: FingerprintArena.lasting() } };
  const pending: Promise<FileEvent[]>[] = [];
  let next = 0;
  const start = (): void => {
    const file = r.files[next++]!;
    pending.push(fingerprintFile(file, r.read, settings));
  };
  while (next < r.files.length && pending.length < READ_AHEAD) start();
  while (pending.length > 0) {
    const events = await pending.shift()!;
    if (next < r.files.length) start();
    yield events;
  }
}

/** Every file's events, in file order, from `count` workers. */
function inWorkers(r: PoolRequest, count: number): AsyncGenerator<FileEvent[]> {
  return batchesInWorkers(
    r.files,
    { read: r.read, params: r.params, prestarted: r.prestarted ?? [], count, what: "fingerprinting", ...(r.park ? { park: r.park } : {}) },
    (files) => ({ files, dropTexts: r.dropTexts?.() ?? false }),
    (m: { batch: PackedBatch }) => unpackBatch(m.batch),
  );
}

/**
 * Texts to read again (extract/document-texts.ts), read by a pool of `jobs`
 * workers, each file's texts in the order asked; null when there is to be no
 * pool (one job, or running from TypeScript sources).
 */
export function textsInWorkers(read: ReadSettings, params: FingerprintParams, jobs: number, parked: Prestarted[] = []): TextReader | null {
  if (jobs < 2 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return null;
  return (requests) => {
    const count = Math.min(jobs, Math.ceil(requests.length / BATCH));
    // Every batch is handed out at once: the main thread compacts and traces while
    // these are read, and a worker waiting for its next batch would wait for that.
    // The fingerprinting workers, when parked, are taken first: started, and their code warm.
    const prestarted = parked.splice(0);
    return batchesInWorkers(requests, { read, params, prestarted, count, what: "reading", upfront: true }, (texts) => ({ texts }), (m: { texts: FileTexts[] }) => m.texts);
  };
}

interface PoolSettings {
  readonly read: ReadSettings;
  readonly params: FingerprintParams;
  readonly prestarted: readonly Prestarted[];
  readonly count: number;
  /** What the workers do, for an error message: "fingerprinting", "reading". */
  readonly what: string;
  /**
   * Deal every batch out at the start, in turn, instead of IN_FLIGHT at a time
   * as workers answer: for small requests whose answers the caller wants even
   * while it is busy with something else.
   */
  readonly upfront?: boolean;
  /** Given the workers when every batch is done, instead of stopping them (PoolRequest.park). */
  readonly park?: (workers: Prestarted[]) => void;
}

/**
 * The pool: `items` go to `count` workers in batches of BATCH (IN_FLIGHT per
 * worker), each batch as the message `ask(batch)` with its number added; each
 * reply's results (`take(reply)`, one per item) are given back in item order,
 * whichever worker finishes first.
 */
async function* batchesInWorkers<Item, Result, Reply>(
  items: readonly Item[],
  pool: PoolSettings,
  ask: (batch: readonly Item[]) => object,
  take: (reply: Reply) => Result[],
): AsyncGenerator<Result> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const done = new Map<number, Result[]>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  let nextBatch = 0;
  let stopping = false;
  const early = [...pool.prestarted];
  void stopWorkers(early.splice(pool.count));
  const workers = Array.from({ length: pool.count }, (_, index) => {
    const adopted = early.shift();
    if (adopted?.failure) failure ??= adopted.failure;
    const worker = adopted?.worker ?? new Worker(WORKER_SCRIPT, { workerData: { read: pool.read, params: pool.params } });
    worker.ref();
    let inFlight = 0;
    const feed = (): void => {
      while (!pool.upfront && inFlight < IN_FLIGHT && nextBatch < batches.length) {
        const id = nextBatch++;
        inFlight++;
        worker.postMessage({ id, ...ask(batches[id]!) });
      }
    };
    worker.on("message", (m: Reply & { readonly id: number }) => {
      inFlight--;
      done.set(m.id, take(m));
      feed();
      notify();
    });
    worker.on("error", (err) => {
      failure ??= err;
      notify();
    });
    // A worker that ends without an error event (killed, out of memory) must not leave the scan waiting.
    worker.on("exit", (code) => {
      if (!stopping) {
        failure ??= new Error(`a ${pool.what} worker stopped (exit code ${code})`);
        notify();
      }
    });
    if (pool.upfront) {
      for (let id = index; id < batches.length; id += pool.count) {
        inFlight++;
        worker.postMessage({ id, ...ask(batches[id]!) });
      }
    } else feed();
    return worker;
  });
  // Every result handed out: a consumer that stops asking after the last one (it knows how
  // many there are) ends this generator with `return`, which is a normal end too.
  let given = 0;
  let finished = items.length === 0;
  try {
    for (let id = 0; id < batches.length; id++) {
      while (!done.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const results = done.get(id)!;
      done.delete(id);
      for (const result of results) {
        if (++given === items.length) finished = true;
        yield result;
      }
    }
  } finally {
    stopping = true;
    if (finished && !failure && pool.park) {
      pool.park(
        workers.map((w) => {
          // The next pool listens for itself; until then a failure is recorded (standingBy).
          w.removeAllListeners("message").removeAllListeners("error").removeAllListeners("exit");
          return standingBy(w);
        }),
      );
    } else await Promise.all(workers.map((w) => w.terminate()));
  }
}
