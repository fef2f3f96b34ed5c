/**
 * The whole matcher through the library entry (`import { scan } from "statdup"`),
 * on temporary folders: what a user of the report relies on.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scan, type ScanReport } from "../src/index.js";
import { brownParagraphs, readSeed, SEEDS, seedFileName, seedParagraphs, wrap } from "./helpers/corpus.js";
import { type Tree, withTree } from "./helpers/tmp.js";

async function scanTree(files: Tree): Promise<ScanReport> {
  return withTree(files, (dir) => scan({ inputs: [dir], cwd: dir }));
}

/** A document: paragraphs separated by blank lines (each paragraph one line). */
function doc(paragraphs: readonly string[], eol = "\n"): string {
  return paragraphs.join(eol + eol) + eol;
}

/** 1-based line of each paragraph of `doc(paragraphs)`. */
function linesOf(paragraphs: readonly string[]): number[] {
  return paragraphs.map((_, i) => 1 + 2 * i);
}

function pairOf(report: ScanReport, a: string, b: string) {
  return report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
}

function familiesOf(report: ScanReport): string[][] {
  return report.families.map((f) => [...f.documents].sort());
}

// ---------------------------------------------------------------------------
// Generated English-like documents: words of real seed paragraphs, recombined.

const VOCABULARY = [...new Set(seedParagraphs("001").join(" ").split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")))].filter(
  (w) => /^[\p{L}][\p{L}'’-]*$/u.test(w),
);

const paragraphArb = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 12, maxLength: 45 })
  .map((words) => words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1) + " " + words.slice(1).join(" ") + ".");

/** 2 to 7 distinct paragraphs (distinct after normalisation: no repeats inside one document). */
const documentArb = fc.uniqueArray(paragraphArb, {
  minLength: 2,
  maxLength: 7,
  selector: (p) => p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(),
});

describe("an exact copy", () => {
  it("always matches itself: similarity 1, coverage 1/1, every paragraph matched exactly (property)", async () => {
    expect(VOCABULARY.length).toBeGreaterThan(200);
    await fc.assert(
      fc.asyncProperty(documentArb, async (paragraphs) => {
        const text = doc(paragraphs);
        const report = await scanTree({ "original.txt": text, "copy.txt": text });
        expect(report.errors).toEqual([]);
        expect(report.pairs).toHaveLength(1);
        const pair = report.pairs[0]!;
        expect([pair.a, pair.b].sort()).toEqual(["copy.txt", "original.txt"]);
        expect(pair.similarity).toBe(1);
        expect(pair.coverage).toEqual({ a: 1, b: 1 });
        expect(pair.kind).toBe("identical");
        const lines = linesOf(paragraphs);
        expect(pair.matches.map((m) => [m.a.paragraph, m.b.paragraph, m.a.line, m.b.line, m.kind])).toEqual(
          paragraphs.map((_, i) => [i, i, lines[i], lines[i], "exact"]),
        );
        expect(familiesOf(report)).toEqual([["copy.txt", "original.txt"]]);
        expect(report.summary.boilerplateParagraphs).toBe(0);
      }),
      { seed: 101, numRuns: 15 },
    );
  });

  it("reordering a copy's paragraphs keeps every paragraph match (property)", async () => {
    const docAndPermutation = documentArb.chain((paragraphs) =>
      fc.tuple(fc.constant(paragraphs), fc.shuffledSubarray([...paragraphs.keys()], { minLength: paragraphs.length, maxLength: paragraphs.length })),
    );
    await fc.assert(
      fc.asyncProperty(docAndPermutation, async ([paragraphs, perm]) => {
        // The copy's paragraph j is the original's paragraph perm[j].
        const copy = perm.map((i) => paragraphs[i]!);
        const report = await scanTree({ "a.txt": doc(paragraphs), "b.txt": doc(copy) });
        expect(report.pairs).toHaveLength(1);
        const pair = report.pairs[0]!;
        expect([pair.a, pair.b]).toEqual(["a.txt", "b.txt"]);
        const got = pair.matches.map((m) => `${m.a.paragraph}->${m.b.paragraph}:${m.kind}`).sort();
        const want = perm.map((i, j) => `${i}->${j}:exact`).sort();
        expect(got).toEqual(want);
        expect(pair.coverage).toEqual({ a: 1, b: 1 });
      }),
      { seed: 102, numRuns: 15 },
    );
  });

  it("is found in the seeds: exactly two families, 000+002 and 003+004, and 001 in none", async () => {
    const report = await scan({ inputs: [SEEDS], cwd: SEEDS });
    expect(report.summary.documents).toBe(5);
    const n = (p: string) => seedFileName(p);
    expect(familiesOf(report).sort()).toEqual([
      [n("000"), n("002")],
      [n("003"), n("004")],
    ]);
    expect(report.pairs.map((p) => [p.a, p.b]).sort()).toEqual([
      [n("000"), n("002")],
      [n("003"), n("004")],
    ]);
    const again = await scan({ inputs: [SEEDS], cwd: SEEDS });
    const strip = (r: ScanReport) => JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } });
    expect(strip(again)).toBe(strip(report));
  });
});

