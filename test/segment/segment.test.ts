import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/normalize/normalize.js";
import { segment } from "../../src/segment/segment.js";
import { brownParagraphs, readSeed, seedParagraphs, wrap } from "../helpers/corpus.js";

describe("segment: blank-line paragraphs", () => {
  it("gives each paragraph with its 1-based first and last line", () => {
    const body = ["First paragraph here.", "", "Second paragraph", "", "", "Third one after two blank lines."].join("\n");
    expect(segment(body)).toEqual([
      { text: "First paragraph here.", line: 1, endLine: 1 },
      { text: "Second paragraph", line: 3, endLine: 3 },
      { text: "Third one after two blank lines.", line: 6, endLine: 6 },
    ]);
  });

  it("counts lines from firstLine (a body after front matter)", () => {
    const paragraphs = segment("Alpha beta.\n\nGamma delta.", 5);
    expect(paragraphs.map((p) => [p.line, p.endLine])).toEqual([
      [5, 5],
      [7, 7],
    ]);
  });

  it("treats lines of spaces, tabs, NBSP as blank", () => {
    const paragraphs = segment("Alpha beta.\n \t\u00a0 \nGamma delta.");
    expect(paragraphs.map((p) => p.text)).toEqual(["Alpha beta.", "Gamma delta."]);
    expect(paragraphs[1]!.line).toBe(3);
  });

  it("handles CRLF and CR line endings with the same line numbers", () => {
    const lf = "Alpha beta.\n\nGamma delta.\n\n\nEpsilon zeta.";
    const expected = segment(lf);
    expect(segment(lf.replace(/\n/g, "\r\n"))).toEqual(expected);
    expect(segment(lf.replace(/\n/g, "\r"))).toEqual(expected);
    expect(expected.map((p) => p.line)).toEqual([1, 3, 6]);
  });

  it("gives the seed 000's paragraphs at their lines", () => {
    const text = readSeed("000");
    const lines = text.split("\n");
    const paragraphs = segment(text);
    // Every non-blank line of this seed is a paragraph of its own, at its own line.
    const expected = lines.flatMap((l, i) => (/[\p{L}\p{N}]/u.test(l) ? [{ line: i + 1, text: l.trim() }] : []));
    expect(paragraphs.map((p) => ({ line: p.line, text: p.text }))).toEqual(expected);
    for (const p of paragraphs) expect(p.endLine).toBe(p.line);
  });
});

describe("segment: single-newline paragraphs", () => {
  it("gives seed 004 as 12 paragraphs, one per line", () => {
    const text = readSeed("004");
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(12);
    const paragraphs = segment(text);
    expect(paragraphs).toHaveLength(12);
    paragraphs.forEach((p, i) => {
      expect(p.line).toBe(i + 1);
      expect(p.endLine).toBe(i + 1);
      expect(p.text).toBe(lines[i]!.trim());
    });
  });
});

/** A paragraph hard-wrapped at `width` columns. */
function wrapped(paragraph: string, width = 72): string {
  return wrap(paragraph, width).join("\n");
}

const seedTexts = [...seedParagraphs("000"), ...seedParagraphs("001"), ...seedParagraphs("003"), ...seedParagraphs("004")];

