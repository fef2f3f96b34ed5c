/**
 * Provenance on chains of copies built with known truth (test/helpers/chains.ts):
 * an original and 2-5 copies, each made from the one before it, with the copy
 * editors' word changes carried on, paragraphs dropped, site chrome added, and
 * dates that increase, are missing, or are all one day. Where the evidence
 * decides, the origin and every parent must be right; where it cannot (symmetric
 * edits with no date, identical texts of one day), the family must be reported
 * undetermined.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scan, type ReportFamily, type ScanReport } from "../../src/index.js";
import { chainFamily, type ChainMember, type ChainSpec } from "../helpers/chains.js";
import { withTree } from "../helpers/tmp.js";

type Kind = "edited excerpts" | "edits" | "excerpts" | "identical";
const KINDS: Record<Kind, { edits: boolean; excerpts: boolean }> = {
  "edited excerpts": { edits: true, excerpts: true },
  edits: { edits: true, excerpts: false },
  excerpts: { edits: false, excerpts: true },
  identical: { edits: false, excerpts: false },
};
const DATES = ["increasing", "none", "same-day"] as const;
const BROWN = ["ca01", "ca02", "ca03", "ca04", "ca05", "ca06", "ca07", "ca08", "ca09", "ca10", "ca11", "ca12", "ca13", "ca14", "ca15", "ca16", "ca17", "ca18", "ca19", "ca20", "ca21", "ca22", "ca23", "ca24"];

interface Case {
  readonly name: string;
  readonly spec: ChainSpec;
  readonly kind: Kind;
  readonly members: readonly ChainMember[];
}

const cases: Case[] = [];
let report: ScanReport;

beforeAll(async () => {
  // Two families of every kind and dating, of 3-6 documents, half of them with site chrome.
  let k = 0;
  for (const dates of DATES)
    for (const kind of Object.keys(KINDS) as Kind[])
      for (let copy = 0; copy < 2; copy++) {
        const name = `chain${String(k).padStart(2, "0")}`;
        const spec: ChainSpec = { copies: 2 + ((k * 3 + copy) % 4), dates, ...KINDS[kind], chrome: k % 2 === 0 };
        cases.push({ name, spec, kind, members: chainFamily(name, BROWN[k]!, spec) });
        k++;
      }
  const tree = Object.fromEntries(cases.flatMap((c) => c.members.map((m) => [m.path, m.text])));
  report = await withTree(tree, (dir) => scan({ inputs: [dir], cwd: dir, mtime: false }));
}, 60_000);

function familyOf(c: Case): ReportFamily {
  const families = report.families.filter((f) => f.documents.some((d) => d.startsWith(`${c.name}-`)));
  expect(families, `${c.name}: one family`).toHaveLength(1);
  expect(families[0]!.documents).toHaveLength(c.members.length);
  return families[0]!;
}

const where = (dates: (typeof DATES)[number], kinds: readonly Kind[]): Case[] => cases.filter((c) => c.spec.dates === dates && kinds.includes(c.kind));

describe("provenance on generated chains of copies", () => {
  it("finds each chain as one family of all its documents", () => {
    expect(report.families).toHaveLength(cases.length);
    for (const c of cases) familyOf(c);
  });

  it("dated chains: the original, decided, and no copy under a later document", () => {
    for (const c of where("increasing", ["edited excerpts", "edits", "excerpts", "identical"])) {
      const family = familyOf(c);
      expect(family.origin, c.name).toBe(c.members[0]!.path);
      expect(family.determined, c.name).toBe(true);
      const order = new Map(c.members.map((m, i) => [m.path, i]));
      for (const e of family.edges) expect(order.get(e.from)!, `${c.name}: ${e.from} → ${e.to}`).toBeLessThan(order.get(e.to)!);
    }
  });

  it("chains with edits: every copy under the copy it was made from, dated or not (the per-triple test)", () => {
    for (const c of [...where("increasing", ["edited excerpts", "edits"]), ...where("none", ["edited excerpts"]), ...where("same-day", ["edited excerpts"])]) {
      const family = familyOf(c);
      for (const m of c.members.slice(1)) expect(family.edges.find((e) => e.to === m.path)?.from, `${c.name}: parent of ${m.path}`).toBe(m.parent);
    }
  });

  it("undated or same-day chains that cut text: the original, the document the others are inside", () => {
    for (const c of [...where("none", ["edited excerpts", "excerpts"]), ...where("same-day", ["edited excerpts", "excerpts"])]) {
      expect(familyOf(c).origin, c.name).toBe(c.members[0]!.path);
    }
  });

  it("undetermined where the text cannot tell: symmetric edits with no date between them, identical copies of one day", () => {
    for (const c of [...where("none", ["edits", "identical"]), ...where("same-day", ["edits", "identical"])]) {
      const family = familyOf(c);
      expect(family.determined, `${c.name} (${c.kind}, ${c.spec.dates}): confidence ${family.confidence}`).toBe(false);
    }
  });
});
