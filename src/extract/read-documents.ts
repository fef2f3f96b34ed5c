/**
 * One file to the documents it holds: read (bytes to text), then extract
 * (text to documents with metadata), with every problem on the way reported
 * as data. Never throws: a bad file yields problems, and the scan goes on.
 *
 * This is the per-file unit of work of the scan (and of its workers).
 */
import { stat } from "node:fs/promises";
import type { ExtractedDocument, Problem, SourceFile } from "../model.js";
import { readSource } from "../read/read-file.js";
import type { DateOrder } from "./dates.js";
import { extract } from "./extract.js";

export interface ReadSettings {
  readonly maxFileSize: number;
  readonly dateOrder: DateOrder;
  /** Fall back to the file's modification day when a document states no date. */
  readonly mtime: boolean;
  /** Text of standard input, for the input "-". */
  readonly stdin?: string | undefined;
}

export type DocumentEvent =
  | { readonly kind: "document"; readonly document: ExtractedDocument }
  | { readonly kind: "problem"; readonly problem: Problem };

/** A file's modification day (UTC), the last resort for a document's date. */
async function fileDate(absolutePath: string): Promise<string | null> {
  try {
    return (await stat(absolutePath)).mtime.toISOString().slice(0, 10);
  } catch {
    return null;
  }
}

export async function* readDocuments(file: SourceFile, s: ReadSettings): AsyncGenerator<DocumentEvent> {
  const read = await readSource(file, s.maxFileSize, s.stdin);
  if (!read.ok) {
    yield { kind: "problem", problem: { ...read.error, severity: "error" } };
    return;
  }
  if (read.warning) yield { kind: "problem", problem: { ...read.warning, severity: "warning" } };
  let mtime: string | null | undefined;
  for (let document of extract({ path: file.path, text: read.text, bytes: read.bytes, dateOrder: s.dateOrder })) {
    if (document.dateAmbiguous) {
      yield {
        kind: "problem",
        problem: {
          path: document.path,
          code: "ambiguous-date",
          message: `date "${document.dateAmbiguous}" could be day/month or month/day: left undated (use --date-order dmy|mdy)`,
          severity: "warning",
        },
      };
    }
    if (!document.date && s.mtime && file.absolutePath !== "-") {
      mtime ??= await fileDate(file.absolutePath);
      if (mtime) document = { ...document, date: mtime, dateSource: "file-mtime" };
    }
    yield { kind: "document", document };
  }
}
