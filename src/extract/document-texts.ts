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
import { tokenHashes } from "../normalize/token-hashes.js";
import { readDocuments, type ReadSettings } from "./read-documents.js";

/** Files read at once (reads are asynchronous; extraction is not). */
const IN_FLIGHT = 16;

export interface RereadResult {
  /** The documents asked for, with their texts back (in the order asked). */
  readonly documents: FingerprintedDocument[];
  readonly problems: Problem[];
}

/** The texts of `docs`, read again from `files` (by SourceFile.path). */
export async function rereadTexts(docs: readonly FingerprintedDocument[], files: ReadonlyMap<string, SourceFile>, read: ReadSettings): Promise<RereadResult> {
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

  const readFile = async (path: string, wanted: Map<string, FingerprintedDocument>): Promise<void> => {
    const file = files.get(path);
    if (!file) {
      for (const doc of wanted.values()) changed(doc.path, "the file is no longer listed");
      return;
    }
    let unreadable: string | null = null;
    for await (const event of readDocuments(file, read)) {
      if (event.kind === "problem") {
        if (event.problem.severity === "error" && event.problem.path === file.path) unreadable = event.problem.message;
        continue;
      }
      const doc = wanted.get(event.document.path);
      if (!doc) continue;
      // The same filter as fingerprinting: paragraphs without a word are not kept.
      const texts = event.paragraphs.map((p) => p.text).filter((text) => tokenHashes(text).length > 0);
      if (event.document.sha256 !== doc.sha256 || texts.length !== doc.paragraphs.length) {
        changed(doc.path, "the file changed");
        continue;
      }
      const paragraphs = doc.paragraphs.map((p, i): FingerprintedParagraph => ({ ...p, text: texts[i]! }));
      restored.set(doc.path, { ...doc, paragraphs });
    }
    const why = unreadable ? `the file could not be read again (${unreadable})` : "the record is gone";
    for (const doc of wanted.values()) if (!restored.has(doc.path) && !flagged.has(doc.path)) changed(doc.path, why);
  };

  const queue = [...byFile];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await readFile(next[0], next[1]);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, worker));
  return { documents: docs.map((d) => restored.get(d.path) ?? d), problems };
}
