/**
 * Unique paragraphs: paragraphs whose normalised text is identical are one
 * *unit*, fingerprinted and indexed once, however many documents carry it.
 * A footer on ten thousand pages is one unit with ten thousand occurrences, not
 * ten thousand LSH entries that would pair with each other.
 */
import type { FingerprintedDocument, FingerprintedParagraph } from "../fingerprint/fingerprint.js";
import { KeyTable } from "../fingerprint/key-table.js";

export interface UniqueParagraphs {
  readonly count: number;
  /** The first occurrence of each unit (its fingerprints stand for all). */
  readonly representative: readonly FingerprintedParagraph[];
  /** Occurrences of unit u: `occDoc/occPara[occStart[u] .. occStart[u + 1])`, in document order. */
  readonly occStart: Int32Array;
  readonly occDoc: Int32Array;
  readonly occPara: Int32Array;
  /** Unit of each paragraph: `unitOf[doc][paragraph]`. */
  readonly unitOf: readonly Int32Array[];
}

export function uniqueParagraphs(docs: readonly FingerprintedDocument[]): UniqueParagraphs {
  // One buffer for all documents, a view each: an array per document cost an
  // allocation of its own, 200,000 of them on a large scan.
  let total = 0;
  for (const doc of docs) total += doc.paragraphs.length;
  // Made at once for 40% of the paragraphs being distinct, as on the benchmark corpus
  // (a site's chrome recurs on all its pages), instead of growing to it by doubling,
  // each time rehashing every key.
  const byKey = new KeyTable(Math.ceil(total * 0.4));
  const representative: FingerprintedParagraph[] = [];
  const counts = new Int32Array(total);
  const all = new Int32Array(total);
  const unitOf: Int32Array[] = new Array<Int32Array>(docs.length);
  let at = 0;
  for (let d = 0; d < docs.length; d++) {
    const paragraphs = docs[d]!.paragraphs;
    unitOf[d] = all.subarray(at, at + paragraphs.length);
    for (let i = 0; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      let u = byKey.getOrSet(p.exactKey, representative.length);
      if (u < 0) {
        u = representative.length;
        representative.push(p);
      }
      counts[u]!++;
      all[at++] = u;
    }
  }
  const count = representative.length;
  const occStart = new Int32Array(count + 1);
  for (let u = 0; u < count; u++) occStart[u + 1] = occStart[u]! + counts[u]!;
  const fill = occStart.slice(0, count);
  const occDoc = new Int32Array(occStart[count]!);
  const occPara = new Int32Array(occStart[count]!);
  for (let d = 0; d < unitOf.length; d++) {
    const units = unitOf[d]!;
    for (let i = 0; i < units.length; i++) {
      const slot = fill[units[i]!]!++;
      occDoc[slot] = d;
      occPara[slot] = i;
    }
  }
  return { count, representative, occStart, occDoc, occPara, unitOf };
}
