/**
 * Paragraph texts read again. A large scan lets go of the texts of most
 * documents once they are fingerprinted (scan.ts keeps `textMemory` MB of
 * them): matching needs only fingerprints, and only the documents a report
 * shows need their words back, for excerpts, diffs and provenance. They are
 * read again here through the same read → extract → segment steps, so the
 * paragraphs are exactly the ones fingerprinted.
 *
 * A file that changed since it was fingerprinted (its SHA-256 or paragraph
 * count differs) is not trusted: a warning names it, and its documents keep
 * empty texts rather than show words that were not compared.
 */
import type { FingerprintedDocument, FingerprintedParagraph } from "../fingerprint/fingerprint.js";
import type { Problem, SourceFile } from "../model.js";
import { CHAR_CLASS } from "../normalize/char-class.js";
import { tokenHashesInto, type TokenHashBuffer } from "../normalize/token-hashes.js";
import { readDocumentsModule, type ReadSettings } from "./read-settings.js";

/** Files read at once (reads are asynchronous; extraction is not). */
const IN_FLIGHT = 16;
/**
 * Fewer files than this are read again in this thread: starting workers would
 * cost more. (STATDUP_REREAD_WORKERS_FROM overrides it: the tests use it to run
 * the worker path on a small corpus.)
 */
export const REREAD_WORKERS_FROM = Number(process.env["STATDUP_REREAD_WORKERS_FROM"] ?? 256);

export interface RereadResult {
  /** The documents asked for, with their texts back (in the order asked). */
  readonly documents: FingerprintedDocument[];
  readonly problems: Problem[];
}

/** What one file holds, read again: each document's SHA-256 and its kept paragraphs' texts. */
export interface FileTexts {
  readonly documents: readonly { readonly path: string; readonly sha256: string; readonly texts: readonly string[] }[];
  /** Why the file could not be read, if it could not. */
  readonly unreadable: string | null;
}

/**
 * The texts of a file's documents (those of `wanted`, by document path; all
 * when omitted), through the same read → extract → segment steps as
 * fingerprinting. Runs in a worker thread too (fingerprint/fingerprint-worker.ts).
 */
export async function textsOfFile(file: SourceFile, read: ReadSettings, wanted?: ReadonlySet<string>): Promise<FileTexts> {
  const documents: { path: string; sha256: string; texts: string[] }[] = [];
  let unreadable: string | null = null;
  const { readDocuments } = await readDocumentsModule();
  for await (const event of readDocuments(file, read)) {
    if (event.kind === "problem") {
      if (event.problem.severity === "error" && event.problem.path === file.path) unreadable = event.problem.message;
      continue;
    }
    if (wanted && !wanted.has(event.document.path)) continue;
    // The same filter as fingerprinting: paragraphs without a word are not kept.
    const texts = event.paragraphs.map((p) => p.text).filter((text) => hasWord(text));
    documents.push({ path: event.document.path, sha256: event.document.sha256, texts });
  }
  return { documents, unreadable };
}

/** Does `text` have a token (tokenHashes(text).length > 0, without the array)? */
function hasWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const k = CHAR_CLASS[text.charCodeAt(i)];
    if (k === 1) return true;
    if (k === 2) {
      // A letter, mark or digit past ASCII: the tokenizer decides.
      tokenHashesInto(text, scratch);
      const found = scratch.length > 0;
      if (scratch.data.length > 1 << 20) scratch.data = new Uint32Array(256);
      return found;
    }
  }
  return false;
}
const scratch: TokenHashBuffer = { data: new Uint32Array(256), length: 0 };

/**
 * Where the texts are read: in this thread, or by a pool of worker threads
 * (fingerprint-files.ts `textsInWorkers`), which gives each file's `FileTexts`
 * in the order asked.
 */
export type TextReader = (files: readonly TextRequest[]) => AsyncIterable<FileTexts>;

/** A file to read again, and the paths of the documents in it whose texts are wanted. */
export interface TextRequest {
  readonly file: SourceFile;
  readonly wanted: readonly string[];
}

/** The texts of `docs`, read again from `files` (by SourceFile.path); by `inWorkers` from `workersFrom` files. */
export async function rereadTexts(
  docs: readonly FingerprintedDocument[],
  files: ReadonlyMap<string, SourceFile>,
  read: ReadSettings,
  inWorkers?: TextReader,
  workersFrom: number = REREAD_WORKERS_FROM,
): Promise<RereadResult> {
  const byFile = new Map<string, Map<string, FingerprintedDocument>>();
  for (const doc of docs) {
    let wanted = byFile.get(doc.file);
    if (!wanted) byFile.set(doc.file, (wanted = new Map()));
    wanted.set(doc.path, doc);
  }
  const restored = new Map<string, FingerprintedDocument>();
  const problems: Problem[] = [];
  const flagged = new Set<string>();
  const changed = (path: string, why: string): void => {
    flagged.add(path);
    problems.push({ path, code: "changed-during-scan", message: `${why} since it was read: its texts are left out of the report`, severity: "warning" });
  };

  /** Compare what a file holds now with what was fingerprinted, and take the texts back where they agree. */
  const settle = (wanted: Map<string, FingerprintedDocument>, found: FileTexts): void => {
    for (const now of found.documents) {
      const doc = wanted.get(now.path);
      if (!doc) continue;
      if (now.sha256 !== doc.sha256 || now.texts.length !== doc.paragraphs.length) {
        changed(doc.path, "the file changed");
        continue;
      }
      const paragraphs = doc.paragraphs.map((p, i): FingerprintedParagraph => ({ ...p, text: now.texts[i]! }));
      restored.set(doc.path, { ...doc, paragraphs });
    }
    const why = found.unreadable ? `the file could not be read again (${found.unreadable})` : "the record is gone";
    for (const doc of wanted.values()) if (!restored.has(doc.path) && !flagged.has(doc.path)) changed(doc.path, why);
  };

  const listed: [SourceFile, Map<string, FingerprintedDocument>][] = [];
  for (const [path, wanted] of byFile) {
    const file = files.get(path);
    if (file) listed.push([file, wanted]);
    else for (const doc of wanted.values()) changed(doc.path, "the file is no longer listed");
  }
  const inThread = async (queue: [SourceFile, Map<string, FingerprintedDocument>][]): Promise<void> => {
    const reader = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) settle(next[1], await textsOfFile(next[0], read, new Set(next[1].keys())));
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, reader));
  };
  let done = 0;
  if (inWorkers && listed.length >= workersFrom) {
    try {
      for await (const found of inWorkers(listed.map(([file, wanted]) => ({ file, wanted: [...wanted.keys()] })))) settle(listed[done++]![1], found);
    } catch {
      // A worker that failed (could not start, crashed) costs time, not texts: the rest are read here.
    }
  }
  await inThread(listed.slice(done));
  return { documents: docs.map((d) => restored.get(d.path) ?? d), problems };
}
