/**
 * The check policy on hand-made reports: "fails when value > max" at its
 * boundary, allow rules, the baseline's per-passage acceptance, the direction
 * of a finding, the scoped report, and the passage fingerprint's invariances.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Baseline } from "../../src/check/baseline.js";
import type { Policy } from "../../src/check/check-model.js";
import { documentPaths } from "../../src/check/document-paths.js";
import { copySide, PassageFingerprints, passageFingerprint, type ParagraphSource } from "../../src/check/findings.js";
import { evaluatePolicy, overLimits } from "../../src/check/policy.js";
import { scopeReport } from "../../src/check/scope.js";
import type { ReportFamily, ReportPair, ScanReport } from "../../src/report/report-model.js";

const CWD = "/work/corpus";
const paths = documentPaths(["/work/corpus"], CWD);

function pair(a: string, b: string, similarity: number, coverage: [number, number], family: number, matches = 2): ReportPair {
  return {
    a,
    b,
    similarity,
    coverage: { a: coverage[0], b: coverage[1] },
    kind: "shared-passage",
    family,
    matches: Array.from({ length: matches }, (_, i) => ({
      a: { paragraph: i, line: 1 + 2 * i, endLine: 1 + 2 * i },
      b: { paragraph: i + 1, line: 3 + 2 * i, endLine: 3 + 2 * i },
      similarity: 1,
      containment: 1,
      kind: "exact" as const,
    })),
  };
}

function family(id: number, documents: string[], edges: [string, string][] = []): ReportFamily {
  return {
    id,
    title: null,
    documents,
    origin: edges[0]?.[0] ?? documents[0]!,
    originEvidence: [],
    confidence: 0.5,
    determined: false,
    edges: edges.map(([from, to]) => ({
      from,
      to,
      confidence: 0.5,
      evidence: [],
      changes: { paragraphsDropped: 0, paragraphsAdded: 0, boilerplateAdded: 0, wordsRemoved: 0, wordsAdded: 0, replaced: [] },
    })),
    pairs: 0,
  } as ReportFamily;
}

function report(pairs: ReportPair[], families: ReportFamily[]): ScanReport {
  const docs = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();
  return {
    schemaVersion: 1,
    tool: { name: "statdup", version: "test" },
    settings: {},
    summary: {
      documents: docs.length,
      paragraphs: 0,
      boilerplateParagraphs: 0,
      pairs: pairs.length,
      families: families.length,
      errors: 0,
      files: docs.length,
      candidatePairs: 0,
      verifiedPairs: 0,
      elapsedMs: 0,
    },
    documents: docs.map((path) => ({
      path,
      title: null,
      date: null,
      dateSource: null,
      site: null,
      url: null,
      paragraphs: 4,
      words: 100,
      boilerplateParagraphs: 0,
      sha256: "0".repeat(64),
    })),
    pairs,
    families: families.map((f) => ({ ...f, pairs: pairs.filter((p) => p.family === f.id).length })),
    errors: [],
  } as ScanReport;
}

/** Paragraph i of every document reads "paragraph i of the shared text …". */
const texts: ParagraphSource = { paragraphText: (_path, i) => `Paragraph ${i} of the shared text, long enough to be a passage.` };

function check(r: ScanReport, policy: Policy, baseline?: Baseline) {
  return evaluatePolicy(r, texts, { policy, baseline, paths, cwd: CWD });
}

