import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSettingsOf } from "../../src/extract/read-documents.js";
import { packBatch, unpackBatch } from "../../src/fingerprint/batch-columns.js";
import { fingerprintFile, fingerprintParamsOf, fingerprintSettings, type FileEvent } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedParagraph } from "../../src/fingerprint/fingerprint.js";
import { resolveOptions } from "../../src/options.js";
import { ROOT } from "../helpers/corpus.js";

/** The fixtures' files, fingerprinted in this thread: documents of every format, and problems. */
async function batchOf(folder: string, names: readonly string[]): Promise<FileEvent[][]> {
  const dir = path.join(ROOT, "fixtures", folder);
  const o = resolveOptions({ inputs: [dir], cwd: dir });
  const settings = fingerprintSettings(fingerprintParamsOf(o));
  return Promise.all(names.map((name) => fingerprintFile({ path: name, absolutePath: path.join(dir, name) }, readSettingsOf(o), settings)));
}

describe("batch columns (worker → main thread)", () => {
  it("unpack(pack(results)) gives back the same events, documents and paragraphs", async () => {
    const results = [
      ...(await batchOf("seeds", ["000_0260406033e61649.txt", "002_d9c98dc35bfc551d.txt", "missing.txt"])),
      ...(await batchOf("jsonl", ["seeds.jsonl"])),
    ];
    expect(results.flat().filter((e) => e.kind === "document").length).toBeGreaterThan(3);
    expect(results.flat().some((e) => e.kind === "problem")).toBe(true);
    const { batch } = packBatch(results, false);
    expect(unpackBatch(batch)).toEqual(results);
  });

  it("stores an array shared by two paragraphs once, and leaves texts out when asked", async () => {
    // The two seeds share their recurring paragraphs' cached fingerprints (one settings object).
    const results = await batchOf("seeds", ["000_0260406033e61649.txt", "002_d9c98dc35bfc551d.txt"]);
    const paragraphs = results.flat().flatMap((e) => (e.kind === "document" ? e.document.paragraphs : []));
    const distinct = new Set(paragraphs.map((p) => p.shingles));
    const { batch } = packBatch(results, true);
    expect(batch.shingles.length).toBe([...distinct].reduce((n, a) => n + a.length, 0));
    expect(batch.shingles.buffer).toBeInstanceOf(SharedArrayBuffer);
    const back = unpackBatch(batch).flat().flatMap((e) => (e.kind === "document" ? e.document.paragraphs : []));
    expect(back.every((p) => p.text === "")).toBe(true);
    expect(back.map((p) => [...p.shingles])).toEqual(paragraphs.map((p) => [...p.shingles]));
  });

  it("keeps every paragraph's arrays whatever they share: shingles without band keys, band keys without shingles", async () => {
    const results = await batchOf("seeds", ["000_0260406033e61649.txt"]);
    const doc = results.flat().find((e) => e.kind === "document")!;
    if (doc.kind !== "document") throw new Error("no document");
    const [p, q, r] = doc.document.paragraphs as [FingerprintedParagraph, FingerprintedParagraph, FingerprintedParagraph];
    const none = new Uint32Array(0);
    // q takes p's shingles with band keys of its own; r takes p's band keys with shingles of its own.
    const paragraphs = [p, { ...q, shingles: p.shingles }, { ...r, bandKeys: p.bandKeys }, { ...q, bandKeys: none }, { ...r, bandKeys: none }];
    const edited: FileEvent[][] = [[{ kind: "document", document: { ...doc.document, paragraphs } }]];
    const back = unpackBatch(packBatch(edited, false).batch)[0]![0]!;
    if (back.kind !== "document") throw new Error("no document");
    expect(back.document.paragraphs.map((x) => [[...x.shingles], [...x.bandKeys]])).toEqual(paragraphs.map((x) => [[...x.shingles], [...x.bandKeys]]));
  });
});

