/**
 * The scan: every stage of the pipeline, in order, as one library call that
 * never prints. The CLI, the tests and other programs all come through here.
 */
import { performance } from "node:perf_hooks";
import { MemoryLshIndex } from "./candidates/memory-lsh-index.js";
import { discover } from "./discover/discover.js";
import { REREAD_WORKERS_FROM, rereadTexts } from "./extract/document-texts.js";
import { readDocumentsModule, readSettingsOf } from "./extract/read-settings.js";
import type { FingerprintedDocument } from "./fingerprint/fingerprint.js";
import { collectGarbage, compactPairedShingles, recurringParagraphSharer, releaseBandKeys, releaseUnpairedTexts, textBudget } from "./fingerprint/retention.js";
import { fingerprintParamsOf, prestartWorkersAfter, stopWorkers, textsInWorkers, type Prestarted } from "./fingerprint/fingerprint-files.js";
import { fingerprintFilesCached } from "./cache/cached-fingerprint-files.js";
import type { CacheStats } from "./cache/fingerprint-cache.js";
import { openCache } from "./cache/open-cache.js";
import { groupFamilies } from "./group/families.js";
import { findBoilerplate } from "./match/boilerplate.js";
import { documentPairs } from "./match/document-pairs.js";
import { matchParagraphs } from "./match/paragraph-matches.js";
import { uniqueParagraphs } from "./match/unique-paragraphs.js";
import { resolveOptions, type ResolvedOptions, type ScanOptions } from "./options.js";
import { buildReport } from "./report/build-report.js";
import type { Problem, SourceFile } from "./model.js";
import type { ScanReport } from "./report/report-model.js";
import { SETTLED, siteRecord } from "./trace/site-record.js";
import { decideOrigin, familyEvidence, type FamilyEvidence } from "./trace/trace.js";

/** A finished scan: the report, and the documents behind it (for excerpts and diffs). */
export interface Analysis {
  readonly report: ScanReport;
  readonly options: ResolvedOptions;
  /** Original text of a paragraph of a document in a reported pair (of any document with `keepTexts`); "" for others. */
  paragraphText(path: string, paragraph: number): string | undefined;
  /** Paragraph indexes and first lines of a document, in order. */
  paragraphLines(path: string): { paragraph: number; line: number }[];
  /** Warnings about the run rather than an input (a cache that could not be read or written): not in the report. */
  readonly warnings: readonly string[];
  /** Files the cache had (hits) and files read (misses); null without `cache`. */
  readonly cacheStats: CacheStats | null;
  /** Wall time of each stage in milliseconds, and the process's resident memory in bytes at its end, in the order they ran (`--verbose` prints them). */
  readonly timings: readonly { readonly stage: string; readonly ms: number; readonly rss: number }[];
}

/** Stage timings: `lap(stage)` closes the stage that ran since the last lap. */
function stopwatch(): { lap(stage: string): void; readonly laps: { stage: string; ms: number; rss: number }[] } {
  let last = performance.now();
  const laps: { stage: string; ms: number; rss: number }[] = [];
  return {
    laps,
    lap(stage) {
      const now = performance.now();
      laps.push({ stage, ms: Math.round(now - last), rss: process.memoryUsage.rss() });
      last = now;
    },
  };
}


/** How long listing the inputs may take before the fingerprinting workers are started beside it (fingerprint-files.ts). */
const PRESTART_AFTER_MS = 25;

