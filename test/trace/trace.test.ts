/**
 * Provenance on generated families with known truth: who is the origin, who is
 * each copy's parent, and "undetermined" where the evidence cannot decide.
 * Articles are real prose (Brown corpus), each on its own site (folder) with a
 * dateline and a copyright line, copied the ways the web copies.
 */
import { describe, expect, it } from "vitest";
import { Chalk } from "chalk";
import { analyze, scan, type ReportFamily, type ScanReport } from "../../src/index.js";
import { textReport } from "../../src/report/text-report.js";
import { brownParagraphs } from "../helpers/corpus.js";
import { withTree, type Tree } from "../helpers/tmp.js";

interface Page {
  readonly site: string;
  readonly title: string;
  readonly date: string | null;
  readonly paragraphs: readonly string[];
  /** A credit line under the body, e.g. "Source: Harbor Times". */
  readonly credit?: string;
}

function page(p: Page): string {
  const blocks = [p.title];
  if (p.date) blocks.push(`By the newsroom | ${p.date}`);
  blocks.push(...p.paragraphs);
  if (p.credit) blocks.push(p.credit);
  blocks.push(`Copyright 2021 ${p.site}. All rights reserved.`);
  return blocks.join("\n\n") + "\n";
}

/** Word-level edits a copy editor makes: spelling variants, a synonym. */
function edit(paragraph: string, n: number): string {
  const swaps: [RegExp, string][] = [
    [/\bthe\b/, "this"],
    [/\band\b/, "as well as"],
    [/\bwas\b/, "had been"],
    [/\bin\b/, "within"],
  ];
  let out = paragraph;
  for (let k = 0; k < n; k++) out = out.replace(swaps[k % swaps.length]![0], swaps[k % swaps.length]![1]);
  return out;
}

const source = brownParagraphs("ca01", 30).slice(0, 6);

async function trace(files: Record<string, Page>): Promise<ScanReport> {
  const tree: Tree = Object.fromEntries(Object.entries(files).map(([path, p]) => [path, page(p)]));
  return withTree(tree, (dir) => scan({ inputs: [dir], cwd: dir, mtime: false }));
}

function onlyFamily(report: ScanReport): ReportFamily {
  expect(report.families).toHaveLength(1);
  return report.families[0]!;
}

function parentOf(family: ReportFamily, path: string): string | undefined {
  return family.edges.find((e) => e.to === path)?.from;
}

