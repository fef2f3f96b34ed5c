/**
 * `--format markdown`: a heading with the verdict, then a GitHub-flavoured
 * table (header, delimiter row, one row per finding, every row the same
 * number of cells, pipes in file names escaped), then the counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";

/** Cells of a table row, splitting on unescaped pipes. */
function cells(row: string): string[] {
  expect(row.startsWith("| ") && row.endsWith(" |")).toBe(true);
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

function table(markdown: string): string[][] {
  const rows = markdown.split("\n").filter((l) => l.startsWith("|"));
  return rows.map(cells);
}

let dir: string;

beforeAll(() => {
  dir = makeNewsroom({ "newsroom/news/a|b.md": newArticle() });
});

afterAll(() => removeNewsroom(dir));

describe("check --format markdown", () => {
  it("a failing check: heading, then a table with a row per finding", async () => {
    const r = await runCli(["check", "newsroom", "--format", "markdown"], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("### ❌ statdup check failed: 2 document pairs with republished text");
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(["Document", "Duplicates", "Kind", "Similarity", "Coverage", "Passages", "Why it fails"]);
    expect(rows[1]!.every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toHaveLength(7);
    expect(rows.some((row) => row[0] === "`news/a\\|b.md`" && row[1] === "`archive/2022-editorial.md`")).toBe(true);
    expect(lines.at(-2)).toMatch(/^\d+ documents scanned · 2 pairs checked\.$/);
  });

  it("a passing check: a heading and the counts, no table", async () => {
    const r = await runCli(["check", "newsroom", "--format", "markdown", "--allow", "news/**"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("### ✅ statdup check passed");
    expect(table(r.stdout)).toEqual([]);
    expect(r.stdout).toContain("2 allowed");
  });
});

describe("scan --format markdown", () => {
  it("a table of every pair, without a verdict column", async () => {
    const r = await runCli(["scan", "newsroom", "--format", "markdown"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("### statdup: 2 pairs of documents sharing text, in 2 families");
    const rows = table(r.stdout);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toHaveLength(6);
  });
});
