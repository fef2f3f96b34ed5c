/**
 * Texts let go after fingerprinting (`textMemory`) and read again for the
 * documents a report shows: the report must be the one the texts kept in
 * memory give, for every input format, and a file changed in between must be
 * named rather than show words that were not compared.
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rereadTexts, textsOfFile, type TextReader } from "../../src/extract/document-texts.js";
import { readSettingsOf } from "../../src/extract/read-documents.js";
import { fingerprintFile, fingerprintParamsOf, fingerprintSettings } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedDocument } from "../../src/fingerprint/fingerprint.js";
import { analyze } from "../../src/index.js";
import { resolveOptions } from "../../src/options.js";
import { readSeed } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { withTree } from "../helpers/tmp.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");

describe("texts read again (textMemory)", () => {
  it.each(["seeds", "html", "markdown", "jsonl"])("fixtures/%s: the same report, excerpts and texts with no text kept in memory", async (folder) => {
    const dir = path.join(FIXTURES, folder);
    const kept = await analyze({ inputs: [dir], cwd: dir, mtime: false, jobs: 1 });
    const reread = await analyze({ inputs: [dir], cwd: dir, mtime: false, jobs: 1, textMemory: 0 });
    const strip = (r: typeof kept.report) => ({ ...r, summary: { ...r.summary, elapsedMs: 0 } });
    expect(kept.report.pairs.length).toBeGreaterThan(0);
    expect(strip(reread.report)).toEqual(strip(kept.report));
    // Every paragraph of every reported document has its words back.
    for (const pair of kept.report.pairs) {
      for (const doc of [pair.a, pair.b]) {
        const lines = kept.paragraphLines(doc);
        expect(lines.length).toBeGreaterThan(0);
        for (const { paragraph } of lines) {
          const text = reread.paragraphText(doc, paragraph);
          expect(text, `${doc} paragraph ${paragraph}`).toBe(kept.paragraphText(doc, paragraph));
          expect(text!.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("a document no pair names keeps no text once the budget is spent", async () => {
    const dir = path.join(FIXTURES, "seeds");
    const reread = await analyze({ inputs: [dir], cwd: dir, mtime: false, jobs: 1, textMemory: 0 });
    const unpaired = reread.report.documents.map((d) => d.path).filter((p) => !reread.report.pairs.some((x) => x.a === p || x.b === p));
    expect(unpaired).toEqual([expect.stringMatching(/^001_/)]);
    expect(reread.paragraphText(unpaired[0]!, 0)).toBe("");
  });

  it("a document in no pair keeps no text even within the budget; keepTexts (explain) keeps every text", async () => {
    const dir = path.join(FIXTURES, "seeds");
    const lean = await analyze({ inputs: [dir], cwd: dir, mtime: false, jobs: 1 });
    const all = await analyze({ inputs: [dir], cwd: dir, mtime: false, jobs: 1, textMemory: 0, keepTexts: true });
    const unpaired = lean.report.documents.map((d) => d.path).find((p) => !lean.report.pairs.some((x) => x.a === p || x.b === p))!;
    expect(lean.paragraphText(unpaired, 0)).toBe("");
    expect(all.paragraphText(unpaired, 0)!.length).toBeGreaterThan(10);
  });

  it("explain shows two documents that share nothing, whatever --text-memory says", async () => {
    const a = path.join(FIXTURES, "seeds", readdirSync(path.join(FIXTURES, "seeds")).find((n) => n.startsWith("001"))!);
    const b = path.join(FIXTURES, "seeds", readdirSync(path.join(FIXTURES, "seeds")).find((n) => n.startsWith("003"))!);
    const r = await runCli(["explain", a, b, "--format", "json", "--text-memory", "0", "--no-config"], { cwd: FIXTURES });
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as { rows: { a?: { text: string }; b?: { text: string } }[] };
    const texts = x.rows.flatMap((row) => [row.a?.text ?? "", row.b?.text ?? ""]);
    expect(texts.filter((t) => t.length > 20).length).toBeGreaterThan(10);
  });

  it("a file changed after it was fingerprinted is named, and its texts are not shown", async () => {
    const text = readSeed("000");
    await withTree({ "a.txt": text }, async (dir) => {
      const o = resolveOptions({ inputs: [dir], cwd: dir });
      const file = { path: "a.txt", absolutePath: path.join(dir, "a.txt") };
      const events = await fingerprintFile(file, readSettingsOf(o), fingerprintSettings(fingerprintParamsOf(o)));
      const doc = events.find((e) => e.kind === "document")!.document as FingerprintedDocument;
      const textless = { ...doc, paragraphs: doc.paragraphs.map((p) => ({ ...p, text: "" })) };

      const same = await rereadTexts([textless], new Map([["a.txt", file]]), readSettingsOf(o));
      expect(same.problems).toEqual([]);
      expect(same.documents[0]!.paragraphs.map((p) => p.text)).toEqual(doc.paragraphs.map((p) => p.text));

      rmSync(file.absolutePath);
      const gone = await rereadTexts([textless], new Map([["a.txt", file]]), readSettingsOf(o));
      expect(gone.problems).toEqual([expect.objectContaining({ path: "a.txt", code: "changed-during-scan", message: expect.stringMatching(/could not be read again/) })]);

      writeFileSync(file.absolutePath, text.replace("Trafficking", "Smuggling"));
      const changed = await rereadTexts([textless], new Map([["a.txt", file]]), readSettingsOf(o));
      expect(changed.problems).toEqual([expect.objectContaining({ path: "a.txt", code: "changed-during-scan", severity: "warning" })]);
      expect(changed.documents[0]!.paragraphs.every((p) => p.text === "")).toBe(true);
    });
  });

  it("texts a worker pool failed to bring are read in this thread: a worker that stops midway loses no text", async () => {
    const names = readdirSync(path.join(FIXTURES, "seeds"));
    const o = resolveOptions({ inputs: [path.join(FIXTURES, "seeds")], cwd: path.join(FIXTURES, "seeds") });
    const read = readSettingsOf(o);
    const files = names.map((name) => ({ path: name, absolutePath: path.join(FIXTURES, "seeds", name) }));
    const settings = fingerprintSettings(fingerprintParamsOf(o));
    const docs: FingerprintedDocument[] = [];
    for (const file of files) for (const e of await fingerprintFile(file, read, settings)) if (e.kind === "document") docs.push(e.document);
    const textless = docs.map((d) => ({ ...d, paragraphs: d.paragraphs.map((p) => ({ ...p, text: "" })) }));
    // A pool that brings the first file's texts, then fails (as a crashed worker does).
    let asked = 0;
    const failing: TextReader = async function* (requests) {
      asked = requests.length;
      yield await textsOfFile(requests[0]!.file, read, new Set(requests[0]!.wanted));
      throw new Error("a reading worker stopped (exit code 1)");
    };
    // The pool is used from 256 files by default; these are 5.
    const result = await rereadTexts(textless, new Map(files.map((f) => [f.path, f])), read, failing, 0);
    expect(asked).toBe(files.length);
    expect(result.problems).toEqual([]);
    expect(result.documents.map((d) => d.paragraphs.map((p) => p.text))).toEqual(docs.map((d) => d.paragraphs.map((p) => p.text)));
  });
});

