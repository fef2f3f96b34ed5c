/**
 * `--format jsonl`: the report as JSON Lines, one message per line in a
 * `{ "type": …, "data": … }` envelope (as ripgrep's --json), for tools that
 * read line by line. In this order:
 *
 *   begin     { tool, version, schemaVersion, command, settings }
 *   document  a document (as in the JSON report's `documents`), by path
 *   error     a file or record that could not be read (as in `errors`)
 *   pair      a pair of documents sharing text (as in `pairs`)
 *   family    a family with its provenance tree (as in `families`)
 *   finding   check only: a pair that fails the policy, directed copy → original,
 *             with its new passages and their fingerprints
 *   summary   always last: the report's `summary`, plus for check `check`
 *             ({ passed, policy, changed, counts })
 *
 * Consumers should ignore types they do not know: more may be added.
 */
import { VERSION } from "../version.js";
import type { CiReportInput } from "./ci-input.js";

export const JSONL_TYPES = ["begin", "document", "error", "pair", "family", "finding", "summary"] as const;
export type JsonlType = (typeof JSONL_TYPES)[number];

function line(type: JsonlType, data: unknown): string {
  return JSON.stringify({ type, data }) + "\n";
}

export function jsonlReport(input: CiReportInput): string {
  const { report, check } = input;
  const out = [
    line("begin", { tool: report.tool.name, version: VERSION, schemaVersion: report.schemaVersion, command: input.command, settings: report.settings }),
  ];
  for (const d of report.documents) out.push(line("document", d));
  for (const e of report.errors) out.push(line("error", e));
  for (const p of report.pairs) out.push(line("pair", p));
  for (const f of report.families) out.push(line("family", f));
  if (check) for (const f of check.findings) out.push(line("finding", f));
  const { findings: _findings, ...verdict } = check ?? { findings: [] };
  out.push(line("summary", { ...report.summary, ...(check ? { check: verdict } : {}) }));
  return out.join("");
}
