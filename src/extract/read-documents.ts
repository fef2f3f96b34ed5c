/**
 * One file to the documents it holds: read (bytes to text), extract (text to
 * documents with metadata) and segment (paragraphs with their lines in the
 * file), with every problem on the way reported as data. Never throws: a bad
 * file, or a bad record of a JSON Lines file, yields problems, and the scan
 * goes on. This is the per-file unit of work of the scan (and of its workers).
 *
 * JSON Lines files are streamed: one document per record, yielded as it is
 * read, in file order (the scan orders documents by path). Problem paths are
 * `file.jsonl:LINE` for a record, `file.jsonl` for the whole file.
 *
 * The file's modification day stands in for a date a document does not state
 * (`--no-mtime` turns that off) — not for JSON Lines records, where the
 * archive's date says nothing about any record.
 */
import type { ExtractedDocument, Problem, RawParagraph, SourceFile } from "../model.js";
import { readSource } from "../read/read-file.js";
import { readLines } from "../read/read-lines.js";
import { extract } from "./extract.js";
import { formatOf, type InputFormat } from "./format.js";
import { DEFAULT_JSONL_FIELDS, recordDocument } from "./jsonl.js";
import type { ReadSettings } from "./read-settings.js";

export { readSettingsOf, type ReadSettings } from "./read-settings.js";

export type DocumentEvent =
  | { readonly kind: "document"; readonly document: ExtractedDocument; readonly paragraphs: RawParagraph[] }
  | { readonly kind: "problem"; readonly problem: Problem };

/** Individual bad records reported per file; past this, one summary error. */
const MAX_RECORD_ERRORS = 100;

function problem(path: string, code: string, message: string, severity: Problem["severity"]): DocumentEvent {
  return { kind: "problem", problem: { path, code, message, severity } };
}

function ambiguity(document: ExtractedDocument): DocumentEvent | null {
  if (!document.dateAmbiguous) return null;
  return problem(
    document.path,
    "ambiguous-date",
    `date "${document.dateAmbiguous}" could be day/month or month/day: left undated (use --date-order dmy|mdy)`,
    "warning",
  );
}

async function* fileDocuments(file: SourceFile, s: ReadSettings, format: Exclude<InputFormat, "jsonl">): AsyncGenerator<DocumentEvent> {
  const read = await readSource(file, { maxFileSize: s.maxFileSize, encoding: s.encoding ?? "auto", html: format === "html", stdin: s.stdin });
  if (!read.ok) {
    yield { kind: "problem", problem: { ...read.error, severity: "error" } };
    return;
  }
  if (read.warning) yield { kind: "problem", problem: { ...read.warning, severity: "warning" } };
  const extracted = extract({ path: file.path, text: read.text, bytes: read.bytes, format, dateOrder: s.dateOrder });
  for (const p of extracted.problems ?? []) yield problem(file.path, p.code, p.message, "warning");
  let document = extracted.document;
  const warning = ambiguity(document);
  if (warning) yield warning;
  if (!document.date && s.mtime && read.modified) {
    document = { ...document, date: read.modified.toISOString().slice(0, 10), dateSource: "file-mtime" };
  }
  yield { kind: "document", document, paragraphs: extracted.paragraphs };
}

async function* jsonlDocuments(file: SourceFile, s: ReadSettings): AsyncGenerator<DocumentEvent> {
  const fields = s.jsonl ?? DEFAULT_JSONL_FIELDS;
  const seen = new Set<string>();
  let records = 0;
  let bad = 0;
  let replaced = 0;
  let firstReplaced = 0;
  const recordError = (line: number, code: string, message: string): DocumentEvent | null =>
    ++bad <= MAX_RECORD_ERRORS ? problem(`${file.path}:${line}`, code, message, "error") : null;

  for await (const event of readLines(file, { maxLineBytes: s.maxFileSize, encoding: s.encoding ?? "auto", stdin: s.stdin })) {
    if (event.kind === "error") {
      yield { kind: "problem", problem: { ...event.error, severity: "error" } };
      return;
    }
    if (event.kind === "too-long") {
      const e = recordError(event.line, "too-large", `a line of ${event.bytes} bytes is over the limit of ${s.maxFileSize} (--max-file-size): record skipped`);
      if (e) yield e;
      continue;
    }
    if (event.text.trim() === "") continue;
    records++;
    if (event.replaced && replaced++ === 0) firstReplaced = event.line;
    const outcome = recordDocument({ path: file.path, line: event.line, text: event.text, bytes: event.bytes, fields, dateOrder: s.dateOrder });
    if (!outcome.ok) {
      const e = recordError(event.line, outcome.code, outcome.message);
      if (e) yield e;
      continue;
    }
    let { document } = outcome.extracted;
    if (seen.has(document.path)) {
      const renamed = `${document.path}@${event.line}`;
      yield problem(`${file.path}:${event.line}`, "duplicate-id", `id "${outcome.id}" was used before: this record is ${renamed}`, "warning");
      document = { ...document, path: renamed };
    }
    seen.add(document.path);
    const warning = ambiguity(document);
    if (warning) yield warning;
    yield { kind: "document", document, paragraphs: outcome.extracted.paragraphs };
  }
  if (bad > MAX_RECORD_ERRORS) {
    yield problem(file.path, "bad-json-line", `${bad - MAX_RECORD_ERRORS} more bad records skipped (only the first ${MAX_RECORD_ERRORS} are listed)`, "error");
  }
  if (replaced > 0) {
    yield problem(file.path, "encoding-replaced", `${replaced} ${replaced === 1 ? "line has" : "lines have"} bytes that are not valid UTF-8 (first at line ${firstReplaced}): replaced with U+FFFD`, "warning");
  }
  if (records === 0) yield problem(file.path, "empty", "no records: skipped", "error");
}

/** The documents of one file, and the problems met on the way. Never throws. */
export async function* readDocuments(file: SourceFile, s: ReadSettings): AsyncGenerator<DocumentEvent> {
  const format = formatOf(file.path, s.stdinFormat);
  try {
    if (format === "jsonl") yield* jsonlDocuments(file, s);
    else yield* fileDocuments(file, s, format);
  } catch (err) {
    // A bug must not end the scan: the file is reported, the others are read.
    yield problem(file.path, "internal-error", `could not be read (please report this): ${(err as Error)?.message ?? String(err)}`, "error");
  }
}
