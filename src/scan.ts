/**
 * The scan: every stage of the pipeline, in order, as one library call that
 * never prints. The CLI, the tests and other programs all come through here.
 */
import { performance } from "node:perf_hooks";
import { MemoryLshIndex } from "./candidates/memory-lsh-index.js";
import { discover } from "./discover/discover.js";
import { readDocuments, readSettingsOf } from "./extract/read-documents.js";
import { fingerprintDocument, type FingerprintedDocument, type FingerprintSettings } from "./fingerprint/fingerprint.js";
import { hashSeeds } from "./fingerprint/minhash.js";
import { groupFamilies } from "./group/families.js";
import { findBoilerplate } from "./match/boilerplate.js";
import { documentPairs } from "./match/document-pairs.js";
import { matchParagraphs } from "./match/paragraph-matches.js";
import { uniqueParagraphs } from "./match/unique-paragraphs.js";
import { resolveOptions, type ResolvedOptions, type ScanOptions } from "./options.js";
import { buildReport } from "./report/build-report.js";
import type { Problem } from "./model.js";
import type { ScanReport } from "./report/report-model.js";
import { traceFamily } from "./trace/trace.js";

/** A finished scan: the report, and the documents behind it (for excerpts and diffs). */
export interface Analysis {
  readonly report: ScanReport;
  readonly options: ResolvedOptions;
  /** Original text of a paragraph of a reported document. */
  paragraphText(path: string, paragraph: number): string | undefined;
  /** Paragraph indexes and first lines of a document, in order. */
  paragraphLines(path: string): { paragraph: number; line: number }[];
}

function fingerprintSettings(o: ResolvedOptions): FingerprintSettings {
  return {
    shingleSize: o.shingleSize,
    minWords: o.minWords,
    windowWords: o.windowWords,
    bands: o.bands,
    rows: o.rows,
    seeds: hashSeeds(o.bands * o.rows, o.seed),
    bandCache: new Map(),
  };
}

/** Files read concurrently ahead of the one being fingerprinted. */
const READ_AHEAD = 16;

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** `work` applied to every item, at most `ahead` at a time, results yielded in item order. */
async function* inOrder<T, R>(items: readonly T[], ahead: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  let next = 0;
  while (next < items.length && pending.length < ahead) pending.push(work(items[next++]!));
  while (pending.length > 0) {
    const result = await pending.shift()!;
    if (next < items.length) pending.push(work(items[next++]!));
    yield result;
  }
}

/** Run the whole pipeline. Throws only for usage errors (bad options, missing paths). */
export async function analyze(options: ScanOptions = {}): Promise<Analysis> {
  const started = performance.now();
  const o = resolveOptions(options);
  const files = await discover(o);
  const errors: Problem[] = [];
  let docs: FingerprintedDocument[] = [];
  const settings = fingerprintSettings(o);

  const readSettings = readSettingsOf(o);
  // Files are read READ_AHEAD at a time (I/O overlaps with fingerprinting) and
  // consumed in path order, so ids and output stay deterministic.
  for await (const events of inOrder(files, READ_AHEAD, (file) => collect(readDocuments(file, readSettings)))) {
    for (const event of events) {
      if (event.kind === "problem") {
        errors.push(event.problem);
        continue;
      }
      const extracted = event.document;
      const doc = fingerprintDocument(extracted, event.paragraphs, docs.length, settings);
      if (doc.paragraphs.length === 0) {
        errors.push({ path: extracted.path, code: "empty", message: "no text to compare: skipped", severity: "error" });
        continue;
      }
      docs.push(doc);
    }
  }
  // Documents in path order, ids dense in that order: a JSON Lines file yields its records in file order.
  docs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  docs = docs.map((d, i) => (d.id === i ? d : { ...d, id: i }));

  const units = uniqueParagraphs(docs);
  const edges = matchParagraphs(units, new MemoryLshIndex(), o.threshold);
  const boilerplate = findBoilerplate(docs, units, edges, { minDocs: o.boilerplateMinDocs, minWords: o.minWords });
  const { pairs, verified } = documentPairs(docs, units, edges, boilerplate, { minCoverage: o.minCoverage, minWords: o.minWords });
  const families = groupFamilies(pairs, units);
  const traces = families.map((f) => traceFamily(f, pairs, docs, boilerplate));

  const report = buildReport({
    options: o,
    files: files.length,
    docs,
    boilerplate,
    pairs,
    families,
    traces,
    errors,
    candidatePairs: edges.candidates.pairs,
    verifiedPairs: verified,
    elapsedMs: performance.now() - started,
  });
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return {
    report,
    options: o,
    paragraphText: (path, paragraph) => byPath.get(path)?.paragraphs[paragraph]?.text,
    paragraphLines: (path) => (byPath.get(path)?.paragraphs ?? []).map((p) => ({ paragraph: p.index, line: p.line })),
  };
}

/** Scan inputs and return the JSON report (see report/report-model.ts). */
export async function scan(options: ScanOptions = {}): Promise<ScanReport> {
  return (await analyze(options)).report;
}