describe("limits: fails when value > max", () => {
  const p = pair("a.md", "b.md", 0.42, [0.6, 0.3], 1);

  it("with no limits, any reported pair fails", () => {
    expect(overLimits(p, {})).toHaveLength(1);
  });

  it.each([
    ["similarity equal to the limit passes", { maxSimilarity: 0.42 }, false],
    ["similarity just above the limit fails", { maxSimilarity: 0.4199 }, true],
    ["coverage equal to the limit passes", { maxCoverage: 0.6 }, false],
    ["coverage of a just above the limit fails", { maxCoverage: 0.5999 }, true],
    ["coverage of b alone above the limit fails", { maxCoverage: 0.29 }, true],
    ["both limits, neither breached, passes", { maxSimilarity: 0.5, maxCoverage: 0.6 }, false],
    ["both limits, one breached, fails", { maxSimilarity: 0.5, maxCoverage: 0.5 }, true],
    ["a limit of 1 never fails", { maxSimilarity: 1, maxCoverage: 1 }, false],
  ] as const)("%s", (_name, policy, fails) => {
    expect(overLimits(p, policy).length > 0).toBe(fails);
  });

  it("is exactly value > max for any similarity and limit (property)", () => {
    const share = fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000);
    fc.assert(
      fc.property(share, share, share, (s, cov, max) => {
        const q = pair("a.md", "b.md", s, [cov, 0], 1);
        expect(overLimits(q, { maxSimilarity: max }).length > 0).toBe(s > max);
        expect(overLimits(q, { maxCoverage: max }).length > 0).toBe(cov > max);
      }),
    );
  });

  it("says why in the words of the option", () => {
    expect(overLimits(p, { maxSimilarity: 0.4 })).toEqual(["similarity 0.42 > 0.4 (--max-similarity)"]);
    expect(overLimits(p, { maxCoverage: 0.5 })).toEqual(["coverage of a.md 0.6 > 0.5 (--max-coverage)"]);
  });

  it("is a result, not a throw", () => {
    const r = check(report([p], [family(1, ["a.md", "b.md"])]), {});
    expect(r.passed).toBe(false);
    expect(r.counts).toMatchObject({ pairs: 1, findings: 1, passages: 2, withinLimits: 0 });
  });
});

describe("allow rules", () => {
  const r = report(
    [pair("archive/a.md", "news/b.md", 0.9, [0.9, 0.9], 1), pair("news/b.md", "news/c.md", 0.9, [0.9, 0.9], 1), pair("x/d.md", "x/e.md", 0.9, [0.9, 0.9], 2)],
    [family(1, ["archive/a.md", "news/b.md", "news/c.md"], [["archive/a.md", "news/b.md"], ["news/b.md", "news/c.md"]]), family(2, ["x/d.md", "x/e.md"])],
  );

  it("--allow: a pair with either document matching passes", () => {
    const result = check(r, { allow: ["archive/**"] });
    expect(result.counts).toMatchObject({ allowed: 1, findings: 2 });
    expect(result.findings.map((f) => [f.a, f.b])).toEqual([
      ["news/b.md", "news/c.md"],
      ["x/d.md", "x/e.md"],
    ]);
  });

  it("--allow-family: every pair of a family with a matching document passes, copies of copies too", () => {
    const result = check(r, { allowFamily: ["archive/**"] });
    expect(result.counts).toMatchObject({ allowed: 2, findings: 1 });
    expect(result.findings[0]).toMatchObject({ a: "x/d.md", b: "x/e.md" });
  });

  it("globs also match the path relative to the working directory", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "statdup-policy-"));
    try {
      mkdirSync(path.join(root, "content"));
      const other = documentPaths(["content"], root);
      const result = evaluatePolicy(r, texts, { policy: { allow: ["content/archive/*.md"] }, paths: other, cwd: root });
      expect(result.counts.allowed).toBe(1);
      expect(evaluatePolicy(r, texts, { policy: { allow: ["elsewhere/archive/*.md"] }, paths: other, cwd: root }).counts.allowed).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the baseline", () => {
  const p = pair("a.md", "b.md", 0.9, [0.9, 0.9], 1, 3);
  const r = report([p], [family(1, ["a.md", "b.md"], [["a.md", "b.md"]])]);
  const all = check(r, {}).findings[0]!.passages.map((x) => x.fingerprint);
  const baselineOf = (accepted: string[]): Baseline => ({
    name: "baseline.json",
    accepts: (x, y, { fingerprint }) => [x, y].sort().join() === "a.md,b.md" && accepted.includes(fingerprint),
  });

  it("accepts a pair whose every passage it records", () => {
    const result = check(r, {}, baselineOf(all));
    expect(result.passed).toBe(true);
    expect(result.counts).toMatchObject({ baselined: 1, findings: 0 });
    expect(result.policy.baseline).toBe("baseline.json");
  });

  it("fails a recorded pair with a new passage, listing only the new one", () => {
    const result = check(r, {}, baselineOf(all.slice(1)));
    expect(result.passed).toBe(false);
    expect(result.findings[0]!.passages.map((x) => x.fingerprint)).toEqual([all[0]]);
    expect(result.findings[0]!.baselinedPassages).toBe(2);
  });
});