describe("segment: hard-wrapped text", () => {
  it("the seed paragraphs really wrap to several lines at 72 columns", () => {
    expect(seedTexts.length).toBeGreaterThan(30);
    expect(seedTexts.filter((p) => wrap(p).length >= 3).length).toBeGreaterThan(10);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("rejoins each wrapped seed paragraph into one (%s)", (_name, eol) => {
    const blocks = seedTexts.map((p) => wrap(p, 72));
    const body = blocks.map((lines) => lines.join(eol)).join(eol + eol);
    const paragraphs = segment(body);
    expect(paragraphs.map((p) => normalizeText(p.text))).toEqual(seedTexts.map((p) => normalizeText(p)));
    // Line numbers: each paragraph spans its own wrapped lines.
    let line = 1;
    blocks.forEach((lines, i) => {
      expect([paragraphs[i]!.line, paragraphs[i]!.endLine]).toEqual([line, line + lines.length - 1]);
      line += lines.length + 1;
    });
  });

  it.each([60, 66, 72, 80])("rejoins Brown corpus paragraphs wrapped at %i columns", (width) => {
    const texts = [...brownParagraphs("ca01"), ...brownParagraphs("cj05"), ...brownParagraphs("cg22")];
    expect(texts.length).toBeGreaterThan(30);
    const body = texts.map((p) => wrapped(p, width)).join("\n\n");
    expect(segment(body).map((p) => normalizeText(p.text))).toEqual(texts.map((p) => normalizeText(p)));
  });

  it("a wrapped paragraph and a short line after a blank line stay two paragraphs", () => {
    // A wrapped paragraph followed by a blank line and an unwrapped short line.
    const p = seedTexts.find((t) => wrap(t).length >= 4)!;
    const body = `${wrapped(p)}\n\nShort closing line.`;
    const paragraphs = segment(body);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]!.text).toBe(p);
    expect(paragraphs[1]!.text).toBe("Short closing line.");
  });

  // Greedy wrapping at 72 columns of real sentences (Brown ca01 and cj05, seed 003's
  // "responses – prevention"): the line before the break is full and ends mid-sentence,
  // so the next line continues the paragraph even though it starts like a list item.
  it.each([
    ["a sentence-final number", "The petition listed the mayor's occupation as \u201cattorney\u201d and his age as 71. It listed his wife's age as 74 and place of birth as Opelika, Ala."],
    ["a spaced en dash", "IOM works with governments and the United Nations on counter-trafficking \u2013 prevention, protection, and prosecution of the traffickers, in all regions."],
    ["a spaced hyphen", "Related to micelle formation is the ability of actives to gather at oil - water systems in such a manner that the polar end is directed outward."],
  ])("a wrapped line starting with %s is not a list item", (_name, text) => {
    const lines = wrap(text, 72);
    expect(lines.slice(1).some((l) => /^(?:\d+\.|[-\u2013]) /.test(l))).toBe(true); // the trap is really there
    expect(segment(lines.join("\n")).map((p) => p.text)).toEqual([text]);
  });

  it("a sentence ending short of the margin because the next word did not fit is still wrapped", () => {
    const text =
      "Trafficking in persons is a grave human rights violation. Counter-trafficking interventions must respect human rights principles, and States must protect and assist the victims wherever they are found, whether in urban centers, industrial factories, or humanitarian settings.";
    const lines = wrap(text, 72);
    // The first line ends a sentence at column 57: "Counter-trafficking" (19) did not fit.
    expect(lines[0]).toBe("Trafficking in persons is a grave human rights violation.");
    expect(lines[0]!.length + 1 + "Counter-trafficking".length).toBeGreaterThan(72);
    expect(segment(lines.join("\n")).map((p) => p.text)).toEqual([text]);
  });

  // A hyphen at a line end is hyphenation when the text spells the word whole elsewhere
  // (segment.ts): here the title does.
  it("rejoins a word hyphenated across a wrap", () => {
    const body = [
      "Human trafficking in cyberspace",
      "",
      "Online recruitment and abuse of migrants has sharply increased since traf-",
      "ficking moved into cyberspace, and governments must respond in kind to",
      "the threat.",
    ].join("\n");
    const paragraphs = segment(body);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[1]!.text).toContain("trafficking moved");
    expect(normalizeText(paragraphs[1]!.text)).toContain("since trafficking moved into cyberspace");
    expect(paragraphs[1]!.line).toBe(3);
    expect(paragraphs[1]!.endLine).toBe(5);
  });

  it("rejoins a hyphenated word across a CRLF wrap", () => {
    const body = [
      "Human trafficking in cyberspace",
      "",
      "Online recruitment and abuse of migrants has sharply increased since traf-",
      "ficking moved into cyberspace, and governments must respond in kind to",
      "the threat.",
    ].join("\r\n");
    expect(normalizeText(segment(body)[1]!.text)).toContain("since trafficking moved");
  });

  it("keeps the hyphen when the text never spells the word whole", () => {
    const body = [
      "Online recruitment and abuse of migrants has sharply increased since traf-",
      "ficking moved into cyberspace, and governments must respond in kind to",
      "the threat.",
    ].join("\n");
    expect(segment(body)[0]!.text).toContain("traf-ficking moved");
  });
});