describe("provenance on generated families", () => {
  it("orders a chain original → edited copy → copy of the copy by dates and shared edits", async () => {
    const edited = source.map((p) => edit(p, 3));
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/a.txt": { site: "Valley Post", title: "Grand jury report", date: "July 2, 2021", paragraphs: edited },
      "coast/b.txt": { site: "Coast Herald", title: "Grand jury report", date: "July 4, 2021", paragraphs: edited.slice(0, 5) },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("harbor/o.txt");
    expect(family.determined).toBe(true);
    expect(parentOf(family, "valley/a.txt")).toBe("harbor/o.txt");
    // b carries a's edits: its parent is a, not the original.
    expect(parentOf(family, "coast/b.txt")).toBe("valley/a.txt");
    const dateEvidence = family.edges.find((e) => e.to === "valley/a.txt")!.evidence.find((e) => e.type === "earlier-date");
    expect(dateEvidence?.weight).toBeGreaterThan(0);
  });

  it("puts an undated excerpt that credits its source under that source", async () => {
    const report = await trace({
      "harbor/full.txt": { site: "Harbor Times", title: "Grand jury report", date: null, paragraphs: source },
      "valley/excerpt.txt": {
        site: "Valley Post",
        title: "Grand jury report",
        date: null,
        paragraphs: source.slice(0, 2),
        credit: "This article was originally published by Harbor Times.",
      },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("harbor/full.txt");
    expect(family.determined).toBe(true);
    const types = family.edges[0]!.evidence.map((e) => e.type);
    expect(types).toContain("attribution");
    expect(types).toContain("contains");
  });

  it("decides a same-day full copy by its credit line", async () => {
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/c.txt": { site: "Valley Post", title: "Grand jury report", date: "July 1, 2021", paragraphs: source, credit: "Source: Harbor Times" },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("harbor/o.txt");
    expect(family.determined).toBe(true);
    expect(family.edges[0]!.evidence.find((e) => e.type === "attribution")?.weight).toBeGreaterThan(0);
  });

  it("says 'undetermined' for identical copies of one day with nothing else to go on", async () => {
    const report = await trace({
      "harbor/x.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/y.txt": { site: "Valley Post", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
    });
    const family = onlyFamily(report);
    expect(family.determined).toBe(false);
    expect(family.confidence).toBeLessThan(0.6);
    expect(family.edges[0]!.evidence.filter((e) => e.type === "earlier-date")).toEqual([]);
  });

  it("never lets a later-dated document be the origin of an earlier one when nothing else speaks for it", async () => {
    const report = await trace({
      "harbor/late.txt": { site: "Harbor Times", title: "Grand jury report", date: "August 9, 2021", paragraphs: source },
      "valley/early.txt": { site: "Valley Post", title: "Grand jury report", date: "March 3, 2021", paragraphs: source.slice(0, 5) },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("valley/early.txt");
    // The earlier, shorter text wins over "contains", which points the other way.
    const edge = family.edges[0]!;
    expect(edge.evidence.find((e) => e.type === "contains")?.weight).toBeLessThan(0);
  });

  it("records what each copy changed", async () => {
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/a.txt": { site: "Valley Post", title: "Grand jury report", date: "July 2, 2021", paragraphs: [...source.slice(0, 4).map((p) => edit(p, 1))] },
    });
    const edge = onlyFamily(report).edges[0]!;
    // Two body paragraphs, and the parent's dateline (the copy has its own).
    expect(edge.changes.paragraphsDropped).toBe(3);
    expect(edge.changes.replaced).toContainEqual(["the", "this"]);
  });
});

/** An abridger's cut: the last sentence of a paragraph dropped, when it has more than one. */
function shorten(paragraph: string): string {
  const cut = paragraph.slice(0, -1).lastIndexOf(". ");
  return cut > 40 ? paragraph.slice(0, cut + 1) : paragraph;
}

describe("provenance: the per-triple shared-variants test", () => {
  // b abridges the original: paragraphs 2 and 4 dropped, two paragraphs shortened.
  const abridged = [shorten(source[0]!), source[1]!, shorten(source[3]!), source[5]!];

  it("puts a copy of an abridgement under the abridgement, not under the original it is also inside", async () => {
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/b.txt": { site: "Valley Post", title: "Grand jury report", date: "July 2, 2021", paragraphs: abridged },
      "coast/c.txt": { site: "Coast Herald", title: "Grand jury report", date: "July 4, 2021", paragraphs: abridged },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("harbor/o.txt");
    expect(parentOf(family, "valley/b.txt")).toBe("harbor/o.txt");
    // c is wholly inside the original too ("contains"), but it carries b's cuts: b is its parent.
    expect(parentOf(family, "coast/c.txt")).toBe("valley/b.txt");
  });

  it("names the witness an edge would skip", async () => {
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/b.txt": { site: "Valley Post", title: "Grand jury report", date: "July 2, 2021", paragraphs: abridged.map((p) => edit(p, 2)) },
      "coast/c.txt": { site: "Coast Herald", title: "Grand jury report", date: "July 4, 2021", paragraphs: abridged.map((p) => edit(p, 2)).slice(0, 3) },
    });
    const family = onlyFamily(report);
    expect(parentOf(family, "coast/c.txt")).toBe("valley/b.txt");
    const shared = family.edges.find((e) => e.to === "coast/c.txt")!.evidence.find((e) => e.type === "shared-variants");
    // On the chosen edge nothing stands between parent and child.
    expect(shared?.detail ?? "").not.toMatch(/stands between/);
  });

  it("keeps independent copies that cut the same tail as siblings under the original", async () => {
    const report = await trace({
      "harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "valley/x.txt": { site: "Valley Post", title: "Grand jury report", date: "July 2, 2021", paragraphs: source.slice(0, 3) },
      "coast/y.txt": { site: "Coast Herald", title: "Grand jury report", date: "July 2, 2021", paragraphs: source.slice(0, 3) },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("harbor/o.txt");
    expect(parentOf(family, "valley/x.txt")).toBe("harbor/o.txt");
    expect(parentOf(family, "coast/y.txt")).toBe("harbor/o.txt");
  });
});

describe("provenance: credits and issuers", () => {
  it("takes the document another member credits as the source for the origin, when dates and texts say nothing", async () => {
    // o and its verbatim copy e read alike; c, an excerpt, names o's site. Path order would pick e.
    const report = await trace({
      "z-harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: null, paragraphs: source },
      "a-valley/e.txt": { site: "Valley Post", title: "Grand jury report", date: null, paragraphs: source },
      "b-coast/c.txt": { site: "Coast Herald", title: "Grand jury report", date: null, paragraphs: source.slice(0, 4), credit: "This article was originally published by Harbor Times." },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("z-harbor/o.txt");
    expect(family.originEvidence.map((e) => e.type)).toContain("credited");
    expect(parentOf(family, "b-coast/c.txt")).toBe("z-harbor/o.txt");
  });

  it("finds a statement's origin on the issuer's own site among identical reposts of the same day", async () => {
    const body = ["Statement by Ana Lima, Director General of the Harbor Fisheries Council, on Quotas", "July 1, 2021", ...source.slice(0, 4)];
    const repost = body.join("\n\n") + "\n";
    const issuer = ["Harbor Fisheries Council | Newsroom", ...body, "Media contact: press@harborfisheries.org", "© 2021 Harbor Fisheries Council. All rights reserved."].join("\n\n") + "\n";
    const report = await withTree({ "council/statement.txt": issuer, "a/statement.txt": repost, "b/statement.txt": repost, "c/statement.txt": repost }, (dir) =>
      scan({ inputs: [dir], cwd: dir, mtime: false }),
    );
    const family = onlyFamily(report);
    expect(family.origin).toBe("council/statement.txt");
    expect(family.determined).toBe(true);
    for (const copy of ["a/statement.txt", "b/statement.txt", "c/statement.txt"]) expect(parentOf(family, copy)).toBe("council/statement.txt");
  });
});

describe("provenance: a stated date, a labelled title, a site's record", () => {
  it("takes the copy that states its date over undated copies that carry each other's edits", async () => {
    // o → a → b: a edits o, b edits a further. a reads closest to the family's consensus
    // (b carries a's edits), so without dates a would look like the origin.
    const a = source.map((p) => edit(p, 2));
    const b = a.map((p) => edit(p, 4));
    const report = await trace({
      "x-harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "a-valley/a.txt": { site: "Valley Post", title: "Grand jury report", date: null, paragraphs: a },
      "b-coast/b.txt": { site: "Coast Herald", title: "Grand jury report", date: null, paragraphs: b },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("x-harbor/o.txt");
    const edge = family.edges.find((e) => e.from === "x-harbor/o.txt")!;
    expect(edge.evidence.find((e) => e.type === "stated-date")?.weight).toBeGreaterThan(0);
  });

  it("counts a verbatim copy of a copy once: it does not make its parent the family's consensus reading", async () => {
    // o → a → b, b is a word for word: counted twice, a's reading would outvote o's.
    const a = source.map((p) => edit(p, 3));
    const report = await trace({
      "x-harbor/o.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
      "a-valley/a.txt": { site: "Valley Post", title: "Grand jury report", date: null, paragraphs: a },
      "b-coast/b.txt": { site: "Coast Herald", title: "Grand jury report", date: "July 2, 2021", paragraphs: a },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("x-harbor/o.txt");
    expect(family.edges.flatMap((e) => e.evidence).filter((e) => e.type === "shared-variants" && e.detail.includes("consensus"))).toEqual([]);
  });

  it("gives no weight to a stated date between texts that only share a passage (the seeds' 003/004)", async () => {
    const report = await scan({ inputs: ["fixtures/seeds"], mtime: false });
    const family = report.families.find((f) => f.documents.some((d) => d.startsWith("003_")))!;
    expect(family.edges.flatMap((e) => e.evidence).filter((e) => e.type === "stated-date")).toEqual([]);
    expect(family.determined).toBe(false);
  });

  it("takes the page whose title has no republisher's label for the origin of a same-day copy", async () => {
    const report = await trace({
      "a-valley/copy.txt": { site: "Valley Post", title: "WATCH: Grand jury report", date: "July 1, 2021", paragraphs: source },
      "z-harbor/original.txt": { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source },
    });
    const family = onlyFamily(report);
    expect(family.origin).toBe("z-harbor/original.txt");
    expect(family.determined).toBe(true);
    expect(family.edges[0]!.evidence.find((e) => e.type === "title-label")?.detail).toMatch(/adds "watch"/);
  });

  it("sees no republisher's label in a title cut short, a byline, a lede that goes on, or a site name after a dash", async () => {
    const cases: [string, string][] = [
      ["Exclusive report on the grand jury", "Exclusive report"],
      ["By the newsroom, staff writers", "By the newsroom"],
      ["The grand jury met on Tuesday", "The grand jury met"],
      ["Grand jury report - Valley Post", "Grand jury report"],
    ];
    for (const [longer, shorter] of cases) {
      const report = await trace({
        "a-valley/copy.txt": { site: "Valley Post", title: longer, date: "July 1, 2021", paragraphs: source },
        "z-harbor/original.txt": { site: "Harbor Times", title: shorter, date: "July 1, 2021", paragraphs: source },
      });
      const family = onlyFamily(report);
      expect(family.edges[0]!.evidence.filter((e) => e.type === "title-label"), `${longer} / ${shorter}`).toEqual([]);
      expect(family.determined, `${longer} / ${shorter}`).toBe(false);
    }
  });

  it("breaks a same-day tie by which site held the origin in the families that dates settle", async () => {
    const files: Record<string, Page> = {};
    // Six dated families: Harbor Times publishes, Valley Post copies a day later.
    ["ca02", "ca03", "ca04", "ca05", "ca06", "ca07"].forEach((text, i) => {
      const paragraphs = brownParagraphs(text, 30).slice(0, 5);
      files[`z-harbor/${text}.txt`] = { site: "Harbor Times", title: `Report ${i}`, date: `March ${i + 1}, 2021`, paragraphs };
      files[`a-valley/${text}.txt`] = { site: "Valley Post", title: `Report ${i}`, date: `March ${i + 2}, 2021`, paragraphs };
      // Harbor Times carries each article twice (a second section): a site counts once per family.
      files[`z-harbor/again-${text}.txt`] = { site: "Harbor Times", title: `Report ${i}`, date: `March ${i + 3}, 2021`, paragraphs };
    });
    // Two pages of one site, the same day: the record cannot tell them apart, and is not shown.
    files["m-valley/one.txt"] = { site: "Valley Post", title: "Budget vote", date: "May 1, 2021", paragraphs: brownParagraphs("ca08", 30).slice(0, 5) };
    files["m-valley/two.txt"] = { site: "Valley Post", title: "Budget vote", date: "May 1, 2021", paragraphs: brownParagraphs("ca08", 30).slice(0, 5) };
    // One family of the same day: nothing in the pair itself tells the direction.
    files["z-harbor/tie.txt"] = { site: "Harbor Times", title: "Grand jury report", date: "July 1, 2021", paragraphs: source };
    files["a-valley/tie.txt"] = { site: "Valley Post", title: "Grand jury report", date: "July 1, 2021", paragraphs: source };
    const report = await trace(files);
    expect(report.families).toHaveLength(8);
    const oneSite = report.families.find((f) => f.documents.includes("m-valley/one.txt"))!;
    expect(oneSite.originEvidence.filter((e) => e.type === "site-record")).toEqual([]);
    const settled = report.families.filter((f) => !f.documents.includes("z-harbor/tie.txt") && f !== oneSite);
    for (const f of settled) expect(f.origin.startsWith("z-harbor/")).toBe(true);
    const tie = report.families.find((f) => f.documents.includes("z-harbor/tie.txt"))!;
    expect(tie.origin).toBe("z-harbor/tie.txt");
    expect(tie.originEvidence.find((e) => e.type === "site-record")?.detail).toMatch(/Harbor Times holds the origin in 6 of the 6/);
    // Two documents: the one edge's confidence is the family's, the record included.
    expect(tie.edges[0]!.confidence).toBe(tie.confidence);
    expect(tie.determined).toBe(true);
    // And the text report says what decided it.
    const text = await withTree(
      Object.fromEntries(Object.entries(files).map(([path, p]) => [path, page(p)])),
      async (dir) => textReport(await analyze({ inputs: [dir], cwd: dir, mtime: false }), { color: new Chalk({ level: 0 }) }),
    );
    expect(text).toMatch(/z-harbor\/tie\.txt .*origin \(confidence 0\.\d\d: site's record \+\)/);
  });
});

describe("provenance on the seeds", () => {
  it("takes the dated page of the 002/000 family for its origin, and leaves the 003/004 family undetermined", async () => {
    const report = await scan({ inputs: ["fixtures/seeds"], mtime: false });
    expect(report.families).toHaveLength(2);
    const statement = report.families.find((f) => f.documents.some((d) => d.startsWith("000_")))!;
    // 000 is 002's text, whole, with its own site's boilerplate and no date of its own.
    expect(statement.origin.startsWith("002_")).toBe(true);
    expect(statement.determined).toBe(true);
    expect(statement.edges[0]!.evidence.map((e) => e.type)).toContain("stated-date");
    // Two edited versions of one speech: neither text proves the other its source.
    const speech = report.families.find((f) => f.documents.some((d) => d.startsWith("003_")))!;
    expect(speech.determined).toBe(false);
  });

  it("titles a family by its statement, not by a site's section label taken as a first line", async () => {
    const report = await scan({ inputs: ["fixtures/seeds"], mtime: false });
    const family = report.families.find((f) => f.documents.some((d) => d.startsWith("000_")))!;
    // 000's first line is "Dominica Editor's Choice"; 002's is the statement's title.
    expect(family.title).toMatch(/^IOM Director General Statement on World Day against Trafficking in Persons/);
  });
});
