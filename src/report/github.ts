/**
 * `--format github`: GitHub Actions workflow commands, one annotation per
 * finding (GitHub shows at most 10 annotations of each level per step, so one
 * per document pair rather than one per passage):
 *
 *   ::error file=new/a.md,line=5,endLine=7,title=statdup: republished text::message
 *
 * on the copy's first duplicated passage, the message listing every passage.
 * Findings of `check` are `error`s, pairs reported by `scan` `warning`s.
 * Escaping follows GitHub's runner (`toCommandValue`/`escapeProperty`): in the
 * message `%`, CR and LF become `%25`, `%0D`, `%0A`; in properties `:` and `,`
 * also become `%3A` and `%2C`.
 */
import { CHUNK } from "./json-stream.js";
import type { Finding } from "../check/check-model.js";
import { copyCoverage, lineRange, percent, plural, recordSuffix, type CiReportInput } from "./ci-input.js";

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(f: Finding, input: CiReportInput, level: "error" | "warning"): string {
  const first = f.passages[0];
  const line = first?.copy.line ?? 1;
  const endLine = first?.copy.endLine ?? line;
  const record = recordSuffix(f.copy);
  const lines = f.passages.map((p) => `${lineRange(p.copy.line, p.copy.endLine)} ↔ ${lineRange(p.original.line, p.original.endLine)}`);
  const shown = lines.slice(0, 12).join(", ") + (lines.length > 12 ? `, … ${lines.length - 12} more` : "");
  const msg =
    `${record ? `Record ${record}: ` : ""}${plural(f.passages.length, "passage")} republished from ${input.filePath(f.original)}${recordSuffix(f.original)} ` +
    `(lines here ↔ there: ${shown}). ${percent(copyCoverage(f))} of this document is found there; ` +
    `pair similarity ${f.similarity.toFixed(2)} (${f.kind}).` +
    (f.reasons.length > 0 ? ` Fails the check: ${f.reasons.join("; ")}.` : "");
  const props = [`file=${escapeProperty(input.filePath(f.copy))}`, `line=${line}`, `endLine=${endLine}`, `title=${escapeProperty("statdup: republished text")}`];
  return `::${level} ${props.join(",")}::${escapeData(msg)}`;
}

/** One annotation a line, in pieces of about 64 KB: never the whole text in one string. */
export function* githubChunks(input: CiReportInput): Generator<string> {
  const level = input.command === "check" ? "error" : "warning";
  let buffer = "";
  for (const f of input.findings) {
    buffer += annotation(f, input, level) + "\n";
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer;
}
