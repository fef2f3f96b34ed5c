/**
 * The text report of `statdup check`, for people: each failing pair (copy →
 * the document it duplicates) with why it fails and its passages, then one
 * verdict line. Colour comes from the Chalk instance the caller passes.
 */
import type { ChalkInstance } from "chalk";
import type { CheckResult, Finding } from "../check/check-model.js";
import { copyCoverage, lineRange, percent, plural } from "./ci-input.js";

const PASSAGES_SHOWN = 8;

/** The policy in words. */
export function policyText(check: CheckResult): string {
  const p = check.policy;
  const limits: string[] = [];
  if (p.maxSimilarity !== null) limits.push(`similarity > ${p.maxSimilarity}`);
  if (p.maxCoverage !== null) limits.push(`coverage > ${p.maxCoverage}`);
  const parts = [limits.length === 0 ? "any reported pair fails" : `fails when ${limits.join(" or ")}`];
  if (p.allow.length > 0) parts.push(`allow ${p.allow.join(", ")}`);
  if (p.allowFamily.length > 0) parts.push(`allow families of ${p.allowFamily.join(", ")}`);
  if (p.baseline !== null) parts.push(`baseline ${p.baseline}`);
  return parts.join("; ");
}

/** One line: the verdict and the counts behind it. */
export function verdictLine(check: CheckResult, color: ChalkInstance): string {
  const c = check.counts;
  const head = check.passed
    ? color.green("passed")
    : color.red(`failed: ${plural(c.findings, "document pair")} with republished text (${plural(c.passages, "passage")})`);
  const counted = [`${plural(c.pairs, "pair")} checked${check.changed ? ` against ${plural(check.changed.length, "changed document")}` : ""}`];
  if (c.withinLimits > 0) counted.push(`${c.withinLimits} within the limits`);
  if (c.allowed > 0) counted.push(`${c.allowed} allowed`);
  if (c.baselined > 0) counted.push(`${c.baselined} accepted by the baseline`);
  return `statdup check: ${head} · ${counted.join(", ")} · policy: ${policyText(check)}`;
}

function findingLines(f: Finding, color: ChalkInstance): string[] {
  const lines = [
    `${color.red("✖")} ${color.bold(f.copy)} ${color.dim("duplicates")} ${f.original} · ${f.kind} · similarity ${f.similarity.toFixed(2)} · ` +
      `${percent(copyCoverage(f))} of it found there`,
  ];
  for (const r of f.reasons) lines.push(`    ${color.dim("why:")} ${r}`);
  if (f.baselinedPassages > 0) lines.push(`    ${color.dim(`${plural(f.baselinedPassages, "passage")} accepted by the baseline; these are new:`)}`);
  for (const p of f.passages.slice(0, PASSAGES_SHOWN)) {
    const where = `${lineRange(p.copy.line, p.copy.endLine).padStart(7)} ↔ ${lineRange(p.original.line, p.original.endLine).padEnd(7)}`;
    lines.push(`    ${color.dim(where)} ${p.kind.padEnd(7)} ${p.excerpt}`);
  }
  if (f.passages.length > PASSAGES_SHOWN) lines.push(color.dim(`    … ${f.passages.length - PASSAGES_SHOWN} more passages`));
  return lines;
}

export function checkTextReport(check: CheckResult, color: ChalkInstance, quiet = false): string {
  const out: string[] = [];
  if (!quiet) {
    for (const f of check.findings) out.push(...findingLines(f, color), "");
  }
  out.push(verdictLine(check, color));
  return out.join("\n") + "\n";
}
