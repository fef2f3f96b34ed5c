/**
 * What the main thread keeps of fingerprinted documents, and when it lets go.
 * On large corpora this decides the memory of a scan: paragraph texts are kept
 * up to a budget and, past it, read again for the documents a report shows
 * (extract/document-texts.ts); recurring paragraphs hold one copy; band keys
 * and the texts of documents in no pair are dropped as soon as matching no
 * longer needs them. scan.ts calls these in order.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { FingerprintedDocument, FingerprintedParagraph } from "./fingerprint.js";
import { KeyTable } from "./key-table.js";

/**
 * Paragraphs that recur (a site's header and footer on each of its pages) arrive
 * from the workers with their own copies of the same text and fingerprints; the
 * copies are replaced by the first one's, so memory holds each once. On 50,000
 * generated articles, 60% of the paragraphs and 22% of the text recur. The
 * paragraph objects are this scan's own (see releaseBandKeys), so they take the
 * first copy's in place: copying the 60% that recur cost the main thread 0.8 s
 * at 100,000 documents, taken from the workers on two cores.
 */
export function recurringParagraphSharer(): (doc: FingerprintedDocument) => FingerprintedDocument {
  const firstAt = new KeyTable();
  const first: FingerprintedParagraph[] = [];
  return (doc) => {
    for (const p of doc.paragraphs) {
      const at = firstAt.get(p.exactKey);
      if (at < 0) {
        firstAt.set(p.exactKey, first.length);
        first.push(p);
        continue;
      }
      const seen = first[at]!;
      const own = p as { text: string; shingles: Uint32Array; bandKeys: Uint32Array };
      // Equal keys mean equal normalised words; the original text may still differ (quotes, spacing).
      if (seen.text === p.text) own.text = seen.text;
      own.shingles = seen.shingles;
      own.bandKeys = seen.bandKeys;
    }
    return doc;
  };
}

const NO_KEYS = new Uint32Array(0);

/**
 * Band keys are only for finding candidates; once paragraphs are matched they
 * are let go (on 200,000 documents, about half a gigabyte that the later
 * stages would otherwise carry). Paragraph objects are this scan's own (made by
 * the workers' messages or the sharer above), so they are updated in place
 * rather than copied: copying four million of them costs more. Not with a
 * cache, which holds the same objects until it writes them.
 */
export function releaseBandKeys(docs: readonly FingerprintedDocument[]): void {
  for (const doc of docs) for (const p of doc.paragraphs) (p as { bandKeys: Uint32Array }).bandKeys = NO_KEYS;
}

/**
 * Texts of documents in no pair are never shown (excerpts, diffs and provenance
 * are all about pairs), so they are let go once the pairs are known, in place
 * like the band keys above. `explain` keeps both its documents whatever they share.
 */
export function releaseUnpairedTexts(docs: readonly FingerprintedDocument[], pairs: readonly { readonly a: number; readonly b: number }[]): void {
  const paired = pairedDocuments(docs.length, pairs);
  docs.forEach((doc, d) => {
    if (!paired[d]) for (const p of doc.paragraphs) (p as { text: string }).text = "";
  });
}

/**
 * Shingle sets of documents in no pair are never looked at again (only
 * provenance, inside families, reads shingles after pairs are known), but they
 * sit in the workers' shared batch buffers beside those of paired documents,
 * which keep whole buffers alive. So the paired documents' sets are copied into
 * one compact array and every paragraph lets go of its batch buffer: on
 * 200,000 documents the shingle memory after this step is that of the paired
 * documents only. In place, like the band keys above; not with a cache, which
 * still has to write them.
 */
export function compactPairedShingles(docs: readonly FingerprintedDocument[], pairs: readonly { readonly a: number; readonly b: number }[]): void {
  const paired = pairedDocuments(docs.length, pairs);
  // One copy, and one view, per exact key: equal keys are equal normalised words, so
  // equal shingle sets (recurring paragraphs already share one array: recurringParagraphSharer).
  // Keyed by number, not by array in a Map: 1.3 million paragraphs at 200,000 documents.
  const slotOf = new KeyTable();
  const sets: Uint32Array[] = [];
  let total = 0;
  for (let d = 0; d < docs.length; d++) {
    if (!paired[d]) continue;
    for (const p of docs[d]!.paragraphs) {
      if (slotOf.getOrSet(p.exactKey, sets.length) >= 0) continue;
      sets.push(p.shingles);
      total += p.shingles.length;
    }
  }
  const compact = new Uint32Array(total);
  const views: Uint32Array[] = new Array<Uint32Array>(sets.length);
  let from = 0;
  for (let k = 0; k < sets.length; k++) {
    const set = sets[k]!;
    compact.set(set, from);
    views[k] = compact.subarray(from, (from += set.length));
  }
  for (let d = 0; d < docs.length; d++) {
    if (!paired[d]) continue;
    for (const p of docs[d]!.paragraphs) (p as { shingles: Uint32Array }).shingles = views[slotOf.get(p.exactKey)]!;
  }
  // A paragraph object held by a paired document too (none is today) keeps its view.
  for (let d = 0; d < docs.length; d++) {
    if (paired[d]) continue;
    for (const p of docs[d]!.paragraphs) if (p.shingles.buffer !== compact.buffer) (p as { shingles: Uint32Array }).shingles = NO_KEYS;
  }
}

/**
 * Texts kept up to a budget: past `megabytes` of paragraph text, documents keep
 * their fingerprints and lose their texts, which are read again for the
 * documents a report shows (extract/document-texts.ts). Returns the document to
 * keep, and whether its texts were let go.
 */
export function textBudget(megabytes: number): { keep(doc: FingerprintedDocument): { doc: FingerprintedDocument; dropped: boolean }; spent(): boolean } {
  let left = megabytes * 1024 * 1024;
  return {
    keep(doc) {
      // A document whose texts a worker already left out (every kept paragraph has words, so text).
      if (doc.paragraphs[0]?.text === "") return { doc, dropped: true };
      let chars = 0;
      for (const p of doc.paragraphs) chars += p.text.length;
      if (chars <= left) {
        left -= chars;
        return { doc, dropped: false };
      }
      left = 0;
      return { doc: { ...doc, paragraphs: doc.paragraphs.map((p) => ({ ...p, text: "" })) }, dropped: true };
    },
    spent: () => left === 0,
  };
}

/** 1 for each document in some pair. */
function pairedDocuments(count: number, pairs: readonly { readonly a: number; readonly b: number }[]): Uint8Array {
  const paired = new Uint8Array(count);
  for (const p of pairs) paired[p.a] = paired[p.b] = 1;
  return paired;
}

let fullCollection: (() => void) | null | undefined;

/**
 * A full garbage collection, now. What the steps above let go (texts, band
 * keys, the views over the workers' buffers: millions of objects on a large
 * scan) sits in the old generation, which V8 collects only when it nears its
 * limit; meanwhile the later stages allocate on top of it, and the process's
 * memory peaks with both. Collecting once, right after letting go, keeps the
 * later stages within the live data: 200,000 documents peaked at 3.66 GB
 * instead of 4.10 GB, for about half a second. V8 offers the collection only
 * when asked for it (`--expose-gc`), so it is asked for here, as test runners
 * do; where that is refused the call does nothing.
 */
export function collectGarbage(): void {
  if (fullCollection === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === "function") fullCollection = exposed;
    else {
      try {
        setFlagsFromString("--expose-gc");
        fullCollection = runInNewContext("gc") as () => void;
      } catch {
        fullCollection = null;
      }
    }
  }
  fullCollection?.();
}
