/**
 * The report for people: families largest first, each with its documents, how
 * much of each is shared, and the matched paragraphs with line numbers and a
 * short excerpt. Colour comes from the Chalk instance the caller passes (level 0
 * for none), so this module never looks at the terminal itself.
 */
import type { ChalkInstance } from "chalk";
import type { Analysis } from "../scan.js";
import type { ReportDocument, ReportEdge, ReportEvidence, ReportFamily, ReportPair, ScanReport } from "./report-model.js";

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
    `  ${c.cyan(pair.kind)} ${pair.a} ${c.dim("↔")} ${pair.b} · similarity ${pair.similarity.toFixed(2)} · ` +
      `${percent(pair.coverage.a)} of the first in the second, ${percent(pair.coverage.b)} of the second in the first`,
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

const EVIDENCE_LABEL: Record<string, string> = {
  "earlier-date": "earlier date",
  "stated-date": "states its date, the copy none",
  "title-label": "the copy labels the title",
  contains: "contains the copy",
  attribution: "named by the copy",
  "shared-variants": "closer to consensus",
};

const ORIGIN_LABEL: Record<string, string> = {
  "copy-claim": "says it copied",
  credited: "credited by a copy",
  "site-record": "site's record",
  "later-date": "a member dated earlier",
};

/** Short "why": the evidence that supports the edge, strongest first. */
function why(evidence: readonly ReportEvidence[]): string {
  const support = evidence.filter((e) => e.weight > 0).sort((x, y) => y.weight - x.weight);
  return support.length === 0 ? "similarity only" : support.map((e) => EVIDENCE_LABEL[e.type] ?? e.type).join(", ");
}

/**
 * A family's provenance tree, one line per document. `byPath` is the report's
 * documents, made once per report: made per family, it was families ×
 * documents (1.8 s of a 10,000-document report's 1.8 s; days at a million).
 */
function familyTree(
  family: ReportFamily,
  byPath: ReadonlyMap<string, ReportDocument>,
  pairsOf: (a: string, b: string) => ReportPair | undefined,
  c: ChalkInstance,
  lines: string[],
): void {
  const children = new Map<string, ReportEdge[]>();
  for (const e of family.edges) {
    const kids = children.get(e.from);
    if (kids) kids.push(e);
    else children.set(e.from, [e]);
  }
  const meta = (path: string): string => {
    const d = byPath.get(path);
    if (!d) return "";
    const date = d.date ? `${d.date}${d.dateSource === "file-mtime" ? " (file date)" : ""}` : "undated";
    return c.dim(`  ${date}${d.site ? ` · ${d.site}` : ""}`);
  };
  // What speaks for or against the origin itself (a credit, its site's record), when anything does.
  const about = family.originEvidence.map((e) => `${ORIGIN_LABEL[e.type] ?? e.type} ${e.weight > 0 ? "+" : "−"}`).join(", ");
  const how = `confidence ${family.confidence.toFixed(2)}${about ? `: ${about}` : ""}`;
  const verdict = family.determined ? c.green(`origin (${how})`) : c.yellow(`origin? direction undetermined (${how})`);
  lines.push(`  ${c.bold(family.origin)}${meta(family.origin)}  ${verdict}`);
  // Depth first, children in edge order, with a stack of its own: a chain of
  // copies of copies thousands deep would overflow the call stack.
  const stack: { edge: ReportEdge; last: boolean; indent: string }[] = [];
  const pushChildren = (path: string, indent: string): void => {
    const kids = children.get(path) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ edge: kids[i]!, last: i === kids.length - 1, indent });
  };
  pushChildren(family.origin, "");
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { edge: e, last, indent } = top;
    const pair = pairsOf(e.from, e.to);
    const childShare = pair ? (pair.a === e.to ? pair.coverage.a : pair.coverage.b) : 0;
    const bp = byPath.get(e.to)?.boilerplateParagraphs ?? 0;
    const what = pair ? `${pair.kind} · ${percent(childShare)} of it from the parent${bp > 0 ? ` · + ${plural(bp, "boilerplate paragraph")}` : ""}` : "";
    lines.push(`  ${indent}${last ? "└─ " : "├─ "}${e.to}${meta(e.to)}  ${what}${c.dim(` (${e.confidence.toFixed(2)}: ${why(e.evidence)})`)}`);
    pushChildren(e.to, indent + (last ? "   " : "│  "));
  }
}

/** The full text report, ending with the summary line. */
export function textReport(analysis: Analysis, options: TextReportOptions): string {
  const o: Required<TextReportOptions> = { matchesPerPair: 8, pairsPerFamily: 10, ...options };
  const c = o.color;
  const { report } = analysis;
  const out: string[] = [];
  const pairsOfFamily = new Map<number, ReportPair[]>();
  const pairByPaths = new Map<string, ReportPair>();
  for (const p of report.pairs) {
    const ofFamily = pairsOfFamily.get(p.family);
    if (ofFamily) ofFamily.push(p);
    else pairsOfFamily.set(p.family, [p]);
    pairByPaths.set(`${p.a}\0${p.b}`, p);
  }
  const byPath = new Map(report.documents.map((d) => [d.path, d]));
  const pairOf = (x: string, y: string): ReportPair | undefined => pairByPaths.get(`${x}\0${y}`) ?? pairByPaths.get(`${y}\0${x}`);
  for (const family of report.families) {
    const title = family.title ? ` · "${excerpt(family.title)}"` : "";
    out.push(c.bold(`Family ${family.id} · ${plural(family.documents.length, "document")}${title}`));
    familyTree(family, byPath, pairOf, c, out);
    const pairs = pairsOfFamily.get(family.id) ?? [];
    for (const pair of pairs.slice(0, o.pairsPerFamily)) out.push(...pairLines(pair, analysis, o));
    if (pairs.length > o.pairsPerFamily) out.push(c.dim(`  … ${pairs.length - o.pairsPerFamily} more pairs (see --format json)`));
    out.push("");
  }
  if (report.families.length === 0) out.push("No republished text found.", "");
  out.push(summaryLine(report));
  return out.join("\n") + "\n";
}