describe("direction: which side is the copy", () => {
  const p = pair("a.md", "b.md", 0.9, [0.9, 0.9], 1);

  it("the changed document when exactly one is changed", () => {
    expect(copySide(p, family(1, ["a.md", "b.md"], [["b.md", "a.md"]]), new Set(["b.md"]))).toBe("b.md");
  });

  it("else the child of the edge between them", () => {
    expect(copySide(p, family(1, ["a.md", "b.md"], [["b.md", "a.md"]]))).toBe("a.md");
    expect(copySide(p, family(1, ["a.md", "b.md"], [["a.md", "b.md"]]))).toBe("b.md");
  });

  it("else the one further from the origin", () => {
    const f = family(1, ["a.md", "b.md", "o.md"], [["o.md", "b.md"], ["b.md", "x.md"], ["o.md", "a.md"], ["a.md", "y.md"], ["y.md", "z.md"]]);
    expect(copySide(pair("b.md", "z.md", 0.5, [0.5, 0.5], 1), { ...f, documents: ["b.md", "z.md", "o.md", "a.md", "y.md", "x.md"] })).toBe("z.md");
    // Depths found from the origin down as well as from a leaf up.
    const down = { ...f, documents: ["o.md", "a.md", "y.md", "b.md", "x.md", "z.md"] };
    expect(copySide(pair("z.md", "x.md", 0.5, [0.5, 0.5], 1), down)).toBe("z.md");
    expect(copySide(pair("y.md", "x.md", 0.5, [0.5, 0.5], 1), down)).toBe("x.md");
  });
});

describe("the scoped report (--changed)", () => {
  const r = report(
    [pair("old1.md", "old2.md", 0.9, [0.9, 0.9], 1), pair("new.md", "old3.md", 0.8, [0.9, 0.9], 2), pair("new.md", "old4.md", 0.7, [0.9, 0.9], 3)],
    [family(1, ["old1.md", "old2.md"]), family(2, ["new.md", "old3.md"]), family(3, ["new.md", "old4.md"])],
  );

  it("keeps only pairs with a changed document, families renumbered and consistent", () => {
    const scoped = scopeReport(r, new Set(["new.md"]));
    expect(scoped.pairs.map((p) => [p.a, p.b, p.family])).toEqual([
      ["new.md", "old3.md", 1],
      ["new.md", "old4.md", 2],
    ]);
    expect(scoped.families.map((f) => [f.id, f.documents, f.pairs])).toEqual([
      [1, ["new.md", "old3.md"], 1],
      [2, ["new.md", "old4.md"], 1],
    ]);
    expect(scoped.summary).toMatchObject({ pairs: 2, families: 2 });
    expect(scoped.documents).toHaveLength(r.documents.length);
  });

  it("is the report itself when nothing limits the scope", () => {
    expect(scopeReport(r, undefined)).toBe(r);
  });
});

describe("passage fingerprints", () => {
  const text = "The jury said it did find that many of Georgia's registration and election laws are outmoded.";

  it("ignore what a reader would not see: case, quotes, dashes, whitespace, rewrapping", () => {
    const fp = passageFingerprint(text, text);
    expect(passageFingerprint(text.toUpperCase(), text)).toBe(fp);
    expect(passageFingerprint(text.replace("Georgia's", "Georgia\u2019s"), text)).toBe(fp);
    expect(passageFingerprint(text.replace(/ /g, "\n  "), text)).toBe(fp);
  });

  it("do not depend on the order of the sides", () => {
    expect(passageFingerprint(text, "Other text.")).toBe(passageFingerprint("Other text.", text));
  });

  it("change when the words change", () => {
    expect(passageFingerprint(text.replace("many", "most"), text)).not.toBe(passageFingerprint(text, text));
  });

  it("are 16 hex digits", () => {
    expect(passageFingerprint(text, text)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("remembered (texts met again and again, memory let go at any budget) are the same as made afresh", () => {
    // A few texts and their case and spacing variants, met in pairs many times over.
    const pool = ["The jury said it.", "the  JURY said it.", "Other text.", "Other text, longer now.", "", text];
    const side = fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]!);
    fc.assert(
      fc.property(fc.array(fc.tuple(side, side), { maxLength: 40 }), fc.integer({ min: 0, max: 200 }), (passages, budget) => {
        const remembered = new PassageFingerprints(budget);
        for (const [a, b] of passages) expect(remembered.of(a, b)).toBe(passageFingerprint(a, b));
      }),
    );
  });
});
