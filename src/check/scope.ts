/**
 * The checked scope under `--changed`/`--since`: the corpus is scanned whole
 * (the archive's text is what a new article is compared with), then only pairs
 * with at least one changed document are kept, so old-vs-old pairs are never
 * reported. Families without a kept pair go too; the rest are renumbered 1…n
 * in their order, so the scoped report keeps the JSON contract (ids 1-based in
 * report order, `pair.family` and `family.pairs` consistent, summary counts
 * equal to the lists). Documents are all kept: they are the corpus.
 */
import type { ReportFamily, ReportPair, ScanReport } from "../report/report-model.js";

export function scopeReport(report: ScanReport, changed: ReadonlySet<string> | undefined): ScanReport {
  if (!changed) return report;
  const kept = report.pairs.filter((p) => changed.has(p.a) || changed.has(p.b));
  // Counted in one pass: a family per pair looked up in every pair was F × P (10,000 × 50,000).
  const keptPerFamily = new Map<number, number>();
  for (const p of kept) keptPerFamily.set(p.family, (keptPerFamily.get(p.family) ?? 0) + 1);
  const keptFamilies = report.families.filter((f) => keptPerFamily.has(f.id));
  const newId = new Map(keptFamilies.map((f, i) => [f.id, i + 1]));
  const pairs: ReportPair[] = kept.map((p) => ({ ...p, family: newId.get(p.family)! }));
  const families: ReportFamily[] = keptFamilies.map((f, i) => ({ ...f, id: i + 1, pairs: keptPerFamily.get(f.id)! }));
  return { ...report, summary: { ...report.summary, pairs: pairs.length, families: families.length }, pairs, families };
}

/**
 * Report paths of the documents that come from `files` (absolute paths): a
 * JSON Lines file changes every document in it. Files that are no document
 * (deleted, not selected, not text) are returned in `unmatched`.
 */
export function changedDocuments(
  report: ScanReport,
  files: readonly string[],
  absolute: (reportPath: string) => string | undefined,
): { changed: Set<string>; unmatched: string[] } {
  const wanted = new Set(files);
  const changed = new Set<string>();
  const seen = new Set<string>();
  for (const d of report.documents) {
    const abs = absolute(d.path);
    if (abs !== undefined && wanted.has(abs)) {
      changed.add(d.path);
      seen.add(abs);
    }
  }
  return { changed, unmatched: files.filter((f) => !seen.has(f)) };
}
