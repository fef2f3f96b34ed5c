/**
 * The seed statements as HTML pages (two site templates), Markdown with front
 * matter and a JSON Lines archive pair exactly like the plain-text seeds — two
 * families, 000 with 002 and 003 with 004, 001 in none — and their paragraph
 * lines point into the files. See each fixtures/<format>/README.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { markdownText } from "../../src/extract/markdown.js";
import { decode } from "../../src/read/decode.js";
import { analyze, type Analysis } from "../../src/scan.js";
import { ROOT } from "../helpers/corpus.js";

const FIXTURES = path.join(ROOT, "fixtures");

async function scanFixture(name: string, extra: { stdin?: string; stdinFormat?: "jsonl" } = {}): Promise<Analysis> {
  const dir = path.join(FIXTURES, name);
  return analyze(extra.stdin ? { inputs: ["-"], cwd: dir, ...extra } : { inputs: [dir], cwd: dir });
}

/** Families as sorted lists of seed numbers ("000"…), sorted. */
function families(a: Analysis): string[][] {
  const seedOf = (p: string): string => /(\d{3})_/.exec(p)![1]!;
  return a.report.families.map((f) => f.documents.map(seedOf).sort()).sort((x, y) => x.join().localeCompare(y.join()));
}

function fileLines(file: string): string[] {
  const decoded = decode(readFileSync(file), { html: file.endsWith(".html") });
  if (!decoded.ok) throw new Error(file);
  return decoded.text.split(/\r\n|\r|\n/);
}

const decodeEntities = (s: string): string =>
  s.replace(/&amp;/g, "&").replace(/&nbsp;/g, "\u00a0").replace(/&#8217;/g, "’").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

describe("the seed fixtures in every format", () => {
  it("plain text: the reference", async () => {
    expect(families(await scanFixture("seeds"))).toEqual([
      ["000", "002"],
      ["003", "004"],
    ]);
  });

  it.each(["html", "markdown", "jsonl"])("%s pairs exactly like the plain-text seeds", async (format) => {
    const a = await scanFixture(format);
    expect(a.report.errors).toEqual([]);
    expect(a.report.documents).toHaveLength(5);
    expect(families(a)).toEqual([
      ["000", "002"],
      ["003", "004"],
    ]);
    expect(a.report.pairs).toHaveLength(2);
    expect(a.report.pairs.map((p) => p.kind).sort()).toEqual(["identical", "shared-passage"]);
  });

  it("JSON Lines on standard input pairs the same", async () => {
    const stdin = readFileSync(path.join(FIXTURES, "jsonl", "seeds.jsonl"), "utf8");
    const a = await scanFixture("jsonl", { stdin, stdinFormat: "jsonl" });
    expect(families(a)).toEqual([
      ["000", "002"],
      ["003", "004"],
    ]);
    expect(a.report.documents[0]!.path).toBe("-#000_0260406033e61649");
  });

  it("HTML: metadata from the pages, and every paragraph's line holds its text in the HTML file", async () => {
    const a = await scanFixture("html");
    expect(a.report.documents.map((d) => [d.path, d.site, d.dateSource === "file-mtime" ? "mtime" : d.date, d.url?.startsWith("https://")])).toEqual([
      ["000_emo-news.html", "Emo News", "2022-07-30", true],
      ["001_un-chief.html", "Island Daily Digest", "2022-07-30", true],
      ["002_dominica-news-online.html", "Dominica News Online", "2022-07-30", true],
      ["003_migration-newsroom.html", "Migration Newsroom", "2020-07-30", true],
      ["004_opinion-desk.html", "The Opinion Desk", "mtime", true],
    ]);
    for (const d of a.report.documents) {
      const lines = fileLines(path.join(FIXTURES, "html", d.path));
      for (const { paragraph, line } of a.paragraphLines(d.path)) {
        const text = a.paragraphText(d.path, paragraph)!;
        expect(squash(decodeEntities(lines[line - 1]!.replace(/<[^>]*>/g, ""))), `${d.path}:${line}`).toContain(squash(text).slice(0, 40));
      }
    }
  });

  it("HTML: the chrome of both templates is left out", async () => {
    const a = await scanFixture("html");
    const all = a.report.documents.flatMap((d) => a.paragraphLines(d.path).map((p) => a.paragraphText(d.path, p.paragraph)!)).join("\n");
    for (const chrome of ["cookies", "Leave a Reply", "Share this", "Related Post", "Recent Posts", "About Author", "Most read", "Sign up", "Disclaimer", "Post a Comment", "Copyright", "Read also", "Skip to content", "Privacy policy"]) {
      expect(all, chrome).not.toContain(chrome);
    }
  });

  it("Markdown: front matter read, and every paragraph's line holds its text in the .md file", async () => {
    const a = await scanFixture("markdown");
    expect(a.report.documents.map((d) => [d.site, d.dateSource])).toEqual([
      ["Emo News", "front-matter"],
      ["UN News", "front-matter"],
      ["Dominica News Online", "front-matter"],
      ["Migration Newsroom", "front-matter"],
      ["The Opinion Desk", "file-mtime"],
    ]);
    for (const d of a.report.documents) {
      const lines = fileLines(path.join(FIXTURES, "markdown", d.path));
      for (const { paragraph, line } of a.paragraphLines(d.path)) {
        const text = a.paragraphText(d.path, paragraph)!;
        expect(squash(markdownText(lines[line - 1]!)), `${d.path}:${line}`).toContain(squash(text).slice(0, 20).trim());
      }
    }
  });

  it("JSON Lines: paths file#id, site from series, every paragraph on its record's line", async () => {
    const a = await scanFixture("jsonl");
    expect(a.report.documents.map((d) => [d.path, d.site])).toEqual([
      ["seeds.jsonl#000_0260406033e61649", "Emo News"],
      ["seeds.jsonl#001_ba66b3c3b52cdbb8", "Island Daily Digest"],
      ["seeds.jsonl#002_d9c98dc35bfc551d", "Dominica News Online"],
      ["seeds.jsonl#003_969cd088062e8f53", "Migration Newsroom"],
      ["seeds.jsonl#004_b0a4aa1939d752b1", "The Opinion Desk"],
    ]);
    a.report.documents.forEach((d, i) => {
      expect(new Set(a.paragraphLines(d.path).map((p) => p.line))).toEqual(new Set([i + 1]));
    });
  });
});
