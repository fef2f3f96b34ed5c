/**
 * `--format markdown`: a summary fit for a pull-request comment (or
 * `$GITHUB_STEP_SUMMARY`): a heading with the verdict, one table row per
 * finding (the copy, the document it duplicates, similarity, coverage, passage
 * lines, and for `check` why it fails), and a line of counts.
 */
import type { Finding } from "../check/check-model.js";
import { copyCoverage, lineRange, percent, plural, type CiReportInput } from "./ci-input.js";

/** A table cell: no line breaks, pipes escaped. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function code(s: string): string {
  return s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``;
}

const MAX_ROWS = 100;

function row(f: Finding, check: boolean): string {
  const lines = f.passages.map((p) => lineRange(p.copy.line, p.copy.endLine));
  const shownLines = lines.slice(0, 8).join(", ") + (lines.length > 8 ? ", …" : "");
  const cells = [
    code(f.copy),
    code(f.original),
    f.kind,
    f.similarity.toFixed(2),
    percent(copyCoverage(f)),
    `${f.passages.length} (lines ${shownLines})`,
    ...(check ? [f.reasons.join("; ")] : []),
  ];
  return `| ${cells.map(cell).join(" | ")} |`;
}

export function markdownReport(input: CiReportInput): string {
  const { check, report, findings } = input;
  const out: string[] = [];
  if (check) {
    out.push(
      check.passed
        ? "### ✅ statdup check passed"
        : `### ❌ statdup check failed: ${plural(findings.length, "document pair")} with republished text`,
    );
  } else {
    out.push(`### statdup: ${plural(report.summary.pairs, "pair")} of documents sharing text, in ${plural(report.summary.families, "family", "families")}`);
  }
  out.push("");
  if (findings.length > 0) {
    const head = ["Document", "Duplicates", "Kind", "Similarity", "Coverage", "Passages", ...(check ? ["Why it fails"] : [])];
    const align = ["---", "---", "---", "---:", "---:", "---", ...(check ? ["---"] : [])];
    out.push(`| ${head.join(" | ")} |`, `| ${align.join(" | ")} |`);
    for (const f of findings.slice(0, MAX_ROWS)) out.push(row(f, check !== undefined));
    if (findings.length > MAX_ROWS) out.push("", `… and ${findings.length - MAX_ROWS} more (see --format json).`);
    out.push("");
    out.push("Coverage: the share of the document found in the one it duplicates.");
  } else if (!check) {
    out.push("No republished text found.");
  }
  const s = report.summary;
  const counts = [`${plural(s.documents, "document")} scanned`];
  if (check) {
    const c = check.counts;
    counts.push(`${plural(c.pairs, "pair")} checked${check.changed ? ` (with ${plural(check.changed.length, "changed document")})` : ""}`);
    if (c.withinLimits > 0) counts.push(`${c.withinLimits} within the limits`);
    if (c.allowed > 0) counts.push(`${c.allowed} allowed`);
    if (c.baselined > 0) counts.push(`${c.baselined} accepted by the baseline`);
  }
  if (s.errors > 0) counts.push(plural(s.errors, "file problem"));
  out.push("", counts.join(" · ") + ".");
  return out.join("\n") + "\n";
}
