/**
 * The input options on the command line: --encoding, --stdin-format, the
 * --jsonl-* field names, --strict, and the default extensions.
 */
import { describe, expect, it } from "vitest";
import { seedParagraphs } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { withTree } from "../helpers/tmp.js";

const P = seedParagraphs("002").slice(0, 5);

async function json(argv: string[], files: Record<string, string | Uint8Array>, stdin?: string) {
  return withTree(files, async (dir) => {
    const r = await runCli([...argv, "--format", "json", "--no-mtime"], { cwd: dir, ...(stdin !== undefined ? { stdin } : {}) });
    return { ...r, report: r.code === 0 || r.code === 2 ? JSON.parse(r.stdout || "null") : null };
  });
}

describe("input options", () => {
  it("reads HTML, Markdown and JSON Lines by default, and pairs them across formats", async () => {
    const html = `<html><body><article>${P.map((p) => `<p>${p}</p>`).join("\n")}</article></body></html>`;
    const md = `---\ntitle: Copy\n---\n${P.join("\n\n")}\n`;
    const jsonl = JSON.stringify({ id: "r1", text: P.join("\n\n") }) + "\n";
    const { code, report } = await json(["scan", "."], { "a.html": html, "b.md": md, "c.jsonl": jsonl, "d.json": "{}" });
    expect(code).toBe(0);
    expect(report.documents.map((d: { path: string }) => d.path)).toEqual(["a.html", "b.md", "c.jsonl#r1"]);
    expect(report.families).toHaveLength(1);
    expect(report.families[0].documents).toHaveLength(3);
  });

  it("--encoding reads files without a BOM in the encoding named", async () => {
    const cp1251 = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0, 0x2e]);
    const plain = await json(["scan", "."], { "r.txt": cp1251 });
    expect(plain.report.errors.map((e: { code: string }) => e.code)).toEqual(["not-utf8"]);
    const chosen = await json(["scan", ".", "--encoding", "windows-1251"], { "r.txt": cp1251 });
    expect(chosen.report.errors).toEqual([]);
    expect(chosen.report.documents[0].title).toBe("Привет мир.");
    expect(chosen.report.settings.encoding).toBe("windows-1251");
  });

  it("--stdin-format html and jsonl read standard input as such", async () => {
    const page = `<html><head><meta property="og:site_name" content="Piped"></head><body><article>${P.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;
    const html = await json(["scan", "-", "--stdin-format", "html"], {}, page);
    expect(html.report.documents.map((d: { path: string; site: string }) => [d.path, d.site])).toEqual([["-", "Piped"]]);
    const lines = ["one", "two"].map((id) => JSON.stringify({ id, text: P.join("\n\n") })).join("\n");
    const jsonl = await json(["scan", "-", "--stdin-format", "jsonl"], {}, lines);
    expect(jsonl.report.pairs.map((p: { a: string; b: string }) => [p.a, p.b])).toEqual([["-#one", "-#two"]]);
  });

  it("--jsonl-* name the fields of other archives", async () => {
    const lines = [
      { uid: "x1", body: { text: P.join("\n\n") }, published: "2022-07-30", headline: "H1", link: "https://a.example/1" },
      { uid: "x2", body: { text: P.join("\n\n") }, published: "2022-08-01", headline: "H2", link: "https://b.example/2" },
    ];
    const argv = ["scan", ".", "--jsonl-text", "body.text", "--jsonl-id", "uid", "--jsonl-date", "published", "--jsonl-title", "headline", "--jsonl-url", "link"];
    const { report } = await json(argv, { "feed.ndjson": lines.map((l) => JSON.stringify(l)).join("\n") });
    expect(report.documents.map((d: Record<string, unknown>) => [d.path, d.title, d.date, d.url])).toEqual([
      ["feed.ndjson#x1", "H1", "2022-07-30", "https://a.example/1"],
      ["feed.ndjson#x2", "H2", "2022-08-01", "https://b.example/2"],
    ]);
    expect(report.pairs).toHaveLength(1);
  });

  it.each<[string, string[], number, RegExp]>([
    ["an unknown encoding", ["--encoding", "klingon-8"], 2, /encoding must be auto or a name/],
    ["an unknown stdin format", ["--stdin-format", "pdf"], 2, /Allowed choices are text, markdown, html, jsonl/],
    ["an empty field name", ["--jsonl-text", " "], 2, /--jsonl-text must name a field/],
  ])("refuses %s (exit 2)", async (_, flags, code, message) => {
    const r = await withTree({ "a.txt": "x" }, (dir) => runCli(["scan", ".", ...flags], { cwd: dir }));
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it("--strict: exit 2 when a file was skipped, 0 with warnings only; the report is written either way", async () => {
    const skipped = await json(["scan", ".", "--strict"], { "a.txt": P.join("\n\n"), "b.txt": "" });
    expect(skipped.code).toBe(2);
    expect(skipped.report.summary.errors).toBe(1);
    const warned = await json(["scan", ".", "--strict"], { "a.txt": P.join("\n\n"), "b.txt": Uint8Array.from([0x93, 0x68, 0x69, 0x94]) });
    expect(warned.code).toBe(0);
  });
});