// ---------------------------------------------------------------------------
// Re-typeset copies.

/** What a second site's CMS does to a text: straight quotes, "--", NBSP, wrapped at 72, CRLF. */
function retypeset(paragraphs: readonly string[]): string {
  const blocks = paragraphs.map((p) => {
    const typed = p
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\u2014/g, "--")
      .replace(/ (IOM|UN|the|of|in|to) /g, " $1\u00a0");
    return wrap(typed, 72).join("\r\n");
  });
  return blocks.join("\r\n\r\n") + "\r\n";
}

describe("a re-typeset copy", () => {
  it.each(["000", "001", "003", "004"])("of seed %s still pairs with coverage ≥ 0.9 both ways", async (seed) => {
    const original = readSeed(seed);
    const paragraphs = original.split(/\r?\n/).map((l) => l.trim()).filter((l) => /[\p{L}\p{N}]/u.test(l));
    const copy = retypeset(paragraphs);
    // The copy really is re-typeset.
    expect(copy).toContain("\r\n");
    expect(copy).toContain("\u00a0");
    expect(copy.split(/\r\n/).every((l) => l.length <= 72 || !l.includes(" "))).toBe(true);
    const report = await scanTree({ "original.txt": original, "copy.txt": copy });
    expect(report.pairs).toHaveLength(1);
    const pair = report.pairs[0]!;
    expect(pair.coverage.a).toBeGreaterThanOrEqual(0.9);
    expect(pair.coverage.b).toBeGreaterThanOrEqual(0.9);
    // Every long line-paragraph of the original (but those kept out as boilerplate) is matched.
    const originalLines = original.split(/\r?\n/);
    const longLines = originalLines.flatMap((l, i) => (seedParagraphs(seed).includes(l.trim()) ? [i + 1] : []));
    const matchedLines = new Set(pair.matches.map((m) => (pair.a === "original.txt" ? m.a.line : m.b.line)));
    const orig = report.documents.find((d) => d.path === "original.txt")!;
    const unmatched = longLines.filter((l) => !matchedLines.has(l));
    expect(longLines.length).toBeGreaterThan(8);
    expect(unmatched.length, `unmatched lines ${unmatched.join(",")}`).toBeLessThanOrEqual(orig.boilerplateParagraphs);
  });
});

// ---------------------------------------------------------------------------
// Short shared text is not republication.

const TITLE = "Human trafficking: \u2018Full attack\u2019 on rights, security and dignity, says UN chief";

