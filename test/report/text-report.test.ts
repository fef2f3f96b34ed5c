/**
 * The text report's provenance trees: drawn depth first with the right
 * connectors and each document's date, and drawn whatever the tree's shape (a
 * chain of copies of copies thousands deep, many families over many documents).
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import type { ReportDocument, ReportFamily, ReportPair, ScanReport } from "../../src/report/report-model.js";
import { textReport } from "../../src/report/text-report.js";
import type { Analysis } from "../../src/scan.js";

const NO_CHANGES = { paragraphsDropped: 0, paragraphsAdded: 0, boilerplateAdded: 0, wordsRemoved: 0, wordsAdded: 0, replaced: [] };

function doc(path: string, date: string | null): ReportDocument {
  return { path, title: null, date, dateSource: date ? "front-matter" : null, site: null, url: null, paragraphs: 2, words: 60, boilerplateParagraphs: 0, sha256: "0".repeat(64) };
}

function pair(a: string, b: string, family: number): ReportPair {
  const side = { paragraph: 0, line: 1, endLine: 1 };
  return { a, b, similarity: 1, coverage: { a: 1, b: 1 }, kind: "identical", family, matches: [{ a: side, b: side, similarity: 1, containment: 1, kind: "exact" }] };
}

function family(id: number, origin: string, edges: readonly (readonly [string, string])[]): ReportFamily {
  return {
    id,
    title: null,
    documents: [origin, ...edges.map(([, to]) => to)],
    origin,
    confidence: 0.9,
    determined: true,
    originEvidence: [],
    edges: edges.map(([from, to]) => ({ from, to, confidence: 0.8, evidence: [], changes: NO_CHANGES })),
    pairs: edges.length,
  };
}

function analysisOf(documents: ReportDocument[], families: ReportFamily[]): Analysis {
  const pairs = families.flatMap((f) => f.edges.map((e) => pair(e.from, e.to, f.id)));
  const report: ScanReport = {
    schemaVersion: 1,
    tool: { name: "statdup", version: "test" },
    settings: {},
    summary: { documents: documents.length, paragraphs: 0, boilerplateParagraphs: 0, pairs: pairs.length, families: families.length, errors: 0, files: documents.length, candidatePairs: 0, verifiedPairs: 0, elapsedMs: 0 },
    documents,
    pairs,
    families,
    errors: [],
  };
  return { report, paragraphText: () => "A paragraph." } as unknown as Analysis;
}

const plain = new Chalk({ level: 0 });

describe("the text report's provenance trees", () => {
  it("draws children depth first, in edge order, with connectors, indents and dates", () => {
    const docs = [doc("o.md", "2020-01-01"), doc("a.md", "2020-01-02"), doc("b.md", null), doc("c.md", "2020-01-03"), doc("d.md", null)];
    const text = textReport(analysisOf(docs, [family(1, "o.md", [["o.md", "a.md"], ["o.md", "b.md"], ["a.md", "c.md"], ["c.md", "d.md"]])]), { color: plain });
    const tree = text.split("\n").filter((l) => /\.md {2}/.test(l) && !l.includes("↔"));
    expect(tree.map((l) => l.replace(/ {2}(identical|origin).*$/, ""))).toEqual([
      "  o.md  2020-01-01",
      "  ├─ a.md  2020-01-02",
      "  │  └─ c.md  2020-01-03",
      "  │     └─ d.md  undated",
      "  └─ b.md  undated",
    ]);
  });

  it("draws a chain of 3,000 copies of copies (no recursion to overflow the stack)", () => {
    const paths = Array.from({ length: 3001 }, (_, i) => `c${i}.md`);
    const chain = paths.slice(1).map((p, i) => [paths[i]!, p] as const);
    const text = textReport(analysisOf(paths.map((p) => doc(p, null)), [family(1, paths[0]!, chain)]), { color: plain });
    const deepest = text.split("\n").find((l) => l.includes("└─ c3000.md "));
    expect(deepest?.indexOf("└─")).toBe(2 + 3 * 2999);
  });

  it("names each document's date in every family of many", () => {
    // 2,000 families of two: each tree line carries its own document's date.
    const docs: ReportDocument[] = [];
    const families: ReportFamily[] = [];
    for (let f = 0; f < 2000; f++) {
      docs.push(doc(`f${f}/a.md`, `2020-01-${String(1 + (f % 28)).padStart(2, "0")}`), doc(`f${f}/b.md`, null));
      families.push(family(f + 1, `f${f}/a.md`, [[`f${f}/a.md`, `f${f}/b.md`]]));
    }
    const lines = textReport(analysisOf(docs, families), { color: plain }).split("\n");
    expect(lines.filter((l) => /^ {2}f\d+\/a\.md {2}2020-01-\d\d {2}origin/.test(l))).toHaveLength(2000);
    expect(lines).toContain("  f1999/a.md  2020-01-12  origin (confidence 0.90)");
  });
});
