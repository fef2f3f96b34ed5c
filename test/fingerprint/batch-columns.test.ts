import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSettingsOf } from "../../src/extract/read-documents.js";
import { FingerprintArena } from "../../src/fingerprint/arena.js";
import { packBatch, unpackBatch } from "../../src/fingerprint/batch-columns.js";
import { fingerprintFile, fingerprintParamsOf, fingerprintSettings, type FileEvent } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedParagraph } from "../../src/fingerprint/fingerprint.js";
import { resolveOptions } from "../../src/options.js";
import { ROOT } from "../helpers/corpus.js";

type Settings = ReturnType<typeof fingerprintSettings>;

/** The fixtures' files, fingerprinted in this thread: documents of every format, and problems. */
async function batchOf(folder: string, names: readonly string[], settings?: Settings): Promise<FileEvent[][]> {
  const dir = path.join(ROOT, "fixtures", folder);
  const o = resolveOptions({ inputs: [dir], cwd: dir });
  const s = settings ?? fingerprintSettings(fingerprintParamsOf(o));
  return Promise.all(names.map((name) => fingerprintFile({ path: name, absolutePath: path.join(dir, name) }, readSettingsOf(o), s)));
}

/** Shingle sets and band keys of every paragraph of a batch, as plain arrays. */
const arraysOf = (results: FileEvent[][]): number[][][] =>
  results.flat().flatMap((e) => (e.kind === "document" ? e.document.paragraphs.map((p) => [[...p.shingles], [...p.bandKeys]]) : []));

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

  it("packs a worker's batches fingerprinted into arenas, batch after batch, as the same arrays fingerprinting alone gives", async () => {
    const names = ["000_0260406033e61649.txt", "001_ba66b3c3b52cdbb8.txt", "002_d9c98dc35bfc551d.txt", "003_969cd088062e8f53.txt", "004_b0a4aa1939d752b1.txt"];
    const o = resolveOptions({ inputs: [path.join(ROOT, "fixtures", "seeds")] });
    // As a worker does: one settings object (one cache of recurring paragraphs) for all batches,
    // arenas reset after each batch. Tiny chunks, so that a batch spans many of them.
    const arenas = { shingles: new FingerprintArena(16), bandKeys: new FingerprintArena(16) };
    const settings = { ...fingerprintSettings(fingerprintParamsOf(o)), arenas };
    const unpacked: FileEvent[][] = [];
    // Each file twice, in two batches: the second sight of a paragraph is what the cache keeps.
    for (const batch of [names, names, names.slice(0, 2)]) {
      const results = await batchOf("seeds", batch, settings);
      unpacked.push(...unpackBatch(packBatch(results, false, arenas).batch));
      arenas.shingles.reset();
      arenas.bandKeys.reset();
    }
    const alone = [...(await batchOf("seeds", names)), ...(await batchOf("seeds", names)), ...(await batchOf("seeds", names.slice(0, 2)))];
    expect(arraysOf(alone).length).toBeGreaterThan(40);
    expect(arraysOf(unpacked)).toEqual(arraysOf(alone));
  });
});