describe("what must not make a pair", () => {
  it("a title alone, shared by two otherwise unrelated articles", async () => {
    const report = await scanTree({
      "news/one.txt": doc([TITLE, ...brownParagraphs("ca01").slice(0, 5)]),
      "news/two.txt": doc([TITLE, ...brownParagraphs("cj05").slice(0, 5)]),
    });
    expect(report.summary.documents).toBe(2);
    expect(report.pairs).toEqual([]);
    expect(report.families).toEqual([]);
  });

  it("a title alone, even on short articles", async () => {
    const report = await scanTree({
      "one.md": doc([`# ${TITLE}`, ...brownParagraphs("ca02").slice(0, 2)]),
      "two.md": doc([`# ${TITLE}`, ...brownParagraphs("cb01").slice(0, 2)]),
    });
    expect(report.pairs).toEqual([]);
  });

  it("a title alone, on one-paragraph briefs where the title is a third of the text", async () => {
    const one = brownParagraphs("ca02")[0]!;
    const two = brownParagraphs("ca02")[7]!;
    expect(one.split(/\s+/).length).toBeLessThan(25);
    expect(two.split(/\s+/).length).toBeLessThan(25);
    const report = await scanTree({ "one.txt": doc([TITLE, one]), "two.txt": doc([TITLE, two]) });
    expect(report.summary.documents).toBe(2);
    expect(report.pairs).toEqual([]);
  });

  it("one quoted sentence shared by two unrelated articles", async () => {
    const quote =
      "\u201cPeople smugglers take advantage of these vulnerabilities and use advanced technology to identify, track, monitor and exploit victims,\u201d explains the UN chief.";
    const report = await scanTree({
      "one.txt": doc([...brownParagraphs("ca01").slice(0, 3), quote, ...brownParagraphs("ca01").slice(3, 5)]),
      "two.txt": doc([...brownParagraphs("cf01").slice(0, 2), `As the Secretary-General put it: ${quote}`, ...brownParagraphs("cf01").slice(2, 5)]),
    });
    expect(report.pairs).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Boilerplate versus a republished statement.

const FOOTER = [
  "Comments are moderated and approved before they are posted. We never censor based on political or ideological points of view.",
  "Copyright 2024 Site A News Online, all rights reserved. This material may not be published, broadcast, rewritten or distributed.",
  "Share this article with your friends on Facebook, Twitter and WhatsApp, and subscribe to our free daily newsletter.",
];

/** A footer without the usual chrome wording, so that only its recurrence can give it away. */
function plainFooter(site: string): string[] {
  return [
    `${site} is an independent newsroom funded by its readers and run by a small team of editors in the capital.`,
    `Material published on ${site} may be quoted with a link back to the original page and the name of its author.`,
    `Follow ${site} on social media for breaking news, photo galleries and the weekly podcast from our newsroom team.`,
  ];
}

const BROWN = ["ca01", "ca02", "cb01", "cj05", "cg22", "ck01", "cf01", "ce01", "cd01", "ch01", "cl01", "cn01", "cp01", "cr01"];
const STATEMENT = seedParagraphs("000").slice(0, 6);

describe("boilerplate and republished statements", () => {
  it("a footer shared by six unrelated articles of one site makes no pair and is counted as boilerplate", async () => {
    for (const p of FOOTER) expect(p.split(/\s+/).length).toBeGreaterThanOrEqual(10);
    const files: Record<string, string> = {};
    BROWN.slice(0, 6).forEach((b, i) => {
      files[`site-a/article-${i + 1}.txt`] = doc([...brownParagraphs(b).slice(0, 4), ...FOOTER]);
    });
    const report = await scanTree(files);
    expect(report.summary.documents).toBe(6);
    expect(report.pairs).toEqual([]);
    expect(report.families).toEqual([]);
    expect(report.summary.boilerplateParagraphs).toBeGreaterThanOrEqual(18);
    for (const d of report.documents) expect(d.boilerplateParagraphs, d.path).toBeGreaterThanOrEqual(3);
  });

  it("a footer without chrome wording, shared by six unrelated articles of one site, is boilerplate by recurrence alone", async () => {
    const footer = plainFooter("The Site A Courier");
    const files: Record<string, string> = {};
    BROWN.slice(6, 12).forEach((b, i) => {
      files[`site-a/article-${i + 1}.txt`] = doc([...brownParagraphs(b).slice(0, 4), ...footer]);
    });
    const report = await scanTree(files);
    expect(report.pairs).toEqual([]);
    for (const d of report.documents) expect(d.boilerplateParagraphs, d.path).toBe(3);
  });

  it("the same footer on two articles only (not yet boilerplate) makes at most a shared passage", async () => {
    const footer = plainFooter("The Site A Courier");
    const report = await scanTree({
      "site-a/one.txt": doc([...brownParagraphs("ca01").slice(0, 4), ...footer]),
      "site-a/two.txt": doc([...brownParagraphs("cj05").slice(0, 4), ...footer]),
    });
    // Three 20-word paragraphs shared by two articles of ~300 words: a shared passage at most,
    // never more than the footer's share of each side.
    for (const p of report.pairs) {
      expect(p.coverage.a).toBeLessThan(0.5);
      expect(p.coverage.b).toBeLessThan(0.5);
      expect(p.kind).toBe("shared-passage");
    }
  });

  it("one statement reposted verbatim on six sites: all 15 pairs, one family, no boilerplate", async () => {
    expect(STATEMENT).toHaveLength(6);
    const files: Record<string, string> = {};
    for (let s = 1; s <= 6; s++) files[`site-${s}/statement.txt`] = doc([`Posted by site ${s} staff`, ...STATEMENT]);
    const report = await scanTree(files);
    expect(report.pairs).toHaveLength(15);
    for (const p of report.pairs) {
      expect(p.coverage.a).toBeGreaterThanOrEqual(0.9);
      expect(p.coverage.b).toBeGreaterThanOrEqual(0.9);
      // Every statement paragraph (1..6) is matched to itself.
      const statementMatches = p.matches.filter((m) => m.a.paragraph >= 1).map((m) => [m.a.paragraph, m.b.paragraph]);
      expect(statementMatches).toEqual([1, 2, 3, 4, 5, 6].map((i) => [i, i]));
    }
    expect(familiesOf(report)).toEqual([[1, 2, 3, 4, 5, 6].map((s) => `site-${s}/statement.txt`)]);
    expect(report.summary.boilerplateParagraphs).toBe(0);
  });

  it("a text that is the whole document, copied four times in one folder, is content: all 6 pairs", async () => {
    // A licence file or a bare press release: recurring, one site, but nothing else around it.
    const files: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) files[`site-a/release-${i}.txt`] = doc(STATEMENT);
    const report = await scanTree(files);
    expect(report.pairs).toHaveLength(6);
    for (const p of report.pairs) expect(p.coverage).toEqual({ a: 1, b: 1 });
    expect(familiesOf(report)).toEqual([[1, 2, 3, 4].map((i) => `site-a/release-${i}.txt`)]);
    expect(report.summary.boilerplateParagraphs).toBe(0);
  });

  it("a statement reposted on six sites, each followed by the site's own longer commentary: still all 15 pairs", async () => {
    // The statement is less than half of each page, and sits at its top (in the frame):
    // only the spread over six sites tells it from a header block.
    const files: Record<string, string> = {};
    for (let s = 1; s <= 6; s++) {
      const commentary: string[] = [];
      let words = 0;
      for (const p of brownParagraphs(["ca01", "ca02", "cl01", "cn01", "cp01", "cr01"][s - 1]!)) {
        const n = p.split(/\s+/).length;
        if (n > 100) continue;
        commentary.push(p);
        words += n;
        if (words >= 250) break;
      }
      expect(words).toBeGreaterThanOrEqual(250);
      files[`site-${s}/statement.txt`] = doc([`Posted by site ${s} staff`, ...STATEMENT, ...commentary]);
    }
    const report = await scanTree(files);
    const statements = [1, 2, 3, 4, 5, 6].map((s) => `site-${s}/statement.txt`);
    expect(report.pairs).toHaveLength(15);
    expect(familiesOf(report)).toEqual([statements]);
    for (const p of report.pairs) {
      expect(p.matches.map((m) => [m.a.paragraph, m.b.paragraph])).toEqual([1, 2, 3, 4, 5, 6].map((i) => [i, i]));
    }
    expect(report.summary.boilerplateParagraphs).toBe(0);
  });

  it("a statement reposted on six sites, each wrapping every article in its own footer: the statement pairs, the footers do not", async () => {
    const files: Record<string, string> = {};
    for (let s = 1; s <= 6; s++) {
      const footer = plainFooter(`Site ${s} Daily`);
      files[`site-${s}/statement.txt`] = doc([`Posted by site ${s} staff`, ...STATEMENT, ...footer]);
      files[`site-${s}/local-1.txt`] = doc([...brownParagraphs(BROWN[2 * s - 2]!).slice(0, 4), ...footer]);
      files[`site-${s}/local-2.txt`] = doc([...brownParagraphs(BROWN[2 * s - 1]!).slice(0, 4), ...footer]);
    }
    const report = await scanTree(files);
    expect(report.summary.documents).toBe(18);
    const statements = [1, 2, 3, 4, 5, 6].map((s) => `site-${s}/statement.txt`);
    expect(report.pairs.map((p) => [p.a, p.b]).sort()).toEqual(
      statements.flatMap((a, i) => statements.slice(i + 1).map((b) => [a, b])).sort(),
    );
    expect(familiesOf(report)).toEqual([statements]);
    // Footers are boilerplate (3 per document); the statement's paragraphs are not.
    for (const d of report.documents) expect(d.boilerplateParagraphs, d.path).toBe(3);
  });
});

// ---------------------------------------------------------------------------
// Families group passages, not documents.

describe("families", () => {
  it("a round-up quoting two statements sits in two families; the statements' own pages never meet", async () => {
    const A = seedParagraphs("000").slice(0, 3);
    const B = seedParagraphs("001").slice(5, 8);
    const files = {
      "x.txt": doc(["IOM statement", ...A]),
      "y.txt": doc(["UN chief on trafficking", ...B]),
      "r.txt": doc([
        "Weekly round-up: what the agencies said about trafficking in persons this week, in their own words, for our readers.",
        ...A,
        "Meanwhile, in New York, the Secretary-General of the United Nations issued a message of his own on the same day.",
        ...B,
      ]),
    };
    const report = await scanTree(files);
    expect(pairOf(report, "r.txt", "x.txt")).toBeDefined();
    expect(pairOf(report, "r.txt", "y.txt")).toBeDefined();
    expect(pairOf(report, "x.txt", "y.txt")).toBeUndefined();
    const families = familiesOf(report);
    expect(families.sort()).toEqual([
      ["r.txt", "x.txt"],
      ["r.txt", "y.txt"],
    ]);
    for (const f of families) expect(f.includes("x.txt") && f.includes("y.txt")).toBe(false);
    // The round-up carries all of x and all of y.
    const rx = pairOf(report, "r.txt", "x.txt")!;
    expect(rx.a === "x.txt" ? rx.coverage.a : rx.coverage.b).toBeGreaterThanOrEqual(0.9);
    // Each pair names its family, and the families list the pairs.
    for (const p of report.pairs) {
      const f = report.families.find((x) => x.id === p.family)!;
      expect(f.documents).toContain(p.a);
      expect(f.documents).toContain(p.b);
    }
  });
});

describe("a statement carried by many sites", () => {
  it("1,010 copies: one family, pairs that grow with the copies and not their square, the earliest-dated copy the origin of every other", async () => {
    const statement = brownParagraphs("ca01").slice(0, 6);
    const files: Record<string, string> = {};
    for (let i = 0; i < 1010; i++) {
      const site = `site-${String(i).padStart(4, "0")}`;
      // Stated dates: the statement appeared first on site-0777; the copies a day or two later.
      const date = i === 777 ? "2022-07-30" : i % 2 ? "2022-07-31" : "2022-08-01";
      files[`${site}/statement.md`] = `---\ntitle: Statement on the matter\ndate: ${date}\n---\n\n${doc(statement)}`;
    }
    const report = await scanTree(files);
    expect(report.families).toHaveLength(1);
    const family = report.families[0]!;
    expect(family.documents).toHaveLength(1010);
    // Past 1,000 copies of a paragraph, copies are paired through leaders; these copies are identical,
    // one group, paired through its head, the earliest-dated (by path, site-0000 would be): not 509,545 pairs.
    expect(family.origin).toBe("site-0777/statement.md");
    expect(report.pairs.length).toBeLessThanOrEqual(16 * 1010);
    const withOrigin = new Set(report.pairs.flatMap((p) => (p.a === family.origin ? [p.b] : p.b === family.origin ? [p.a] : [])));
    expect(withOrigin.size).toBe(1009);
    expect(family.edges).toHaveLength(1009);
    for (const e of family.edges) expect(e.from).toBe(family.origin);
  }, 60_000);

  it("995 identical copies, one paragraph of which 30 short articles quote: paired through the group's head though that paragraph is crowded", async () => {
    // Paragraph 0 is in 1,025 documents (crowded, paired through leaders), the others in
    // 995 (not): the copies used to be left ungrouped, and paired copy by copy (494,995 pairs).
    const statement = brownParagraphs("ca01").slice(0, 6);
    const files: Record<string, string> = {};
    for (let i = 0; i < 995; i++) {
      const date = i === 777 ? "2022-07-30" : "2022-08-01";
      files[`site-${String(i).padStart(4, "0")}/statement.md`] = `---\ndate: ${date}\n---\n\n${doc(statement)}`;
    }
    for (let i = 0; i < 30; i++) files[`news-${String(i).padStart(2, "0")}/quote.md`] = `---\ndate: 2022-08-0${2 + (i % 7)}\n---\n\n${doc([`Report ${i}: the statement in full.`, statement[0]!])}`;
    const report = await scanTree(files);
    const family = report.families.find((f) => f.documents.includes("site-0000/statement.md"))!;
    expect(family.documents).toHaveLength(1025);
    expect(family.origin).toBe("site-0777/statement.md");
    // The head, the earliest, leads: it meets its 994 members and all 30 quotes; each
    // member meets it and the other 15 leaders (quotes), not all 30.
    expect(report.pairs.length).toBeLessThanOrEqual(995 * 17 + 30 * 16);
    const withOrigin = new Set(report.pairs.flatMap((p) => (p.a === family.origin ? [p.b] : p.b === family.origin ? [p.a] : [])));
    for (let i = 0; i < 30; i++) expect(withOrigin.has(`news-${String(i).padStart(2, "0")}/quote.md`)).toBe(true);
    expect(family.edges.filter((e) => e.to.startsWith("news-") && e.from === family.origin)).toHaveLength(30);
    const toCopies = family.edges.filter((x) => x.to.startsWith("site-"));
    expect(toCopies).toHaveLength(994);
    for (const e of toCopies) expect(e.from).toBe(family.origin);
  }, 60_000);

  it("140 undated identical copies: the group's head is the origin only by path, and its confidence says so", async () => {
    // Paired through their head, the first by path, the copies hung from it with confidence
    // 1.00: its 139 pairs were the grouping's doing. Each copy that could have been the
    // head now shares the confidence; one copy stating the earliest date keeps it.
    const statement = brownParagraphs("ca01").slice(0, 4);
    const files: Record<string, string> = {};
    for (let i = 0; i < 140; i++) files[`site-${String(i).padStart(3, "0")}/statement.md`] = doc(statement);
    const undated = await scanTree(files);
    expect(undated.families).toHaveLength(1);
    expect(undated.families[0]!.origin).toBe("site-000/statement.md");
    expect(undated.families[0]!.confidence).toBeCloseTo(1 / 140, 3);
    // Each edge too: any of the 139 others could have been a copy's parent. Its raw
    // share, 1/140, calibrated (σ(0.4·logit + 1.28)): 0.33, as 140 copies paired all
    // with all would give; the head's place made it 0.78.
    for (const e of undated.families[0]!.edges) expect(e.confidence).toBeCloseTo(1 / (1 + Math.exp(-(0.4 * Math.log(1 / 139) + 1.28))), 3);
    files["site-077/statement.md"] = `---\ndate: 2022-07-30\n---\n\n${doc(statement)}`;
    const dated = await scanTree(files);
    expect(dated.families[0]!.origin).toBe("site-077/statement.md");
    expect(dated.families[0]!.confidence).toBeGreaterThan(0.9);
    for (const e of dated.families[0]!.edges) expect(e.confidence).toBeGreaterThan(0.85);
    // A review's case: undated again, the head credited by every copy's "Source:" line (in
    // their trailing chrome, so still one group) keeps its confidence.
    const credited: Record<string, string> = {};
    for (let i = 0; i < 140; i++) credited[`site-${String(i).padStart(3, "0")}/statement.md`] = doc([...statement, i === 0 ? "Copyright 2022 site000.org. All rights reserved." : "Copyright 2022. All rights reserved. Source: site000.org"]);
    const sourced = await scanTree(credited);
    expect(sourced.pairs).toHaveLength(139);
    expect(sourced.families[0]!.origin).toBe("site-000/statement.md");
    expect(sourced.families[0]!.confidence).toBeGreaterThan(0.9);
    for (const e of sourced.families[0]!.edges) expect(e.confidence).toBeGreaterThan(0.9);
    // A review's case: the head's page is the Harbour Gazette's, and every copy's text names
    // the Gazette. The other copies name no one: none could have been a copy's parent so.
    const gazette = [...statement, "The Harbour Gazette has learned that the council will meet again on Monday to vote on the plan."];
    const named: Record<string, string> = {};
    for (let i = 0; i < 140; i++) named[`site-${String(i).padStart(3, "0")}/statement.md`] = `---\nsite: ${i === 0 ? "Harbour Gazette" : `Site ${String(i).padStart(3, "0")}`}\n---\n\n${doc(gazette)}`;
    const mentioned = await scanTree(named);
    expect(mentioned.families[0]!.origin).toBe("site-000/statement.md");
    expect(mentioned.families[0]!.confidence).toBeGreaterThan(0.9);
    for (const e of mentioned.families[0]!.edges) expect(e.confidence).toBeGreaterThan(0.9);
  }, 60_000);

  it("140 undated copies that credit one site: that site is the origin of every copy, not the group's head", async () => {
    const statement = brownParagraphs("ca01").slice(0, 6);
    const files: Record<string, string> = {};
    for (let i = 0; i < 140; i++) {
      const site = `site-${String(i).padStart(3, "0")}`;
      // The copies are identical (one group, headed by site-000); site-077's page is the original.
      const own = i === 77 ? ["Contact the newsroom at editor@site077.org for more."] : ["Source: site077.org"];
      files[`${site}/statement.md`] = doc([...statement, ...own]);
    }
    const report = await scanTree(files);
    expect(report.families).toHaveLength(1);
    const family = report.families[0]!;
    expect(family.documents).toHaveLength(140);
    expect(family.origin).toBe("site-077/statement.md");
    expect(family.edges.filter((e) => e.from === family.origin)).toHaveLength(139);
    // Within the group only its head is paired with the others: 138 + 139 pairs, not 9,730.
    expect(report.pairs).toHaveLength(138 + 139);
  }, 60_000);

  it("130 copies of a short statement that 16 earlier articles quote: every copy is paired", async () => {
    // A review's case: paired only with leaders (the earliest-dated, here the quoting
    // articles), each copy shares 15 words with them, short of a pair: none was paired.
    const title = "Statement on the harbour closure";
    const statement = "The harbour will stay closed to all shipping until the inspection is finished next week.";
    const files: Record<string, string> = {};
    for (let i = 0; i < 16; i++) {
      const own = brownParagraphs(`ca${String(i + 2).padStart(2, "0")}`).slice(0, 4);
      files[`news-${String(i).padStart(2, "0")}/article.md`] = `---\ndate: 2022-07-0${1 + (i % 9)}\n---\n\n${doc([...own.slice(0, 2), statement, ...own.slice(2)])}`;
    }
    for (let i = 0; i < 130; i++) files[`site-${String(i).padStart(3, "0")}/statement.md`] = `---\ndate: 2022-08-${String(1 + (i % 28)).padStart(2, "0")}\n---\n\n${doc([title, statement])}`;
    const report = await scanTree(files);
    const paired = new Set(report.pairs.flatMap((p) => [p.a, p.b]).filter((d) => d.startsWith("site-")));
    expect(paired.size).toBe(130);
    expect(report.families.some((f) => f.documents.filter((d) => d.startsWith("site-")).length === 130)).toBe(true);
  }, 60_000);
});

describe("one sentence in many near variants", () => {
  it("a newsletter blurb with each of 60 sites' names in it, 20 records each: one family, pairs that grow with the records and not their square", async () => {
    // Each variant alone is in 20 records, far from crowded; with its 59 near variants it
    // is in 1,200. Counted alone, every record was paired with every other (about 700,000 pairs).
    const names = ["Stonebridge", "Fairview", "Harbour", "Millbrook", "Oakdale", "Riverside"];
    const lines: string[] = [];
    for (let s = 0; s < 60; s++) {
      const site = `${names[s % 6]} ${["Beacon", "Review", "Herald", "Courier", "Gazette", "Post", "Times", "Echo", "Star", "Ledger"][Math.floor(s / 6)]}`;
      for (let k = 0; k < 20; k++) lines.push(JSON.stringify({ id: `s${s}-${k}`, text: `Sign up for the ${site} newsletter and get the day's top stories delivered to your inbox every single morning.` }));
    }
    const report = await scanTree({ "records.jsonl": lines.join("\n") + "\n" });
    expect(report.summary.documents).toBe(1200);
    expect(report.families).toHaveLength(1);
    expect(report.families[0]!.documents).toHaveLength(1200);
    // Each record with the leaders (16) of its own text and of its variants': at most 32 pairs a record.
    expect(report.pairs.length).toBeLessThanOrEqual(32 * 1200);
    expect(report.pairs.length).toBeGreaterThanOrEqual(1199);
  }, 60_000);
});

// ---------------------------------------------------------------------------
// Bad files among good ones.

describe("files that cannot be compared", () => {
  it("an empty file and a binary file give errors, and the good files' pairs are unchanged", async () => {
    const good: Record<string, string> = {
      "a.txt": readSeed("000"),
      "b.txt": readSeed("002"),
      "c.txt": readSeed("001"),
    };
    const baseline = await scanTree(good);
    expect(baseline.pairs).toHaveLength(1);
    const binary = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]);
    const report = await scanTree({ ...good, "empty.txt": "", "image.txt": binary, "notes/blank.md": "\n \n\t\n" });
    expect(report.pairs).toEqual(baseline.pairs);
    expect(report.families).toEqual(baseline.families);
    expect(report.summary.documents).toBe(3);
    const codes = report.errors.map((e) => [e.path, e.code]);
    expect(codes).toContainEqual(["empty.txt", "empty"]);
    expect(codes).toContainEqual(["image.txt", "binary"]);
    expect(codes).toContainEqual(["notes/blank.md", "empty"]);
    expect(report.summary.errors).toBe(report.errors.length);
    expect(report.documents.map((d) => d.path)).toEqual(["a.txt", "b.txt", "c.txt"]);
    for (const e of report.errors) expect(e.message.length).toBeGreaterThan(0);
  });
});

describe("encodings", () => {
  it("UTF-8 with BOM and UTF-16 LE/BE copies of a text pair with it as identical", async () => {
    const text = readSeed("003");
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const utf16be = Buffer.from(utf16le);
    utf16be.swap16(); // BOM becomes FE FF
    const report = await scanTree({
      "a.txt": text,
      "b.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
      "c.txt": utf16le,
      "d.txt": utf16be,
    });
    expect(report.errors).toEqual([]);
    expect(report.pairs).toHaveLength(6);
    const doc = report.documents[0]!;
    for (const p of report.pairs) {
      expect(p.coverage).toEqual({ a: 1, b: 1 });
      const identity = p.matches.filter((m) => m.kind === "exact" && m.a.paragraph === m.b.paragraph && m.a.line === m.b.line);
      expect(identity.length).toBe(doc.paragraphs - doc.boilerplateParagraphs);
    }
  });
});

describe("paragraph alignment of a pair", () => {
  it("an identical copy of a real page is aligned one-to-one: no paragraph matched to two", async () => {
    // Seed 003 has a title and a dateline that share words ("World Day Against
    // Trafficking in Persons"); in a verbatim copy each is still only its own counterpart.
    const text = readSeed("003");
    const report = await scanTree({ "a.txt": text, "b.txt": text });
    const pair = report.pairs[0]!;
    const off = pair.matches.filter((m) => m.a.paragraph !== m.b.paragraph);
    expect(off.map((m) => `${m.a.paragraph}->${m.b.paragraph} ${m.kind}`)).toEqual([]);
  });
});

// Keep the seeds folder honest: the files this suite reads are there.
it("the seed files are readable", () => {
  for (const p of ["000", "001", "002", "003", "004"]) expect(readFileSync(path.join(SEEDS, seedFileName(p)), "utf8").length).toBeGreaterThan(500);
});
