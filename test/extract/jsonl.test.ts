/**
 * JSON Lines archives: one document per record (passim's fields by default),
 * paths `file.jsonl#<id>`, a bad line reported with its number while the other
 * lines still count, records in path order in the report.
 */
import { describe, expect, it } from "vitest";
import { recordDocument, DEFAULT_JSONL_FIELDS } from "../../src/extract/jsonl.js";
import { readDocuments, type DocumentEvent, type ReadSettings } from "../../src/extract/read-documents.js";
import { scan } from "../../src/index.js";
import { seedParagraphs } from "../helpers/corpus.js";
import { withTree } from "../helpers/tmp.js";

const SETTINGS: ReadSettings = { maxFileSize: 1 << 20, dateOrder: "auto", mtime: true };

async function events(content: string | Uint8Array, s: Partial<ReadSettings> = {}, name = "a.jsonl"): Promise<DocumentEvent[]> {
  return withTree({ [name]: content }, async (dir) => {
    const out: DocumentEvent[] = [];
    for await (const e of readDocuments({ path: name, absolutePath: `${dir}/${name}` }, { ...SETTINGS, ...s })) out.push(e);
    return out;
  });
}

const summary = (es: DocumentEvent[]) =>
  es.map((e) => (e.kind === "document" ? `doc ${e.document.path}` : `${e.problem.severity} ${e.problem.path} ${e.problem.code}`));

describe("a record", () => {
  const rec = (o: unknown, fields = DEFAULT_JSONL_FIELDS) => {
    const text = JSON.stringify(o);
    return recordDocument({ path: "a.jsonl", line: 7, text, bytes: new TextEncoder().encode(text), fields });
  };

  it("reads passim's fields: id, series (site), date, text; every paragraph is on the record's line", () => {
    const out = rec({ id: "sn84-1912-04-15-p3", series: "sn84", date: "1912-04-15", text: "Title line\n\nFirst paragraph of the text.\n\nSecond paragraph." });
    expect(out.ok && out.extracted.document).toMatchObject({
      path: "a.jsonl#sn84-1912-04-15-p3",
      title: "Title line",
      date: "1912-04-15",
      dateSource: "front-matter",
      site: "sn84",
      url: null,
      bodyLine: 7,
    });
    expect(out.ok && out.extracted.paragraphs.map((p) => [p.text, p.line, p.endLine])).toEqual([
      ["Title line", 7, 7],
      ["First paragraph of the text.", 7, 7],
      ["Second paragraph.", 7, 7],
    ]);
  });

  it("takes fields named by options, dotted paths into nested objects, and text given as paragraphs", () => {
    const fields = { text: "content.body", id: "meta.uid", date: "meta.published", title: "headline", url: "link" };
    const out = rec({ headline: "H", link: "https://x.example/a", content: { body: ["One.", "Two."] }, meta: { uid: 42, published: "July 30, 2022" } }, fields);
    expect(out.ok && out.extracted.document).toMatchObject({ path: "a.jsonl#42", title: "H", url: "https://x.example/a", date: "2022-07-30", body: "One.\n\nTwo." });
  });

  it("uses the line number for a record without an id", () => {
    const out = rec({ text: "No id here." });
    expect(out.ok && out.extracted.document.path).toBe("a.jsonl#7");
  });

  it.each<[string, unknown, string, RegExp]>([
    ["an array", [1, 2], "bad-json-line", /an array, not a JSON object/],
    ["a string", "text", "bad-json-line", /a string, not a JSON object/],
    ["no text field", { id: "x" }, "no-text", /no "text" field/],
    ["text that is a number", { text: 5 }, "no-text", /"text" field is a number/],
  ])("refuses %s", (_, value, code, message) => {
    const out = rec(value);
    expect(out).toMatchObject({ ok: false, code });
    expect(!out.ok && out.message).toMatch(message);
  });
});

