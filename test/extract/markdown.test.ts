/**
 * Markdown: front matter read and kept out of the body, syntax reduced to its
 * text line for line, so paragraph lines stay those of the file.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extract } from "../../src/extract/extract.js";
import { frontMatter, markdownText } from "../../src/extract/markdown.js";

const md = (text: string) => extract({ path: "a.md", text, bytes: new TextEncoder().encode(text), format: "markdown" });

describe("front matter", () => {
  it("reads YAML: title, date, publisher (a mapping), canonical; the body starts after it", () => {
    const { document, paragraphs } = md(
      "---\ntitle: \"A: title\"\ndate: 2022-07-30\npublisher:\n  name: Emo News\ncanonical: https://x.example/a\ntags: [a, b]\n---\n\nFirst paragraph of the body text.\n",
    );
    expect(document).toMatchObject({ title: "A: title", date: "2022-07-30", dateSource: "front-matter", site: "Emo News", url: "https://x.example/a", bodyLine: 9 });
    expect(paragraphs).toEqual([{ text: "First paragraph of the body text.", line: 10, endLine: 10 }]);
  });

  it.each<[string, string, string | null]>([
    ["an ISO timestamp keeps the date as written", "date: 2022-07-30T23:30:00-04:00", "2022-07-30"],
    ["a written date", 'date: "July 30, 2022"', "2022-07-30"],
    ["published", "published: 2021-01-02", "2021-01-02"],
    ["an ambiguous numeric date is left out", "date: 03/04/2020", null],
    ["not a date", "date: soon", null],
  ])("date: %s", (_, line, expected) => {
    expect(md(`---\n${line}\n---\nBody text without any date in it at all.\n`).document.date).toBe(expected);
  });

  it("reads TOML front matter between +++ lines", () => {
    const { document } = md('+++\ntitle = "Toml title"\ndate = "2020-07-30"\npublisher = "Migration Newsroom"\n+++\nBody.\n');
    expect(document).toMatchObject({ title: "Toml title", date: "2020-07-30", site: "Migration Newsroom", bodyLine: 6 });
  });

  it("keeps a block that is not valid YAML out of the body, and says so", () => {
    const out = md("---\ntitle: [unclosed\n---\nBody text.\n");
    expect(out.problems?.[0]?.code).toBe("bad-front-matter");
    expect(out.paragraphs).toEqual([{ text: "Body text.", line: 4, endLine: 4 }]);
    expect(frontMatter("---\n- a list\n---\n")?.error).toMatch(/not a mapping/);
  });

  it("counts lines the same with CRLF", () => {
    const { paragraphs } = md("---\r\ntitle: T\r\n---\r\n\r\nBody.\r\n");
    expect(paragraphs).toEqual([{ text: "Body.", line: 5, endLine: 5 }]);
  });

  it("is not front matter unless at the very top", () => {
    const { document, paragraphs } = md("Intro.\n\n---\ntitle: no\n---\n");
    expect(document.title).toBe("Intro.");
    expect(paragraphs.map((p) => p.text)).toEqual(["Intro.", "title: no"]);
  });
});

describe("markdownText", () => {
  it.each<[string, string, string]>([
    ["ATX heading", "## Section title ##", "Section title"],
    ["emphasis and strong", "a *b* and **c** and _d_ and __e__ and ~~f~~", "a b and c and d and e and f"],
    ["inline code", "run `statdup scan` now", "run statdup scan now"],
    ["link", "see [the report](https://x.example/r \"title\") here", "see the report here"],
    ["reference link", "see [the report][1] here", "see the report here"],
    ["image dropped", "a ![photo](p.jpg) b", "a  b"],
    ["autolink", "<https://x.example/a>", "https://x.example/a"],
    ["inline HTML", "a <span class=\"x\">b</span><br/> c", "a b c"],
    ["blockquote", "> > quoted text", "quoted text"],
    ["task list", "- [x] done item", "- done item"],
    ["table row", "| a | b |", "  a   b  "],
    ["escapes", "1\\. not a list \\*not emphasis\\*", "1. not a list *not emphasis*"],
    ["entities", "Caf&eacute; &amp; bar &#8212; &#x2019;", "Caf&eacute; & bar — ’"],
    ["underscores inside words stay", "snake_case_name and 2*3*4", "snake_case_name and 2*3*4"],
  ])("%s", (_, input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });

  it("blanks rules, setext underlines, fences, link definitions, table rules and comments, keeping code", () => {
    const input = ["Title", "=====", "", "***", "```js", "const a = 1;", "```", "[1]: https://x.example", "|---|:--:|", "<!-- a", "comment -->", "text"].join("\n");
    expect(markdownText(input).split("\n")).toEqual(["Title", "", "", "", "", "const a = 1;", "", "", "", "", "", "text"]);
  });

  it("has exactly the lines of its input (property)", () => {
    const pieces = fc.constantFrom("# h", "*", "_", "`", "[a](b)", "![i](j)", "<!--", "-->", "```", "~~~", "> ", "---", "| a |", "text", " ", "\\", "&amp;", "\n", "\r\n", "\r");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(markdownText(text).split(/\r\n|\r|\n/).length).toBe(text.split(/\r\n|\r|\n/).length);
      }),
      { seed: 21, numRuns: 500 },
    );
  });
});
