/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
 *
 * One run; one rule, `statdup/republished-text`; one result per duplicated
 * passage. A result's location is the passage in the copy (file and lines); its
 * related location (id 1) is the paragraph it duplicates, linked from the
 * message as `[path](1)`. URIs are relative to the working directory under
 * `uriBaseId` `%SRCROOT%` (given in `originalUriBaseIds`). Findings of `check`
 * are `error`s; pairs reported by `scan` are `warning`s. Each result carries
 * the passage's stable fingerprint in `partialFingerprints`, so code scanning
 * tracks an alert across line moves. Validated against the official schema in
 * the tests (fixtures/sarif-schema-2.1.0.json).
 */
import { CHUNK } from "./json-stream.js";
import { pathToFileURL } from "node:url";
import { VERSION } from "../version.js";
import type { Finding, FindingPassage } from "../check/check-model.js";
import { copyCoverage, lineRange, percent, recordSuffix, type CiReportInput } from "./ci-input.js";

export const SARIF_RULE_ID = "statdup/republished-text";
const SRCROOT = "%SRCROOT%";

/** SARIF message text: `[` and `]` are link syntax, so literal ones are escaped. */
function text(s: string): string {
  return s.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

function uri(filePath: string): string {
  return filePath.split("/").map(encodeURIComponent).join("/");
}

function location(input: CiReportInput, path: string, line: number, endLine: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(input.filePath(path)), uriBaseId: SRCROOT },
      region: { startLine: line, endLine },
    },
  };
}

function message(input: CiReportInput, f: Finding, p: FindingPassage): string {
  const record = recordSuffix(f.copy);
  const where = `${record ? `record ${text(record)}, ` : ""}lines ${lineRange(p.copy.line, p.copy.endLine)}`;
  const reasons = f.reasons.length > 0 ? ` Fails the check: ${text(f.reasons.join("; "))}.` : "";
  return (
    `Republished text: ${where} duplicate lines ${lineRange(p.original.line, p.original.endLine)} of [${text(input.filePath(f.original) + recordSuffix(f.original))}](1) ` +
    `(${p.kind}, paragraph similarity ${p.similarity.toFixed(2)}). ` +
    `${percent(copyCoverage(f))} of this document is found there (${f.kind}).${reasons}`
  );
}

/** Stands for the results in the log's text until they are written one by one. */
const RESULTS = "\u0001statdup:results\u0001";
/** The results' place in the log: runs[0].results, so each result's lines are indented by four levels. */
const RESULT_INDENT = " ".repeat(8);

/**
 * The log's text, `JSON.stringify(log, null, 2) + "\n"` byte for byte, in pieces:
 * the results one at a time, never the whole text (a string past V8's 512 MB
 * limit, which 130,000 pairs of one-paragraph records passed: "Invalid string
 * length", after 18 s).
 */
export function* sarifChunks(input: CiReportInput, cwd: string): Generator<string> {
  const level = input.command === "check" ? "error" : "warning";
  const text = JSON.stringify(sarifLog(input, cwd, level, RESULTS), null, 2) + "\n";
  const at = text.indexOf(JSON.stringify(RESULTS));
  yield text.slice(0, at);
  let first = true;
  let buffer = "";
  for (const result of sarifResults(input, level)) {
    buffer += (first ? "[\n" : ",\n") + RESULT_INDENT + JSON.stringify(result, null, 2).replaceAll("\n", "\n" + RESULT_INDENT);
    first = false;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer + (first ? "[]" : "\n" + RESULT_INDENT.slice(2) + "]") + text.slice(at + JSON.stringify(RESULTS).length);
}

function* sarifResults(input: CiReportInput, level: string): Generator<object> {
  for (const f of input.findings)
    for (const p of f.passages)
      yield {
        ruleId: SARIF_RULE_ID,
        ruleIndex: 0,
        level,
        message: { text: message(input, f, p) },
        locations: [location(input, f.copy, p.copy.line, p.copy.endLine)],
        relatedLocations: [
          { id: 1, ...location(input, f.original, p.original.line, p.original.endLine), message: { text: "the text it duplicates" } },
        ],
        partialFingerprints: { "statdupPassage/v1": p.fingerprint },
        properties: {
          copy: f.copy,
          original: f.original,
          passageKind: p.kind,
          passageSimilarity: p.similarity,
          pairKind: f.kind,
          pairSimilarity: f.similarity,
          coverage: copyCoverage(f),
          family: f.family,
        },
      };
}

function sarifLog(input: CiReportInput, cwd: string, level: string, results: unknown) {
  const root = pathToFileURL(cwd).href;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "statdup",
            version: VERSION,
            semanticVersion: VERSION,
            rules: [
              {
                id: SARIF_RULE_ID,
                name: "RepublishedText",
                shortDescription: { text: "Text republished from another document" },
                fullDescription: {
                  text: "A paragraph duplicates a paragraph of another document in the corpus (after normalising case, quotes, dashes and whitespace). Boilerplate shared across a site is not reported.",
                },
                help: {
                  text: "Say where the text comes from, rewrite it, or accept it: add the file to an allow rule (--allow) or record today's findings with --write-baseline.",
                },
                defaultConfiguration: { level },
                properties: { tags: ["duplication", "republication"] },
              },
            ],
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: root.endsWith("/") ? root : `${root}/` } },
        columnKind: "utf16CodeUnits",
        results,
        properties: {
          command: input.command,
          ...(input.check ? { passed: input.check.passed, counts: input.check.counts } : {}),
          summary: input.report.summary,
        },
      },
    ],
  };
}
