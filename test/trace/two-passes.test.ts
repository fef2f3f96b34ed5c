/**
 * The scan traces every family, builds the site record from the families the
 * evidence settles, then decides the unsettled ones again with it, reusing
 * their evidence (trace.ts familyEvidence / decideOrigin). The second decision
 * must be what tracing the family afresh with the record gives: deciding once
 * must leave the evidence as it found it.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { groupFamilies } from "../../src/group/families.js";
import { SETTLED, siteRecord } from "../../src/trace/site-record.js";
import { decideOrigin, familyEvidence, traceFamily } from "../../src/trace/trace.js";
import { chainFamily } from "../helpers/chains.js";
import { pairStages } from "../helpers/stages.js";
import { withTree } from "../helpers/tmp.js";

const BROWN = ["ca01", "ca02", "ca03", "ca04", "ca05", "ca06", "ca07", "ca08", "ca09", "ca10", "ca11", "ca12"];

describe("the second tracing pass", () => {
  it("decides an unsettled family from its first-pass evidence exactly as tracing it afresh with the site record", async () => {
    // Chains of copies on the same few sites (the site is the folder), so that the settled
    // families make a site record that speaks in the others.
    const tree: Record<string, string> = {};
    BROWN.forEach((brown, k) => {
      const spec = { copies: 2 + (k % 4), dates: k % 3 === 0 ? ("increasing" as const) : ("none" as const), edits: k % 2 === 0, excerpts: k % 4 < 2, chrome: false };
      chainFamily(`c${k}`, brown, spec).forEach((m, i) => (tree[`site${i % 4}/${path.dirname(m.path)}.txt`] = `${m.text.trimEnd()}\n\nCopyright 2021 Site Number ${i % 4}. All rights reserved.\n`));
    });
    await withTree(tree, async (dir) => {
      const { docs, units, mask, pairs } = await pairStages(dir);
      const families = groupFamilies(pairs, units);
      expect(families.length).toBe(BROWN.length);

      const evidence = families.map((f) => familyEvidence(f, pairs, docs, mask));
      const first = evidence.map((e) => decideOrigin(e));
      const sites = siteRecord(families, first, docs);
      const unsettled = first.flatMap((t, i) => (t.confidence < SETTLED ? [i] : []));
      expect(unsettled.length).toBeGreaterThan(0);
      expect(unsettled.length).toBeLessThan(families.length);
      let changed = 0;
      for (const i of unsettled) {
        const second = decideOrigin(evidence[i]!, sites);
        expect(second).toEqual(traceFamily(families[i]!, pairs, docs, mask, sites));
        if (JSON.stringify(second) !== JSON.stringify(first[i])) changed++;
      }
      // The record weighed in somewhere: the test compares decisions that differ from the first pass's.
      expect(changed).toBeGreaterThan(0);
    });
  }, 60_000);
});
