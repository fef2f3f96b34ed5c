/**
 * The plain data that flows between the pipeline's stages.
 *
 *   discover → read → extract → segment → normalize → fingerprint
 *            → match → group → trace → report
 *
 * Each stage takes and returns these records; none holds a Map or a Set, so a
 * result can be serialised as it is.
 */

/** Where a document's date came from (DESIGN.md: `dateSource`). */
export type DateSource = "front-matter" | "html-meta" | "text" | "file-mtime";

/** A file the discover stage selected. */
export interface SourceFile {
  /** Path shown to users and written to JSON: relative, `/` separators. */
  readonly path: string;
  /** Absolute path on disk, or "-" for standard input. */
  readonly absolutePath: string;
  /** A problem discover already found (symlink loop, unreadable folder): reported, not read. */
  readonly problem?: { readonly code: string; readonly message: string };
}

/** A paragraph as segmentation finds it in the original text. */
export interface RawParagraph {
  /** The paragraph's text as the file has it, with hard-wrapped lines rejoined. */
  readonly text: string;
  /** 1-based line of the paragraph's first line in the original file. */
  readonly line: number;
  /** 1-based line of its last line. */
  readonly endLine: number;
}

/** A document: one article, with the metadata its file states. */
export interface ExtractedDocument {
  readonly path: string;
  readonly title: string | null;
  readonly date: string | null;
  readonly dateSource: DateSource | null;
  readonly site: string | null;
  readonly url: string | null;
  /** The text to segment: the body, with metadata blocks removed. */
  readonly body: string;
  /** 1-based line in the file where `body` starts (front matter shifts it). */
  readonly bodyLine: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
  /** An ambiguous numeric date passed over (see `--date-order`), for a warning. */
  readonly dateAmbiguous: string | null;
}

/** A fingerprinted paragraph: what the match stage needs, and where it came from. */
export interface Paragraph {
  /** 0-based index of the paragraph inside its document. */
  readonly index: number;
  readonly line: number;
  readonly endLine: number;
  /** Original text (for excerpts and diffs). */
  readonly text: string;
  /** Number of word tokens after normalisation. */
  readonly words: number;
  /** 53-bit hash of the normalised token sequence: equal for copies a reader cannot tell apart. */
  readonly exactKey: number;
  /** Sorted, de-duplicated shingle hashes. */
  readonly shingles: Uint32Array;
}

/** A document after fingerprinting. */
export interface Document extends Omit<ExtractedDocument, "body" | "bodyLine" | "dateAmbiguous"> {
  /** Dense 0-based id in path order. */
  readonly id: number;
  readonly paragraphs: readonly Paragraph[];
  readonly words: number;
}

/** Per-file problem: reported, counted, and the scan goes on. */
export interface ScanError {
  readonly path: string;
  /** Stable machine-readable reason, e.g. `binary`, `too-large`, `unreadable`. */
  readonly code: string;
  readonly message: string;
}

/** A ScanError as reported: `error` when the file (or record) was skipped, `warning` when it was read anyway. */
export interface Problem extends ScanError {
  readonly severity: "error" | "warning";
}
