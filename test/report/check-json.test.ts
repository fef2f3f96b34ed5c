/**
 * `statdup check --format json`: the report contract (docs/statdup-report.schema.json)
 * plus its `check` part, valid against the schema; under --changed the scoped
 * report keeps the contract's cross-references (families 1…n, pair.family,
 * family.pairs, summary counts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check/check-model.js";
import type { ScanReport } from "../../src/report/report-model.js";
import { ROOT } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";

type CheckReport = ScanReport & { check: CheckResult };

let validate: ValidateFunction;
let dir: string;

beforeAll(() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "docs", "statdup-report.schema.json"), "utf8")) as object);
  dir = makeNewsroom({ "newsroom/news/schools-again.md": newArticle() });
});

afterAll(() => removeNewsroom(dir));

async function checkJson(...args: string[]): Promise<{ code: number; report: CheckReport }> {
  const r = await runCli(["check", "newsroom", "--format", "json", ...args], { cwd: dir });
  return { code: r.code, report: JSON.parse(r.stdout) as CheckReport };
}

function expectValid(data: unknown): void {
  const ok = validate(data);
  if (!ok) console.error(validate.errors);
  expect(ok).toBe(true);
}

describe("check --format json", () => {
  it("is the report plus `check`, valid against the schema", async () => {
    const { code, report } = await checkJson();
    expect(code).toBe(1);
    expectValid(report);
    expect(report.check.passed).toBe(false);
    expect(report.check.findings).toHaveLength(2);
    expect(report.check.counts).toMatchObject({ pairs: 2, findings: 2, withinLimits: 0, allowed: 0, baselined: 0 });
  });

  it("the schema rejects a broken `check`", async () => {
    const { report } = await checkJson();
    const broken = structuredClone(report) as any;
    broken.check.findings[0].passages[0].fingerprint = "xyz";
    expect(validate(broken)).toBe(false);
  });

  it("under --changed, keeps the contract's cross-references", async () => {
    const { code, report } = await checkJson("--changed", "newsroom/news/schools-again.md", "--max-coverage", "0.5");
    expect(code).toBe(1);
    expectValid(report);
    expect(report.pairs.map((p) => [p.a, p.b])).toEqual([["archive/2022-editorial.md", "news/schools-again.md"]]);
    expect(report.families.map((f) => f.id)).toEqual([1]);
    expect(report.pairs[0]!.family).toBe(1);
    expect(report.families[0]!.pairs).toBe(1);
    expect(report.summary).toMatchObject({ pairs: 1, families: 1, documents: report.documents.length });
    expect(report.check.policy).toEqual({ maxSimilarity: null, maxCoverage: 0.5, allow: [], allowFamily: [], baseline: null });
  });

  it("a passing check", async () => {
    const { code, report } = await checkJson("--max-similarity", "0.99");
    expect(code).toBe(0);
    expectValid(report);
    expect(report.check).toMatchObject({ passed: true, findings: [], counts: { withinLimits: 2 } });
  });
});
