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

/** Characters gathered before a chunk is handed out. */
const CHUNK = 1 << 20;

function line(type: JsonlType, data: unknown): string {
  return JSON.stringify({ type, data }) + "\n";
}

/** The report's lines, in chunks of about a megabyte: a large report is never one string. */
export function* jsonlChunks(input: CiReportInput): Generator<string> {
  const { report, check } = input;
  let chunk = line("begin", { tool: report.tool.name, version: VERSION, schemaVersion: report.schemaVersion, command: input.command, settings: report.settings });
  const emit = function* (text: string): Generator<string> {
    chunk += text;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  };
  for (const d of report.documents) yield* emit(line("document", d));
  for (const e of report.errors) yield* emit(line("error", e));
  for (const p of report.pairs) yield* emit(line("pair", p));
  for (const f of report.families) yield* emit(line("family", f));
  if (check) for (const f of check.findings) yield* emit(line("finding", f));
  const { findings: _findings, ...verdict } = check ?? { findings: [] };
  yield chunk + line("summary", { ...report.summary, ...(check ? { check: verdict } : {}) });
}
