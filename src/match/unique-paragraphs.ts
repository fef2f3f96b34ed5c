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
  const byKey = new KeyTable();
  const representative: FingerprintedParagraph[] = [];
  const counts: number[] = [];
  // One buffer for all documents, a view each: an array per document cost an
  // allocation of its own, 200,000 of them on a large scan.
  let total = 0;
  for (const doc of docs) total += doc.paragraphs.length;
  const all = new Int32Array(total);
  let from = 0;
  const unitOf = docs.map((doc) => {
    const units = all.subarray(from, (from += doc.paragraphs.length));
    doc.paragraphs.forEach((p, i) => {
      let u = byKey.get(p.exactKey);
      if (u < 0) {
        u = representative.length;
        byKey.set(p.exactKey, u);
        representative.push(p);
        counts.push(0);
      }
      counts[u]!++;
      units[i] = u;
    });
    return units;
  });
  const count = representative.length;
  const occStart = new Int32Array(count + 1);
  for (let u = 0; u < count; u++) occStart[u + 1] = occStart[u]! + counts[u]!;
  const fill = occStart.slice(0, count);
  const occDoc = new Int32Array(occStart[count]!);
  const occPara = new Int32Array(occStart[count]!);
  unitOf.forEach((units, d) => {
    units.forEach((u, i) => {
      const at = fill[u]!++;
      occDoc[at] = d;
      occPara[at] = i;
    });
  });
  return { count, representative, occStart, occDoc, occPara, unitOf };
}
