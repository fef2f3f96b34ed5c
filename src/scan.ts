/**
 * The scan: every stage of the pipeline, in order, as one library call that
 * never prints. The CLI, the tests and other programs all come through here.
 */
import { stat } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { MemoryLshIndex } from "./candidates/memory-lsh-index.js";
import { discover } from "./discover/discover.js";
import { extract } from "./extract/extract.js";
import { fingerprintDocument, type FingerprintedDocument, type FingerprintSettings } from "./fingerprint/fingerprint.js";
import { hashSeeds } from "./fingerprint/minhash.js";
import { groupFamilies } from "./group/families.js";
import { findBoilerplate } from "./match/boilerplate.js";
import { documentPairs } from "./match/document-pairs.js";
import { matchParagraphs } from "./match/paragraph-matches.js";
import { uniqueParagraphs } from "./match/unique-paragraphs.js";
import { resolveOptions, type ResolvedOptions, type ScanOptions } from "./options.js";
import { readSource } from "./read/read-file.js";
import { buildReport } from "./report/build-report.js";
import type { ReportError, ScanReport } from "./report/report-model.js";
import { segment } from "./segment/segment.js";
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
  };
}

/** A file's modification day (UTC), the last resort for a document's date. */
async function fileDate(absolutePath: string): Promise<string | null> {
  try {
    return (await stat(absolutePath)).mtime.toISOString().slice(0, 10);
  } catch {
    return null;
  }
}

/** Run the whole pipeline. Throws only for usage errors (bad options, missing paths). */
export async function analyze(options: ScanOptions = {}): Promise<Analysis> {
  const started = performance.now();
  const o = resolveOptions(options);
  const files = await discover(o);
  const errors: ReportError[] = [];
  const docs: FingerprintedDocument[] = [];
  const settings = fingerprintSettings(o);

  for (const file of files) {
    const read = await readSource(file, o.maxFileSize, o.stdin);
    if (!read.ok) {
      errors.push({ ...read.error, severity: "error" });
      continue;
    }
    if (read.warning) errors.push({ ...read.warning, severity: "warning" });
    for (let extracted of extract({ path: file.path, text: read.text, bytes: read.bytes, dateOrder: o.dateOrder })) {
      if (extracted.dateAmbiguous) {
        errors.push({
          path: extracted.path,
          code: "ambiguous-date",
          message: `date "${extracted.dateAmbiguous}" could be day/month or month/day: left undated (use --date-order dmy|mdy)`,
          severity: "warning",
        });
      }
      if (!extracted.date && o.mtime && file.absolutePath !== "-") {
        const mtime = await fileDate(file.absolutePath);
        if (mtime) extracted = { ...extracted, date: mtime, dateSource: "file-mtime" };
      }
      const doc = fingerprintDocument(extracted, segment(extracted.body, extracted.bodyLine), docs.length, settings);
      if (doc.paragraphs.length === 0) {
        errors.push({ path: file.path, code: "empty", message: "no text to compare: skipped", severity: "error" });
        continue;
      }
      docs.push(doc);
    }
  }

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
