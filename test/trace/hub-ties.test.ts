/**
 * An origin that pairing made a hub (a group's head, a crowded paragraph's leader)
 * over copies it beat on path order alone shares its confidence with them
 * (trace.ts decideOrigin, `tiedHubs`), but only through the pairs that being a hub
 * made (DocumentPair.viaHub): a document that leads a crowded quote somewhere else
 * keeps its confidence in a family whose pairs are made all with all.
 */
import { describe, expect, it } from "vitest";
import { MemoryLshIndex } from "../../src/candidates/memory-lsh-index.js";
import { readSettingsOf } from "../../src/extract/read-settings.js";
import { fingerprintFiles, fingerprintParamsOf } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedDocument } from "../../src/fingerprint/fingerprint.js";
import { groupFamilies } from "../../src/group/families.js";
import { findBoilerplate } from "../../src/match/boilerplate.js";
import { documentPairs } from "../../src/match/document-pairs.js";
import { matchParagraphs } from "../../src/match/paragraph-matches.js";
import { uniqueParagraphs } from "../../src/match/unique-paragraphs.js";
import { resolveOptions } from "../../src/options.js";
import { decideOrigin, familyEvidence } from "../../src/trace/trace.js";
import { brownParagraphs } from "../helpers/corpus.js";
import { withTree } from "../helpers/tmp.js";

describe("a tied hub's confidence", () => {
  it("is shared only with members paired with it through being a hub", async () => {
    // An article and two copies of its first and last paragraphs, undated: no pair is a hub's.
    const article = brownParagraphs("ca01").slice(0, 8);
    const tree = {
      "r/article.txt": article.join("\n\n") + "\n",
      "c1/copy.txt": article.slice(0, 4).join("\n\n") + "\n",
      "c2/copy.txt": article.slice(4).join("\n\n") + "\n",
    };
    await withTree(tree, async (dir) => {
      const o = resolveOptions({ inputs: [dir], cwd: dir, mtime: false, jobs: 1 });
      const files = await (await import("../../src/discover/discover.js")).discover(o);
      let docs: FingerprintedDocument[] = [];
      for await (const events of fingerprintFiles({ files, read: readSettingsOf(o), params: fingerprintParamsOf(o), jobs: 1 }))
        for (const e of events) if (e.kind === "document") docs.push(e.document);
      docs = docs.sort((a, b) => (a.path < b.path ? -1 : 1)).map((d, i) => ({ ...d, id: i }));
      const units = uniqueParagraphs(docs);
      const edges = await matchParagraphs(units, new MemoryLshIndex({ bands: o.bands }), o.threshold, 1);
      const mask = findBoilerplate(docs, units, edges, { minDocs: o.boilerplateMinDocs, minWords: o.minWords });
      const { pairs } = documentPairs(docs, units, edges, mask, { minCoverage: o.minCoverage, minWords: o.minWords });
      expect(pairs.some((p) => p.viaHub)).toBe(false);
      const [family] = groupFamilies(pairs, units);
      const article = docs.findIndex((d) => d.path === "r/article.txt");
      const alone = decideOrigin(familyEvidence(family!, pairs, docs, mask));
      expect(alone.origin).toBe(article);
      // The article is a tied hub (it leads a crowded paragraph elsewhere): nothing changes here.
      const tied = decideOrigin(familyEvidence(family!, pairs, docs, mask), undefined, new Set([article]));
      expect(tied.confidence).toBe(alone.confidence);
      // Had its pairs with the copies been a hub's, each copy (undated, no less evidence) would share it.
      const hubPairs = pairs.map((p) => (p.a === article || p.b === article ? { ...p, viaHub: true } : p));
      const shared = decideOrigin(familyEvidence(family!, hubPairs, docs, mask), undefined, new Set([article]));
      expect(shared.confidence).toBeLessThan(alone.confidence);
    });
  });
});