describe("a JSON Lines file", () => {
  it("yields every good record, and each bad line as an error with its line number", async () => {
    const lines = [
      JSON.stringify({ id: "a", text: "First record." }),
      "{broken",
      "",
      JSON.stringify({ id: "b", text: "Second record." }),
      JSON.stringify({ id: "a", text: "Same id as the first record." }),
      JSON.stringify({ id: "c" }),
      "   ",
      JSON.stringify({ id: "d", text: "Last record, no line break after it." }),
    ];
    expect(summary(await events(lines.join("\n")))).toEqual([
      "doc a.jsonl#a",
      "error a.jsonl:2 bad-json-line",
      "doc a.jsonl#b",
      "warning a.jsonl:5 duplicate-id",
      "doc a.jsonl#a@5",
      "error a.jsonl:6 no-text",
      "doc a.jsonl#d",
    ]);
  });

  it("never dates a record by the archive's modification time", async () => {
    const es = await events(JSON.stringify({ id: "x", text: "Undated record text." }));
    expect(es[0]!.kind === "document" && es[0]!.document.date).toBeNull();
  });

  it("skips a record over --max-file-size, and reads the next", async () => {
    const big = JSON.stringify({ id: "big", text: "x ".repeat(600) });
    expect(summary(await events(`${big}\n${JSON.stringify({ id: "ok", text: "Small." })}\n`, { maxFileSize: 1000 }))).toEqual([
      "error a.jsonl:1 too-large",
      "doc a.jsonl#ok",
    ]);
  });

  it("reports a file of blank lines as empty, and lists only the first 100 bad lines of a file", async () => {
    expect(summary(await events("\n\n  \n"))).toEqual(["error a.jsonl empty"]);
    const bad = summary(await events(Array.from({ length: 150 }, () => "nope").join("\n")));
    expect(bad.filter((s) => s.includes("bad-json-line"))).toHaveLength(101);
    expect(bad[bad.length - 1]).toBe("error a.jsonl bad-json-line");
  });

  it("says once which lines had bytes that are not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"a","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"id":"b","text":"ok"}\n')]);
    const es = await events(bytes);
    expect(summary(es)).toEqual(["doc a.jsonl#a", "doc a.jsonl#b", "warning a.jsonl encoding-replaced"]);
  });

  it("reads .ndjson the same, and standard input with --stdin-format jsonl", async () => {
    expect(summary(await events(JSON.stringify({ id: 1, text: "One." }), {}, "b.ndjson"))).toEqual(["doc b.ndjson#1"]);
    const out: DocumentEvent[] = [];
    for await (const e of readDocuments({ path: "-", absolutePath: "-" }, { ...SETTINGS, stdin: '{"id":"s","text":"From stdin."}\n', stdinFormat: "jsonl" })) out.push(e);
    expect(summary(out)).toEqual(["doc -#s"]);
  });
});

describe("JSON Lines in a scan", () => {
  it("pairs records like files, with documents in path order", async () => {
    const p = seedParagraphs("002").slice(0, 6);
    const other = seedParagraphs("001").slice(0, 6);
    const records = [
      { id: "z-copy", series: "Copy Site", text: p.join("\n\n") },
      { id: "a-original", series: "Origin Site", date: "2022-07-30", text: p.join("\n\n") },
      { id: "m-other", text: other.join("\n\n") },
    ];
    const report = await withTree({ "archive.jsonl": records.map((r) => JSON.stringify(r)).join("\n") + "\n", "notes.txt": other.join("\n\n") }, (dir) =>
      scan({ inputs: [dir], cwd: dir }),
    );
    expect(report.documents.map((d) => d.path)).toEqual(["archive.jsonl#a-original", "archive.jsonl#m-other", "archive.jsonl#z-copy", "notes.txt"]);
    expect(report.pairs.map((x) => [x.a, x.b, x.kind])).toEqual([
      ["archive.jsonl#a-original", "archive.jsonl#z-copy", "identical"],
      ["archive.jsonl#m-other", "notes.txt", "identical"],
    ]);
    const pair = report.pairs[0]!;
    expect(pair.matches.every((m) => m.a.line === 2 && m.b.line === 1)).toBe(true);
    expect(report.documents[0]).toMatchObject({ site: "Origin Site", date: "2022-07-30", dateSource: "front-matter" });
  });
});
