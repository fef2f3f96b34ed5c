/**
 * `--format sarif` against the official SARIF 2.1.0 JSON schema (draft-04:
 * ajv-draft-04), for `scan` and `check`, on the newsroom fixture plus a new
 * copied article and a JSON Lines feed; and what code scanning relies on:
 * relative URIs under %SRCROOT%, one result per passage, related locations.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import AjvDraft04Module from "ajv-draft-04";
import type { ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";
import type { Finding } from "../../src/check/check-model.js";
import type { ScanReport } from "../../src/report/report-model.js";
import { sarifChunks } from "../../src/report/sarif.js";

const AjvDraft04 = AjvDraft04Module.default;

let validate: ValidateFunction;
let dir: string;

function isUri(s: string): boolean {
  try {
    return new URL(s).protocol.length > 0;
  } catch {
    return false;
  }
}

beforeAll(() => {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  ajv.addFormat("uri", isUri);
  ajv.addFormat("uri-reference", (s: string) => {
    try {
      new URL(s, "file:///base/");
      return !/\s/.test(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, "fixtures", "sarif-schema-2.1.0.json"), "utf8")) as object);
  const profile = readFileSync(path.join(ROOT, "fixtures", "check", "newsroom", "archive", "2023-profile.md"), "utf8").split("\n\n");
  dir = makeNewsroom({
    "newsroom/news/schools again, part 2.md": newArticle(),
    "newsroom/feeds/wire.jsonl": JSON.stringify({ id: "w1", text: profile.slice(1, 4).join("\n\n") }) + "\n",
  });
});

afterAll(() => removeNewsroom(dir));

function expectValid(log: unknown): void {
  const ok = validate(log);
  if (!ok) console.error(validate.errors);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; endLine: number } };
}
interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations: SarifLocation[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string }[] } }; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }[];
}

async function sarif(...args: string[]): Promise<{ code: number; log: SarifLog }> {
  const r = await runCli([...args, "--format", "sarif"], { cwd: dir });
  return { code: r.code, log: JSON.parse(r.stdout) as SarifLog };
}

describe("check --format sarif", () => {
  let log: SarifLog;
  let code: number;

  beforeAll(async () => {
    ({ code, log } = await sarif("check", "newsroom"));
  });

  it("is valid against the official SARIF 2.1.0 schema", () => {
    expect(code).toBe(1);
    expectValid(log);
  });

  it("has one result per duplicated passage, errors of the one rule", async () => {
    const json = JSON.parse((await runCli(["check", "newsroom", "--format", "json"], { cwd: dir })).stdout) as {
      check: { findings: { passages: unknown[] }[] };
    };
    const passages = json.check.findings.reduce((n, f) => n + f.passages.length, 0);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(passages);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(["statdup/republished-text"]);
    for (const r of run.results) expect(r).toMatchObject({ ruleId: "statdup/republished-text", level: "error" });
  });

  it("locates the copy and relates the original, with relative URIs under %SRCROOT%", () => {
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds["%SRCROOT%"]!.uri).toMatch(/^file:\/\/.*\/$/);
    const copy = run.results.find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === "newsroom/news/schools%20again%2C%20part%202.md");
    expect(copy).toBeDefined();
    expect(copy!.locations[0]!.physicalLocation.region.startLine).toBe(5);
    expect(copy!.relatedLocations[0]).toMatchObject({ id: 1, physicalLocation: { artifactLocation: { uri: "newsroom/archive/2022-editorial.md", uriBaseId: "%SRCROOT%" } } });
    expect(copy!.message.text).toContain("[newsroom/archive/2022-editorial.md](1)");
    for (const r of run.results) {
      for (const l of [...r.locations, ...r.relatedLocations]) {
        expect(l.physicalLocation.artifactLocation.uri).not.toMatch(/^\/|^file:|#/);
        expect(l.physicalLocation.region.endLine).toBeGreaterThanOrEqual(l.physicalLocation.region.startLine);
      }
      expect(r.partialFingerprints["statdupPassage/v1"]).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it("addresses a JSON Lines record by its file", () => {
    const wire = log.runs[0]!.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === "newsroom/feeds/wire.jsonl");
    expect(wire.length).toBeGreaterThan(0);
    expect(wire[0]!.message.text).toContain("record #w1");
  });

  it("is valid with no results when the check passes", async () => {
    const passed = await sarif("check", "newsroom/archive");
    expect(passed.code).toBe(0);
    expect(passed.log.runs[0]!.results).toEqual([]);
    expectValid(passed.log);
  });

  it("the schema is not trivially satisfied: it rejects broken copies", () => {
    const broken = [
      (l: any) => (l.version = "2.0.0"),
      (l: any) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
      (l: any) => (l.runs[0].results[0].level = "fatal"),
      (l: any) => delete l.runs[0].tool.driver.name,
    ];
    for (const mutate of broken) {
      const copy = structuredClone(log) as any;
      mutate(copy);
      expect(validate(copy)).toBe(false);
    }
  });
});

describe("scan --format sarif", () => {
  it("is valid, with warnings for every reported pair's passages", async () => {
    const { code, log } = await sarif("scan", "newsroom");
    expect(code).toBe(0);
    expectValid(log);
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(["warning"]));
  });

  it("on the seeds too", async () => {
    const r = await runCli(["scan", "fixtures/seeds", "--format", "sarif"], { cwd: ROOT });
    expect(r.code).toBe(0);
    expectValid(JSON.parse(r.stdout));
  });
});

describe("a large SARIF log", () => {
  // 130,000 pairs of one-paragraph records made a log past the longest string V8
  // can make (512 MB): it is written a piece at a time, each piece small.
  it("comes in pieces of about 64 KB that make the pretty-printed log, every passage a result", () => {
    const passage = (i: number) => ({
      copy: { path: `copies/c${i}.md`, paragraph: 1, line: 3, endLine: 4 },
      original: { path: "archive/a.md", paragraph: 2, line: 5, endLine: 5 },
      similarity: 1,
      kind: "exact" as const,
      fingerprint: (i * 2654435761).toString(16).padStart(16, "0").slice(-16),
      excerpt: "The jury said…",
    });
    const findings: Finding[] = Array.from({ length: 2000 }, (_, i) => ({
      copy: `copies/c${i}.md`,
      original: "archive/a.md",
      a: "archive/a.md",
      b: `copies/c${i}.md`,
      similarity: 0.9,
      coverage: { a: 0.5, b: 0.9 },
      kind: "near-duplicate",
      family: 1,
      reasons: [],
      passages: [passage(i), passage(i + 1)],
      baselinedPassages: 0,
    }));
    const report = { summary: { documents: 2001, pairs: 2000 } } as unknown as ScanReport;
    const chunks = [...sarifChunks({ command: "scan", report, findings, filePath: (p) => p }, ROOT)];
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.length).toBeLessThan(70_000);
    const text = chunks.join("");
    const log = JSON.parse(text) as SarifLog;
    // Compared as a yes or no: a failing diff of two 2 MB texts takes vitest minutes.
    expect(text === JSON.stringify(log, null, 2) + "\n").toBe(true);
    expectValid(log);
    expect(log.runs[0]!.results).toHaveLength(4000);
    expect(log.runs[0]!.results[3999]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("copies/c1999.md");
    // And with no finding, an empty list, as JSON.stringify writes it.
    const empty = [...sarifChunks({ command: "scan", report, findings: [], filePath: (p) => p }, ROOT)].join("");
    expect(empty).toBe(JSON.stringify(JSON.parse(empty), null, 2) + "\n");
    expect(empty).toContain('"results": [],');
  });
});