describe("segment: wraps that break after a compound's own hyphen", () => {
  // Wrappers such as Python's textwrap (break_on_hyphens) break "long-standing" after its
  // hyphen; a reader still reads "long-standing". The rejoined paragraph should normalise
  // like the original, as it does for "traf-" / "ficking".
  it("rejoins 'long-' / 'standing' so that it normalises like 'long-standing'", () => {
    const text =
      "Speaking in Geneva on Saturday, the Director General said that, as a long-standing member of the Inter-Agency Coordination Group against Trafficking in Persons, IOM calls on all States to harness the potential that technology offers in countering trafficking.";
    // Python: textwrap.wrap(text, 74)
    const lines = [
      "Speaking in Geneva on Saturday, the Director General said that, as a long-",
      "standing member of the Inter-Agency Coordination Group against Trafficking",
      "in Persons, IOM calls on all States to harness the potential that",
      "technology offers in countering trafficking.",
    ];
    expect(lines.join(" ").replace("long- standing", "long-standing")).toBe(text);
    const paragraphs = segment(lines.join("\n"));
    expect(paragraphs).toHaveLength(1);
    expect(normalizeText(paragraphs[0]!.text)).toBe(normalizeText(text));
  });
});

describe("segment: lists and empty paragraphs", () => {
  it("gives each list item a paragraph of its own", () => {
    const items = [
      "violate or infringe the rights of any person, are defamatory or harassing",
      "a reasonable person would consider abusive or profane",
      "contain material which violates or encourages others to violate any law",
      "promote hatred of any kind",
    ];
    for (const marker of ["-", "*", "\u2022", "1."]) {
      const lines = items.map((t, i) => `${marker === "1." ? `${i + 1}.` : marker} ${t}`);
      const paragraphs = segment(["We will delete comments that:", ...lines].join("\n"));
      expect(paragraphs.map((p) => normalizeText(p.text))).toEqual([
        "we will delete comments that",
        ...lines.map((t) => normalizeText(t)),
      ]);
      expect(paragraphs.map((p) => [p.line, p.endLine])).toEqual([1, 2, 3, 4, 5].map((n) => [n, n]));
    }
  });

  it("gives each indented bullet of seed 002's comment policy its own paragraph", () => {
    const paragraphs = segment(readSeed("002"));
    const bullets = paragraphs.filter((p) => p.text.startsWith("\u2022"));
    expect(bullets).toHaveLength(7);
    for (const b of bullets) expect(b.endLine).toBe(b.line);
  });

  it("drops paragraphs with no letters or digits, keeping others' line numbers", () => {
    const body = ["Alpha beta gamma.", "", "* * *", "", "\u2014\u2014\u2014", "", "----", "", "...", "", "Delta epsilon."].join("\n");
    expect(segment(body)).toEqual([
      { text: "Alpha beta gamma.", line: 1, endLine: 1 },
      { text: "Delta epsilon.", line: 11, endLine: 11 },
    ]);
  });

  it("gives nothing for an empty or blank body", () => {
    expect(segment("")).toEqual([]);
    expect(segment("\n\n  \n\t\n")).toEqual([]);
  });
});

describe("segment properties", () => {
  const word = fc.constantFrom("ab", "cd", "efg", "hi", "jklm", "no", "pq", "rst", "uv", "wxyz");
  const paragraph = fc.array(word, { minLength: 1, maxLength: 60 }).map((ws) => ws.join(" "));

  it("random blank-line separated paragraphs come back in order at their lines", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(paragraph, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 50 }),
        (items, firstLine) => {
          const parts: string[] = [];
          const expected: { text: string; line: number; endLine: number }[] = [];
          let line = firstLine;
          for (const [text, blanks] of items) {
            expected.push({ text, line, endLine: line });
            parts.push(text, ...Array<string>(blanks).fill(""));
            line += 1 + blanks;
          }
          expect(segment(parts.join("\n"), firstLine)).toEqual(expected);
        },
      ),
      { seed: 21, numRuns: 500 },
    );
  });

  it("random paragraphs hard-wrapped at 72 columns come back whole, with their line spans", () => {
    const sentence = fc
      .tuple(fc.array(word, { minLength: 3, maxLength: 14 }), fc.constantFrom(".", ",", ";", "!", "?", ""))
      .map(([ws, end]) => ws.join(" ") + end);
    const para = fc.array(sentence, { minLength: 1, maxLength: 8 }).map((ss) => ss.join(" "));
    fc.assert(
      fc.property(fc.array(para, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (paras, eol) => {
        const blocks = paras.map((p) => wrap(p, 72));
        const got = segment(blocks.map((b) => b.join(eol)).join(eol + eol));
        expect(got.map((p) => p.text)).toEqual(paras);
        let line = 1;
        blocks.forEach((b, i) => {
          expect([got[i]!.line, got[i]!.endLine]).toEqual([line, line + b.length - 1]);
          line += b.length + 1;
        });
      }),
      { seed: 22, numRuns: 300 },
    );
  });
});
