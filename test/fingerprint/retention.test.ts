import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSettingsOf } from "../../src/extract/read-documents.js";
import { packBatch, unpackBatch } from "../../src/fingerprint/batch-columns.js";
import { fingerprintFile, fingerprintParamsOf, fingerprintSettings } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedDocument } from "../../src/fingerprint/fingerprint.js";
import { collectGarbage, compactPairedShingles, recurringParagraphSharer } from "../../src/fingerprint/retention.js";
import { resolveOptions } from "../../src/options.js";
import { ROOT } from "../helpers/corpus.js";

/** Seed documents as the main thread gets them from workers: each batch unpacked on its own, so nothing is shared yet. */
async function unpackedSeeds(names: readonly string[]): Promise<FingerprintedDocument[]> {
  const dir = path.join(ROOT, "fixtures", "seeds");
  const o = resolveOptions({ inputs: [dir], cwd: dir });
  const docs: FingerprintedDocument[] = [];
  for (const name of names) {
    // A fresh cache per file, as in separate workers: recurring paragraphs arrive as copies.
    const settings = fingerprintSettings(fingerprintParamsOf(o));
    const events = await fingerprintFile({ path: name, absolutePath: path.join(dir, name) }, readSettingsOf(o), settings);
    for (const e of unpackBatch(packBatch([events], false).batch)[0]!) if (e.kind === "document") docs.push(e.document);
  }
  return docs;
}

describe("recurringParagraphSharer", () => {
  it("gives a recurring paragraph the first copy's text and fingerprints, and changes nothing a reader sees", async () => {
    // 000 and 002 carry one statement in two sites' pages: many paragraphs recur word for word.
    const docs = await unpackedSeeds(["000_0260406033e61649.txt", "002_d9c98dc35bfc551d.txt"]);
    const before = docs.map((d) => d.paragraphs.map((p) => ({ ...p, shingles: [...p.shingles], bandKeys: [...p.bandKeys] })));
    const share = recurringParagraphSharer();
    const shared = docs.map((d) => share(d));

    const [first, second] = shared as [FingerprintedDocument, FingerprintedDocument];
    const firstByKey = new Map(first.paragraphs.map((p) => [p.exactKey, p]));
    const recurring = second.paragraphs.filter((p) => firstByKey.has(p.exactKey));
    expect(recurring.length).toBeGreaterThan(5);
    for (const p of recurring) {
      const seen = firstByKey.get(p.exactKey)!;
      expect(p.shingles).toBe(seen.shingles);
      expect(p.bandKeys).toBe(seen.bandKeys);
    }
    // Same values everywhere: sharing is about memory only.
    expect(shared.map((d) => d.paragraphs.map((p) => ({ ...p, shingles: [...p.shingles], bandKeys: [...p.bandKeys] })))).toEqual(before);
  });

  it("keeps a recurring paragraph's own text where it differs from the first copy's (quotes, spacing)", async () => {
    const [doc] = await unpackedSeeds(["000_0260406033e61649.txt"]);
    const p = doc!.paragraphs.find((x) => x.text.includes(" ") && x.words > 5)!;
    const retyped = { ...p, text: `${p.text.replace(" ", "  ")}` };
    const copy: FingerprintedDocument = { ...doc!, path: "copy.txt", paragraphs: [retyped] };
    const share = recurringParagraphSharer();
    share(doc!);
    const after = share(copy);
    expect(after.paragraphs[0]!.text).toBe(retyped.text);
    expect(after.paragraphs[0]!.shingles).toBe(p.shingles);
  });
});

describe("compactPairedShingles", () => {
  it("keeps paired documents' shingle sets, value for value, in one array no batch buffer is behind; drops the others'", async () => {
    const docs = await unpackedSeeds(["000_0260406033e61649.txt", "002_d9c98dc35bfc551d.txt", "001_ba66b3c3b52cdbb8.txt"]);
    const share = recurringParagraphSharer();
    docs.forEach((d) => share(d));
    const before = docs.map((d) => d.paragraphs.map((p) => [...p.shingles]));
    expect(docs[0]!.paragraphs[0]!.shingles.buffer).toBeInstanceOf(SharedArrayBuffer);

    compactPairedShingles(docs, [{ a: 0, b: 1 }]);

    expect(docs.slice(0, 2).map((d) => d.paragraphs.map((p) => [...p.shingles]))).toEqual(before.slice(0, 2));
    const buffers = new Set(docs.slice(0, 2).flatMap((d) => d.paragraphs.map((p) => p.shingles.buffer)));
    expect(buffers.size).toBe(1);
    expect([...buffers][0]).not.toBeInstanceOf(SharedArrayBuffer);
    // A set shared by recurring paragraphs is stored once: the compact array is no longer than the distinct sets.
    const distinct = new Map(docs.slice(0, 2).flatMap((d) => d.paragraphs.map((p) => [p.exactKey, p.shingles.length] as const)));
    expect([...buffers][0]!.byteLength).toBe([...distinct.values()].reduce((n, l) => n + l, 0) * 4);
    expect(docs[2]!.paragraphs.every((p) => p.shingles.length === 0)).toBe(true);
    // Paragraphs with one exact key share one view of their set, not one each.
    const firstView = new Map(docs[0]!.paragraphs.map((p) => [p.exactKey, p.shingles]));
    const recurring = docs[1]!.paragraphs.filter((p) => firstView.has(p.exactKey));
    expect(recurring.length).toBeGreaterThan(5);
    for (const p of recurring) expect(p.shingles).toBe(firstView.get(p.exactKey));
  });
});

describe("collectGarbage", () => {
  it("collects, there and then, what nothing refers to any more (without --expose-gc)", async () => {
    let released: { readonly texts: string[] } | null = { texts: Array.from({ length: 1000 }, (_, i) => `paragraph ${i}`) };
    const ref = new WeakRef(released);
    released = null;
    // A WeakRef's target lives to the end of the job that made it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
