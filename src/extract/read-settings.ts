/**
 * How files are read (read-documents.ts), apart from the reading code: the
 * main thread of a scan with worker threads never extracts a file itself, so
 * it need not load the extractors (chrono-node, yaml, htmlparser2 and the
 * modules over them). `readDocumentsModule()` loads them where a file is read.
 */
import type { ResolvedOptions } from "../options.js";
import type { InputFormat } from "./format.js";
import type { JsonlFields } from "./jsonl-fields.js";
import type { DateOrder } from "./dates.js";

export interface ReadSettings {
  /** Largest file read whole, in bytes; for JSON Lines, largest record (line). */
  readonly maxFileSize: number;
  readonly dateOrder: DateOrder;
  /** Fall back to the file's modification day when a document states no date. */
  readonly mtime: boolean;
  /** Text of standard input, for the input "-". */
  readonly stdin?: string | undefined;
  /** `auto` (BOM, sniffing, UTF-8, then Windows-1252) or an encoding label. */
  readonly encoding?: string;
  /** How standard input is read. */
  readonly stdinFormat?: InputFormat;
  /** JSON Lines field names. */
  readonly jsonl?: JsonlFields;
}

/** The read settings of a scan's options. */
export function readSettingsOf(o: ResolvedOptions): ReadSettings {
  return {
    maxFileSize: o.maxFileSize,
    dateOrder: o.dateOrder,
    mtime: o.mtime,
    stdin: o.stdin,
    encoding: o.encoding,
    stdinFormat: o.stdinFormat,
    jsonl: o.jsonlFields,
  };
}

let loading: Promise<typeof import("./read-documents.js")> | undefined;

/** read-documents.ts, loaded on first use (a worker thread loads it at start). */
export function readDocumentsModule(): Promise<typeof import("./read-documents.js")> {
  return (loading ??= import("./read-documents.js"));
}
