/**
 * The JSON report against its public contract: docs/statdup-report.schema.json
 * and DESIGN.md "Output contract" (determinism, order, the `path` rule), on the
 * real library and the real seeds.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan, type ScanReport } from "../../src/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SEEDS_REL = "fixtures/seeds";
const SEEDS = path.join(ROOT, ...SEEDS_REL.split("/"));
const SCHEMA_PATH = path.join(ROOT, "docs", "statdup-report.schema.json");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as JsonObject;

function seedName(prefix: string): string {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return name;
}

/** What a consumer of `--format json` sees: the report after a JSON round trip. */
function asJson(report: ScanReport): JsonObject {
  return JSON.parse(JSON.stringify(report)) as JsonObject;
}

/** Code-unit order, the order DESIGN.md and the library use. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

let validate: ValidateFunction;
let ajv: Ajv2020;

function check(data: unknown): { valid: boolean; text: string } {
  const valid = validate(data) === true;
  return { valid, text: valid ? "" : ajv.errorsText(validate.errors, { separator: "\n" }) };
}

function expectValid(data: unknown): void {
  const { valid, text } = check(data);
  if (!valid) console.error(`schema errors:\n${text}`);
  expect(text).toBe("");
  expect(valid).toBe(true);
}

beforeAll(() => {
  ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  validate = ajv.compile(schema);
});

describe("docs/statdup-report.schema.json", () => {
  it("is the documented v1 schema", () => {
    expect(schema["$id"]).toBe("https://statdup.dev/schema/report-v1.json");
    expect((schema["properties"] as JsonObject)["schemaVersion"]).toMatchObject({ const: 1 });
  });

  it("describes every property and never forbids additional ones", () => {
    const undocumented: string[] = [];
    const closed: string[] = [];
    const walk = (node: Json, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== "object") return;
      if ("additionalProperties" in node && node["additionalProperties"] === false) closed.push(where);
      if ("unevaluatedProperties" in node && node["unevaluatedProperties"] === false) closed.push(where);
      const props = node["properties"];
      if (props && typeof props === "object" && !Array.isArray(props)) {
        for (const [name, sub] of Object.entries(props)) {
          const ok = sub !== null && typeof sub === "object" && !Array.isArray(sub) && typeof sub["description"] === "string" && sub["description"].length > 0;
          if (!ok) undocumented.push(`${where}/properties/${name}`);
        }
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${where}/${key}`);
    };
    walk(schema, "#");
    expect(undocumented).toEqual([]);
    expect(closed).toEqual([]);
  });
});

describe("the report of the seeds", () => {
  let report: ScanReport;
  let json: JsonObject;

  beforeAll(async () => {
    report = await scan({ inputs: [SEEDS_REL], cwd: ROOT });
    json = asJson(report);
  });

  it("is valid against the schema", () => {
    expectValid(json);
  });

  it("is not trivially valid: it has documents, pairs and families", () => {
    expect(report.documents.length).toBeGreaterThanOrEqual(5);
    expect(report.pairs.length).toBeGreaterThan(0);
    expect(report.families.length).toBeGreaterThan(0);
    expect(report.pairs.some((p) => p.matches.length > 0)).toBe(true);
  });

  describe("the schema rejects a broken copy", () => {
    type Mutation = (r: any) => void;
    const mutations: Record<string, Mutation> = {
      "summary.pairs removed": (r) => delete r.summary.pairs,
      "similarity 1.5": (r) => (r.pairs[0].similarity = 1.5),
      "negative coverage": (r) => (r.pairs[0].coverage.b = -0.1),
      "schemaVersion 2": (r) => (r.schemaVersion = 2),
      "tool.name changed": (r) => (r.tool.name = "other"),
      "unknown pair kind": (r) => (r.pairs[0].kind = "similar"),
      "unknown match kind": (r) => (r.pairs[0].matches[0].kind = "fuzzy"),
      "match containment 2": (r) => (r.pairs[0].matches[0].containment = 2),
      "match line 0": (r) => (r.pairs[0].matches[0].a.line = 0),
      "date not ISO": (r) => (r.documents[0].date = "22/11/2026"),
      "unknown dateSource": (r) => (r.documents[0].dateSource = "guess"),
      "path a number": (r) => (r.documents[0].path = 0),
      "sha256 not hex": (r) => (r.documents[0].sha256 = "xyz"),
      "documents removed": (r) => delete r.documents,
      "origin null": (r) => (r.families[0].origin = null),
      "confidence above 1": (r) => (r.families[0].confidence = 1.01),
      "edge evidence not an array": (r) => (r.families[0].edges = [{ from: "a", to: "b", confidence: 0.5, evidence: {} }]),
      "evidence without a type": (r) => (r.families[0].edges = [{ from: "a", to: "b", confidence: 0.5, evidence: [{ weight: 1 }] }]),
      "error with unknown severity": (r) => (r.errors = [{ path: "x.txt", code: "binary", message: "m", severity: "fatal" }]),
      "error without a code": (r) => (r.errors = [{ path: "x.txt", message: "m", severity: "error" }]),
    };
    for (const [name, mutate] of Object.entries(mutations)) {
      it(name, () => {
        const copy = structuredClone(json);
        mutate(copy);
        const { valid, text } = check(copy);
        expect(valid).toBe(false);
        expect(text).not.toBe("");
      });
    }

    it("but accepts added fields (the contract allows them)", () => {
      const copy = structuredClone(json) as any;
      copy.extra = true;
      copy.summary.extra = 1;
      copy.documents[0].extra = "x";
      copy.pairs[0].matches[0].a.extra = [];
      copy.families[0].extra = {};
      expectValid(copy);
    });
  });

  it("is deterministic: byte-identical JSON apart from elapsedMs", async () => {
    const again = await scan({ inputs: [SEEDS_REL], cwd: ROOT });
    const text = (r: ScanReport): string => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } }, null, 2);
    expect(text(again)).toBe(text(report));
  });

  it("orders documents by path", () => {
    const paths = report.documents.map((d) => d.path);
    expect(paths).toEqual([...paths].sort(compare));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("orders pairs by similarity descending, then by paths", () => {
    const keys = report.pairs.map((p) => ({ similarity: p.similarity, a: p.a, b: p.b }));
    const sorted = [...keys].sort((x, y) => y.similarity - x.similarity || compare(x.a, y.a) || compare(x.b, y.b));
    expect(keys).toEqual(sorted);
  });

  it("keeps its cross-references consistent", () => {
    const docs = new Set(report.documents.map((d) => d.path));
    const familyIds = report.families.map((f) => f.id);
    expect(familyIds).toEqual(report.families.map((_, i) => i + 1));
    for (const p of report.pairs) {
      expect(docs.has(p.a) && docs.has(p.b)).toBe(true);
      expect(familyIds).toContain(p.family);
      const family = report.families[p.family - 1]!;
      expect(family.documents).toContain(p.a);
      expect(family.documents).toContain(p.b);
    }
    for (const f of report.families) {
      for (const d of f.documents) expect(docs.has(d)).toBe(true);
      expect(f.documents).toContain(f.origin);
      expect(f.edges).toHaveLength(f.documents.length - 1);
      for (const e of f.edges) {
        expect(f.documents).toContain(e.from);
        expect(f.documents).toContain(e.to);
      }
      expect(f.pairs).toBe(report.pairs.filter((p) => p.family === f.id).length);
    }
    const s = report.summary;
    expect(s.documents).toBe(report.documents.length);
    expect(s.pairs).toBe(report.pairs.length);
    expect(s.families).toBe(report.families.length);
    expect(s.errors).toBe(report.errors.length);
    expect(s.paragraphs).toBe(report.documents.reduce((n, d) => n + d.paragraphs, 0));
    expect(s.boilerplateParagraphs).toBe(report.documents.reduce((n, d) => n + d.boilerplateParagraphs, 0));
  });

  it("gives paths relative to the one folder argument", () => {
    const names = readdirSync(SEEDS).filter((n) => /\.(txt|md|markdown)$/.test(n)).sort(compare);
    expect(report.documents.map((d) => d.path)).toEqual(names);
  });
});

describe("the path rule", () => {
  it("with two inputs, paths are relative to the working directory, with / separators", async () => {
    const first = seedName("000");
    const third = seedName("002");
    const report = await scan({ inputs: [`${SEEDS_REL}/${third}`, `${SEEDS_REL}/${first}`], cwd: ROOT });
    expectValid(asJson(report));
    expect(report.documents.map((d) => d.path)).toEqual([`${SEEDS_REL}/${first}`, `${SEEDS_REL}/${third}`]);
    for (const p of report.pairs) {
      expect(p.a.startsWith(`${SEEDS_REL}/`)).toBe(true);
      expect(p.b.startsWith(`${SEEDS_REL}/`)).toBe(true);
    }
  });

  describe("in a nested folder with unreadable and odd files", () => {
    let dir: string;
    let report: ScanReport;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), "statdup-schema-"));
      const tree = path.join(dir, "tree");
      mkdirSync(path.join(tree, "a", "b"), { recursive: true });
      mkdirSync(path.join(tree, "c"), { recursive: true });
      copyFileSync(path.join(SEEDS, seedName("000")), path.join(tree, "a", "b", "copy.txt"));
      copyFileSync(path.join(SEEDS, seedName("002")), path.join(tree, "c", "original.md"));
      copyFileSync(path.join(SEEDS, seedName("003")), path.join(tree, "top.txt"));
      writeFileSync(path.join(tree, "a", "binary.txt"), Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02]));
      writeFileSync(path.join(tree, "a", "empty.txt"), "");
      writeFileSync(path.join(tree, "c", "latin1.txt"), Buffer.from("Caf\xe9 cr\xe8me, na\xefve fa\xe7ade.\n", "latin1"));
      // From the parent, so that the single folder argument is not the working directory.
      report = await scan({ inputs: ["tree"], cwd: dir });
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("is valid against the schema, errors included", () => {
      expectValid(asJson(report));
      expect(report.errors.length).toBeGreaterThan(0);
      expect(report.errors.map((e) => e.path)).toContain("a/binary.txt");
    });

    it("paths are relative to the folder, with / separators, sorted", () => {
      const paths = report.documents.map((d) => d.path);
      expect(paths).toContain("a/b/copy.txt");
      expect(paths).toContain("c/original.md");
      expect(paths).toContain("top.txt");
      for (const p of [...paths, ...report.errors.map((e) => e.path)]) {
        expect(p).not.toContain("\\");
        expect(p.startsWith("tree/")).toBe(false);
        expect(path.isAbsolute(p)).toBe(false);
      }
      expect(paths).toEqual([...paths].sort(compare));
      const errorKeys = report.errors.map((e) => `${e.path}\u0000${e.code}`);
      expect(errorKeys).toEqual([...errorKeys].sort(compare));
    });

    it("finds the copied seed pair under its new paths", () => {
      expect(report.pairs.some((p) => [p.a, p.b].sort(compare).join(" ") === "a/b/copy.txt c/original.md")).toBe(true);
    });
  });
});