/** Run the whole pipeline. Throws only for usage errors (bad options, missing paths). */
export async function analyze(options: ScanOptions = {}): Promise<Analysis> {
  const started = performance.now();
  const o = resolveOptions(options);
  const clock = stopwatch();
  const params = fingerprintParamsOf(o);
  const read = readSettingsOf(o);
  // Workers load their modules while the inputs are listed, if that takes a while (standard
  // input is read in this thread).
  const early = o.inputs.includes("-") ? null : prestartWorkersAfter(read, params, o.jobs, PRESTART_AFTER_MS);
  // Files certain to be read in this thread: its extractors load while the inputs are listed.
  if (!early || o.jobs < 2) void readDocumentsModule();
  let files: SourceFile[];
  try {
    files = await discover(o);
    await options.beforeReading?.(files, o);
  } catch (err) {
    await stopWorkers(early?.take() ?? []);
    throw err;
  }
  const prestarted = early?.take() ?? [];
  clock.lap("discover");
  const errors: Problem[] = [];
  let docs: FingerprintedDocument[] = [];
  // --cache: files unchanged since the last run come from the cache, the others are read (cache/).
  const warnings: string[] = [];
  const cache = openCache(o, (w) => warnings.push(w));
  const progress = options.onProgress ?? ((): void => undefined);
  let filesDone = 0;
  const shareRecurring = recurringParagraphSharer();
  const texts = textBudget(o.keepTexts ? Infinity : o.textMemory);
  // Documents whose texts were let go (by path), to be read again if a report shows them.
  const textless = new Set<string>();
  // With --cache, workers keep texts: the cache stores what they send.
  const dropTexts = o.cache ? undefined : texts.spent;
  // The fingerprinting workers, once done, wait to read texts again (restoreTexts): stopped when
  // that is done, or as soon as it is clear they will not be needed, and on any error.
  const parked: Prestarted[] = [];
  const park = (workers: Prestarted[]): void => void parked.push(...workers);
  try {
    for await (const events of fingerprintFilesCached({ files, read, params, jobs: o.jobs, prestarted, park, ...(dropTexts ? { dropTexts } : {}) }, cache)) {
      progress({ phase: "reading", done: ++filesDone, total: files.length });
      for (const event of events) {
        if (event.kind === "problem") errors.push(event.problem);
        else {
          const { doc, dropped } = texts.keep(event.document);
          if (dropped) textless.add(doc.path);
          docs.push(shareRecurring(doc));
        }
      }
    }
  } catch (err) {
    // The pool may have parked its workers before this loop failed (its last result was taken).
    void stopWorkers(parked.splice(0));
    throw err;
  }
  // Too few texts let go for workers to read them again (document-texts.ts): the parked
  // workers would only hold their memory through matching.
  if (textless.size < REREAD_WORKERS_FROM) void stopWorkers(parked.splice(0));
  // Documents in path order, ids dense in that order: a JSON Lines file yields its records in file order.
  docs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  docs = docs.map((d, i) => (d.id === i ? d : { ...d, id: i }));
  clock.lap("read and fingerprint");

  // Texts back for the documents of these pairs, where they were let go.
  const restoreTexts = async (pairs: readonly { readonly a: number; readonly b: number }[]): Promise<Problem[]> => {
    const wanted = new Set<number>();
    for (const p of pairs) for (const d of [p.a, p.b]) if (textless.has(docs[d]!.path)) wanted.add(d);
    if (wanted.size === 0) return [];
    const ids = [...wanted].sort((x, y) => x - y);
    const sources = new Map(files.map((f) => [f.path, f]));
    const { documents, problems } = await rereadTexts(
      ids.map((d) => docs[d]!),
      sources,
      read,
      // Standard input is read in this thread (as fingerprinting does): workers would each get a copy.
      (o.inputs.includes("-") ? null : textsInWorkers(read, params, o.jobs, parked)) ?? undefined,
    );
    ids.forEach((d, i) => {
      docs[d] = documents[i]!;
      textless.delete(docs[d]!.path);
    });
    return problems;
  };

  // The corpus-wide stages. With --cache, a run over the same files, every one
  // unchanged, with the same options as the last run, gives the last run's report.
  const matchAndReport = async (): Promise<ScanReport> => {
    progress({ phase: "matching", done: 0, total: 1 });
    const units = uniqueParagraphs(docs);
    const edges = await matchParagraphs(units, new MemoryLshIndex({ bands: o.bands }), o.threshold, o.jobs);
    // With --cache the cache still holds these paragraph objects, to be written at the end.
    if (!o.cache) releaseBandKeys(docs);
    // --verbose says when worker threads found the candidates (large scans: verify-candidates.ts).
    clock.lap(edges.candidateWorkers > 0 ? `match paragraphs (${edges.candidateWorkers} workers)` : "match paragraphs");
    const boilerplate = findBoilerplate(docs, units, edges, { minDocs: o.boilerplateMinDocs, minWords: o.minWords });
    clock.lap("boilerplate");
    const apart = o.groupApart ? Uint8Array.from(docs, (d) => (o.groupApart!.test(d.path) ? 1 : 0)) : undefined;
    const { pairs, verified, tiedHubs } = documentPairs(docs, units, edges, boilerplate, { minCoverage: o.minCoverage, minWords: o.minWords, apart });
    clock.lap("document pairs");
    if (!o.cache && !o.keepTexts) releaseUnpairedTexts(docs, pairs);
    // The texts are read again by worker threads while this thread compacts and
    // collects, which neither needs nor changes them (the workers' answers are
    // taken in only at the await): 1.3 + 0.4 s at 200,000 documents, overlapped.
    const restoring = restoreTexts(pairs);
    if (!o.cache && !o.keepTexts) {
      try {
        compactPairedShingles(docs, pairs);
        // A scan past its text budget is a large one: what was just let go is worth collecting now.
        if (o.collectGarbage && textless.size > 0) collectGarbage();
      } catch (err) {
        restoring.catch(() => undefined); // the error to report is this one
        throw err;
      }
    }
    errors.push(...(await restoring));
    // Parked fingerprinting workers that reading again did not take (too few files, or nothing to read).
    void stopWorkers(parked.splice(0));
    clock.lap("read texts again");
    const families = groupFamilies(pairs, units);
    // The evidence of families left unsettled by the first pass, kept for the second.
    const unsettled = new Map<number, FamilyEvidence>();
    const firstTraces = families.map((f, i) => {
      progress({ phase: "tracing", done: i, total: families.length });
      const evidence = familyEvidence(f, pairs, docs, boilerplate);
      const trace = decideOrigin(evidence, undefined, tiedHubs);
      if (trace.confidence < SETTLED) unsettled.set(i, evidence);
      return trace;
    });
    // The families the evidence settles say which sites usually hold the origin; that record then weighs in the others.
    const sites = siteRecord(families, firstTraces, docs);
    const traces = firstTraces.map((t, i) => {
      const evidence = unsettled.get(i);
      return evidence ? decideOrigin(evidence, sites, tiedHubs) : t;
    });
    unsettled.clear();
    clock.lap("families and provenance");

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
    clock.lap("report");
    return report;
  };
  let report: ScanReport;
  let last: ScanReport | undefined;
  try {
    last = await cache.lastReport(files);
    if (last) {
      const idOf = new Map(docs.map((d) => [d.path, d.id]));
      const known = last.pairs.filter((p) => idOf.has(p.a) && idOf.has(p.b));
      const problems = await restoreTexts(known.map((p) => ({ a: idOf.get(p.a)!, b: idOf.get(p.b)! })));
      for (const p of problems) warnings.push(`${p.path}: ${p.message}`);
      clock.lap("last report, texts read again");
    }
    report = last ? { ...last, summary: { ...last.summary, elapsedMs: Math.round(performance.now() - started) } } : await matchAndReport();
  } finally {
    void stopWorkers(parked.splice(0));
  }
  if (!last) cache.keepReport(files, report);
  await cache.flush();
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return {
    report,
    options: o,
    warnings,
    cacheStats: o.cache ? cache.stats : null,
    timings: clock.laps,
    paragraphText: (path, paragraph) => byPath.get(path)?.paragraphs[paragraph]?.text,
    paragraphLines: (path) => (byPath.get(path)?.paragraphs ?? []).map((p) => ({ paragraph: p.index, line: p.line })),
  };
}

/** Scan inputs and return the JSON report (see report/report-model.ts). */
export async function scan(options: ScanOptions = {}): Promise<ScanReport> {
  return (await analyze(options)).report;
}
