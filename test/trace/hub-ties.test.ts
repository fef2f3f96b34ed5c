/**
 * An origin that pairing made a hub (a group's head, a crowded paragraph's leader)
 * over copies it beat on path order alone shares its confidence with them
 * (trace.ts decideOrigin, `tiedHubs`), but only through the pairs that being a hub
 * made (DocumentPair.viaHub): a document that leads a crowded quote somewhere else
 * keeps its confidence in a family whose pairs are made all with all.
 */
import { describe, expect, it } from "vitest";
import { groupFamilies } from "../../src/group/families.js";
import { decideOrigin, familyEvidence } from "../../src/trace/trace.js";
import { brownParagraphs } from "../helpers/corpus.js";
import { pairStages } from "../helpers/stages.js";
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
      const { docs, units, mask, pairs } = await pairStages(dir);
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

describe("a tied hub's edges", () => {
  it("count each other copy once among a child's possible parents, also when it is paired with the child itself (and the family's confidence each member once)", async () => {
    // A review's case: four identical undated copies paired through u, the first by path,
    // plus one pair of two others (v–m). Counted twice, m made u → v 0.674; all with all gives 0.699.
    const text = brownParagraphs("ca01").slice(0, 4).join("\n\n") + "\n";
    await withTree({ "a/u.txt": text, "b/v.txt": text, "c/m.txt": text, "d/k.txt": text }, async (dir) => {
      const { docs, units, mask, pairs } = await pairStages(dir);
      const id = (p: string) => docs.findIndex((d) => d.path === p);
      const [u, v, m] = ["a/u.txt", "b/v.txt", "c/m.txt"].map(id);
      const allWithAll = decideOrigin(familyEvidence(groupFamilies(pairs, units)[0]!, pairs, docs, mask));
      const hubbed = pairs.flatMap((p) => (p.a === u || p.b === u ? [{ ...p, viaHub: true }] : (p.a === v && p.b === m) || (p.a === m && p.b === v) ? [p] : []));
      const t = decideOrigin(familyEvidence(groupFamilies(hubbed, units)[0]!, hubbed, docs, mask), undefined, new Set([u!]));
      expect(t.origin).toBe(u);
      // The family too: each member once, as its own tree or as the head it could have been.
      expect(t.confidence).toBeCloseTo(allWithAll.confidence, 3);
      const toV = t.edges.find((e) => e.parent === u && e.child === v)!;
      expect(toV.confidence).toBeCloseTo(allWithAll.edges[0]!.confidence, 3);
    });
  });
});
