/**
 * `--format jsonl`: every line is one JSON object `{ type, data }` of a known
 * type; `begin` first, `summary` last; the lines carry the same documents,
 * pairs and families as `--format json`, and for check the findings and the
 * verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSONL_TYPES, jsonlChunks } from "../../src/report/jsonl.js";
import type { CiReportInput } from "../../src/report/ci-input.js";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";

interface Message {
  type: string;
  data: any;
}

function parseLines(stdout: string): Message[] {
  expect(stdout.endsWith("\n")).toBe(true);
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const m = JSON.parse(line) as Message;
      expect(Object.keys(m).sort()).toEqual(["data", "type"]);
      expect(JSONL_TYPES).toContain(m.type);
      return m;
    });
}

let dir: string;

beforeAll(() => {
  dir = makeNewsroom({ "newsroom/news/schools-again.md": newArticle(), "newsroom/broken.txt": "\u0000\u0001binary" });
});

afterAll(() => removeNewsroom(dir));

describe("scan --format jsonl", () => {
  it("begin first, summary last, the report's records in between", async () => {
    const r = await runCli(["scan", "newsroom", "--format", "jsonl"], { cwd: dir });
    expect(r.code).toBe(0);
    const messages = parseLines(r.stdout);
    expect(messages[0]!.type).toBe("begin");
    expect(messages[0]!.data).toMatchObject({ tool: "statdup", schemaVersion: 1, command: "scan" });
    expect(typeof messages[0]!.data.version).toBe("string");
    expect(messages[0]!.data.settings).toHaveProperty("shingleSize");
    expect(messages.at(-1)!.type).toBe("summary");
    expect(messages.filter((m) => m.type === "summary")).toHaveLength(1);

    const json = JSON.parse((await runCli(["scan", "newsroom", "--format", "json"], { cwd: dir })).stdout);
    const of = (type: string) => messages.filter((m) => m.type === type).map((m) => m.data);
    expect(of("document")).toEqual(json.documents);
    expect(of("pair")).toEqual(json.pairs);
    expect(of("family")).toEqual(json.families);
    expect(of("error")).toEqual(json.errors);
    expect(of("error").map((e) => e.path)).toEqual(["broken.txt"]);
    expect({ ...messages.at(-1)!.data, elapsedMs: 0 }).toEqual({ ...json.summary, elapsedMs: 0 });
  });
});

describe("check --format jsonl", () => {
  it("adds a finding per failing pair and the verdict in the summary", async () => {
    const r = await runCli(["check", "newsroom", "--format", "jsonl", "--changed", "newsroom/news/schools-again.md"], { cwd: dir });
    expect(r.code).toBe(1);
    const messages = parseLines(r.stdout);
    const findings = messages.filter((m) => m.type === "finding").map((m) => m.data);
    expect(findings.map((f) => [f.copy, f.original])).toEqual([["news/schools-again.md", "archive/2022-editorial.md"]]);
    expect(findings[0].passages).toHaveLength(4);
    expect(messages.filter((m) => m.type === "pair")).toHaveLength(1);
    const summary = messages.at(-1)!;
    expect(summary.type).toBe("summary");
    expect(summary.data.check).toMatchObject({ passed: false, changed: ["news/schools-again.md"], counts: { pairs: 1, findings: 1, passages: 4 } });
    expect(summary.data.check).not.toHaveProperty("findings");
  });
});

describe("jsonl chunks", () => {
  it("a large report comes in several chunks of whole lines, none of them the whole text", () => {
    const documents = Array.from({ length: 20000 }, (_, i) => ({ path: `site/${i}.txt`, title: "t".repeat(60), words: i }));
    const report = { tool: { name: "statdup", version: "0" }, schemaVersion: "1", settings: {}, summary: { documents: documents.length }, documents, errors: [], pairs: [], families: [] };
    const input = { command: "scan", report, findings: [], check: undefined, filePath: (p: string) => p } as unknown as CiReportInput;
    const chunks = [...jsonlChunks(input)];
    const text = chunks.join("");
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as { type: string });
    expect(lines.length).toBe(documents.length + 2);
    expect(lines[0]!.type).toBe("begin");
    expect(lines.at(-1)!.type).toBe("summary");
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.endsWith("\n")).toBe(true);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(text.length / 2);
  });
});
