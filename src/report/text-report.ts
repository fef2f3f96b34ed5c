/**
 * The report for people: families largest first, each with its documents, how
 * much of each is shared, and the matched paragraphs with line numbers and a
 * short excerpt. Colour comes from the Chalk instance the caller passes (level 0
 * for none), so this module never looks at the terminal itself.
 */
import type { ChalkInstance } from "chalk";
import type { Analysis } from "../scan.js";
import type { ReportPair, ScanReport } from "./report-model.js";

export interface TextReportOptions {
  readonly color: ChalkInstance;
  /** Matched paragraphs shown per pair before "… N more". */
  readonly matchesPerPair?: number;
  /** Pairs shown per family before "… N more". */
  readonly pairsPerFamily?: number;
}

const EXCERPT = 72;

function excerpt(text: string | undefined): string {
  if (text === undefined) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT ? flat : flat.slice(0, EXCERPT - 1).trimEnd() + "…";
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One line saying what the scan did: the whole report under `--quiet`. */
export function summaryLine(report: ScanReport): string {
  const s = report.summary;
  const parts = [
    plural(s.documents, "document"),
    `${plural(s.paragraphs, "paragraph")} (${s.boilerplateParagraphs} boilerplate)`,
    `${plural(s.pairs, "pair")} in ${plural(s.families, "family", "families")}`,
  ];
  const skipped = report.errors.filter((e) => e.severity === "error");
  const warned = report.errors.length - skipped.length;
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const e of skipped) reasons.set(e.code, (reasons.get(e.code) ?? 0) + 1);
    const why = [...reasons].map(([code, n]) => `${n} ${code}`).join(", ");
    parts.push(`${plural(skipped.length, "file")} skipped (${why})`);
  }
  if (warned > 0) parts.push(plural(warned, "warning"));
  return `statdup: ${parts.join(", ")} · ${s.elapsedMs} ms`;
}

function pairLines(pair: ReportPair, analysis: Analysis, o: Required<TextReportOptions>): string[] {
  const c = o.color;
  const lines = [
    `  ${c.bold(pair.a)} ${c.dim("↔")} ${c.bold(pair.b)}  ${c.cyan(pair.kind)} · similarity ${pair.similarity.toFixed(2)} · ` +
      `shared ${percent(pair.coverage.a)} of a, ${percent(pair.coverage.b)} of b`,
  ];
  const shown = pair.matches.slice(0, o.matchesPerPair);
  for (const m of shown) {
    const kind = m.kind === "exact" ? c.green(m.kind.padEnd(7)) : m.kind === "near" ? c.yellow(m.kind.padEnd(7)) : c.magenta(m.kind.padEnd(7));
    lines.push(
      `    ${c.dim(`${String(m.a.line).padStart(4)} ↔ ${String(m.b.line).padEnd(4)}`)} ${kind} ${excerpt(analysis.paragraphText(pair.a, m.a.paragraph))}`,
    );
  }
  if (pair.matches.length > shown.length) lines.push(c.dim(`    … ${pair.matches.length - shown.length} more matched paragraphs`));
  return lines;
}

/** The full text report, ending with the summary line. */
export function textReport(analysis: Analysis, options: TextReportOptions): string {
  const o: Required<TextReportOptions> = { matchesPerPair: 8, pairsPerFamily: 10, ...options };
  const c = o.color;
  const { report } = analysis;
  const out: string[] = [];
  const pairsOf = new Map<number, ReportPair[]>();
  for (const p of report.pairs) {
    const list = pairsOf.get(p.family) ?? [];
    list.push(p);
    pairsOf.set(p.family, list);
  }
  const byPath = new Map(report.documents.map((d) => [d.path, d]));
  for (const family of report.families) {
    const title = family.title ? ` · "${excerpt(family.title)}"` : "";
    out.push(c.bold(`Family ${family.id} · ${plural(family.documents.length, "document")}${title}`));
    for (const path of family.documents) {
      const doc = byPath.get(path);
      const meta = [doc?.date, doc?.site].filter((x): x is string => typeof x === "string").join(" · ");
      out.push(`  ${path}${meta ? c.dim(`  ${meta}`) : ""}${doc ? c.dim(`  ${plural(doc.paragraphs, "paragraph")}, ${doc.boilerplateParagraphs} boilerplate`) : ""}`);
    }
    const pairs = pairsOf.get(family.id) ?? [];
    for (const pair of pairs.slice(0, o.pairsPerFamily)) out.push(...pairLines(pair, analysis, o));
    if (pairs.length > o.pairsPerFamily) out.push(c.dim(`  … ${pairs.length - o.pairsPerFamily} more pairs (see --format json)`));
    out.push("");
  }
  if (report.families.length === 0) out.push("No republished text found.", "");
  out.push(summaryLine(report));
  return out.join("\n") + "\n";
}
