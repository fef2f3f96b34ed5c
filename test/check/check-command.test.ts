/**
 * `statdup check` end to end, in-process, on a copy of fixtures/check/newsroom:
 * the baseline round trip (write; pass; a new copied article fails and is
 * named; unrelated edits and moved paragraphs still pass), `--changed` and
 * `--since` (new article vs the archive, no old-vs-old pairs), and the exit codes.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";

const FIXTURE = path.join(ROOT, "fixtures", "check", "newsroom");
const BASELINE = ".statdup-baseline.json";

let dir: string;

function read(rel: string): string {
  return readFileSync(path.join(dir, ...rel.split("/")), "utf8");
}

function write(rel: string, text: string): void {
  const file = path.join(dir, ...rel.split("/"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Blocks of a fixture file: the title line, then one paragraph per block. */
function blocks(rel: string): string[] {
  return read(rel).trimEnd().split("\n\n");
}

function join(parts: readonly string[]): string {
  return parts.join("\n\n") + "\n";
}

const check = (...args: string[]) => runCli(["check", ...args], { cwd: dir });

/** A review's case: a.md and c.md carry a statement, b.md and d.md a rewrite of it (matched to it only below the default threshold). */
const STATEMENT = "The city council voted on Tuesday to approve a new budget that raises spending on public libraries, parks and road repairs across every district next year.";
const REWRITE = "Critics said on Monday that the vote to approve a new budget that raises spending on public libraries, parks and pools ignored the road repairs that residents had demanded for years.";

function writeTown(): void {
  write("town/a.md", join(["# Budget", "A paragraph of this page's own about the weather and the roads in the county this week.", STATEMENT]));
  write("town/c.md", join(["# Council", STATEMENT]));
  write("town/b.md", join(["# Critics", "Another paragraph of this page's own, about the harbour, the ferries and the summer timetable.", REWRITE]));
  write("town/d.md", join(["# Reaction", REWRITE]));
}

/** An article with its own intro and four paragraphs of the 2022 editorial. */
function newCopy(): string {
  const editorial = blocks("archive/2022-editorial.md");
  return join(["# Schools, again", "Our reporter went back to the schools this week and found that little had changed since the board last met in the spring.", ...editorial.slice(1, 5)]);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "statdup-check-"));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git")); // the repository root: config search stops here
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("check with no options", () => {
  it("fails (exit 1) on the one republication in the fixture, naming both documents", async () => {
    const r = await check(".");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("news/roundup.md duplicates archive/2021-statement.md");
    expect(r.stdout).toMatch(/statdup check: failed: 1 document pair with republished text \(3 passages\)/);
    expect(r.stderr).toBe("");
  });
});

describe("the baseline round trip", () => {
  beforeEach(async () => {
    const w = await check(".", "--write-baseline", BASELINE);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(`statdup: wrote 1 accepted pair (3 passages) to ${BASELINE}`);
  });

  it("records the pair with paths relative to the baseline file, sorted, without timestamps", () => {
    const data = JSON.parse(read(BASELINE)) as { statdupBaseline: number; findings: { a: string; b: string; passages: string[] }[] };
    expect(data.statdupBaseline).toBe(1);
    expect(data.findings).toHaveLength(1);
    expect(data.findings[0]).toMatchObject({ a: "archive/2021-statement.md", b: "news/roundup.md" });
    expect(data.findings[0]!.passages).toHaveLength(3);
    expect(data.findings[0]!.passages).toEqual([...data.findings[0]!.passages].sort());
  });

  it("then check passes", async () => {
    const r = await check(".", "--baseline", BASELINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("statdup check: passed · 1 pair checked, 1 accepted by the baseline");
  });

  it("a new article that copies the archive fails, and is named", async () => {
    write("news/schools-again.md", newCopy());
    const r = await check(".", "--baseline", BASELINE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("news/schools-again.md duplicates archive/2022-editorial.md");
    expect(r.stdout).not.toContain("news/roundup.md duplicates");
    expect(r.stdout).toMatch(/1 accepted by the baseline/);
  });

  it("editing an unrelated paragraph (of the copy and of the original) still passes", async () => {
    const roundup = blocks("news/roundup.md");
    roundup[1] = "A new intro, rewritten from scratch by the editor, with nothing in it from anywhere else at all.";
    write("news/roundup.md", join(roundup));
    const statement = blocks("archive/2021-statement.md");
    statement[1] = statement[1]!.replace(/\bjury\b/, "grand jury");
    write("archive/2021-statement.md", join(statement));
    const r = await check(".", "--baseline", BASELINE);
    expect(r.stdout).toContain("accepted by the baseline");
    expect(r.code).toBe(0);
  });

  it("moving paragraphs (new lines, new order, rewrapped) still passes", async () => {
    const [title, intro, p1, p2, p3, outro] = blocks("news/roundup.md");
    const rewrapped = p2!.replace(/(\S+ \S+ \S+ \S+ \S+ \S+ \S+ \S+) /g, "$1\n");
    write("news/roundup.md", join([title!, intro!, outro!, "An added paragraph about something else entirely, for the readers of this week's edition.", p3!, p1!, rewrapped]));
    const r = await check(".", "--baseline", BASELINE);
    expect(r.code).toBe(0);
  });

  it("editing the copied paragraph itself makes that passage new (re-run --write-baseline to accept it)", async () => {
    const roundup = blocks("news/roundup.md");
    roundup[3] = `${roundup[3]!} The editors add a sentence of their own here.`;
    write("news/roundup.md", join(roundup));
    const r = await check(".", "--baseline", BASELINE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("2 passages accepted by the baseline; these are new:");
  });

  it("a passage both documents already carried passes between them: 120 copies of a statement, the group's head deleted", async () => {
    // 120 identical copies are paired through one of them (their head), so the baseline
    // records its 119 pairs; without the head, the next copy heads the group and its pairs are new ones.
    const statement = blocks("archive/2021-statement.md");
    for (let i = 0; i < 120; i++) write(`copies/c${String(i).padStart(3, "0")}.md`, join(statement));
    rmSync(path.join(dir, "archive", "2021-statement.md"));
    expect((await check(".", "--write-baseline", BASELINE)).code).toBe(0);
    const written = JSON.parse(read(BASELINE)) as { findings: { a: string; b: string }[] };
    const head = "copies/c000.md";
    expect(written.findings.filter((f) => f.a.startsWith("copies/") && f.b.startsWith("copies/")).every((f) => f.a === head || f.b === head)).toBe(true);
    rmSync(path.join(dir, "copies", "c000.md"));
    const r = await check(".", "--baseline", BASELINE);
    expect(r.stdout).toContain("accepted by the baseline");
    expect(r.code).toBe(0);
    // A copy that carried none of it before still fails.
    write("news/another.md", join(["# Another", "A paragraph of this page's own, about the weather and the roads this week in the county.", ...statement.slice(1, 4)]));
    expect((await check(".", "--baseline", BASELINE)).code).toBe(1);
  }, 60_000);

  it("copies that differ pass after a leader is deleted: a blurb with 60 sites' names, 20 records each, one record deleted", async () => {
    // Near variants past 1,000 copies are paired through 16 leaders; without one, the
    // next copy leads, and its pairs with every variant are passages the baseline never
    // saw (1,180 failures). Each side's paragraph is one its record carried: they pass.
    const sites = Array.from({ length: 60 }, (_, s) => `${["Stonebridge", "Fairview", "Harbour", "Millbrook", "Oakdale", "Riverside"][s % 6]} ${["Beacon", "Review", "Herald", "Courier", "Gazette", "Post", "Times", "Echo", "Star", "Ledger"][Math.floor(s / 6)]}`);
    const blurb = (site: string) => `Sign up for the ${site} newsletter and get the day's top stories delivered to your inbox every single morning.`;
    const records = sites.flatMap((site, s) => Array.from({ length: 20 }, (_, k) => JSON.stringify({ id: `s${s}-${k}`, text: blurb(site) })));
    write("feeds/records.jsonl", records.join("\n") + "\n");
    expect((await check("feeds", "--write-baseline", "feeds.json")).code).toBe(0);
    const written = JSON.parse(read("feeds.json")) as { carried: Record<string, string[]>; linked: string[][] };
    expect(Object.keys(written.carried)).toHaveLength(1200);
    // The 60 variants, joined through the leaders' passages into one text.
    expect(written.linked).toHaveLength(1);
    expect(written.linked[0]).toHaveLength(60);
    write("feeds/records.jsonl", records.slice(1).join("\n") + "\n");
    const deleted = await check("feeds", "--baseline", "feeds.json");
    expect(deleted.stdout).toMatch(/passed · \d+ pairs checked, \d+ accepted by the baseline/);
    expect(deleted.code).toBe(0);
    // A hand edit that puts a linked text in a second group joins the groups (a review: 20 failures).
    const handEdited = JSON.parse(read("feeds.json")) as { linked: string[][] };
    write("feeds-edited.json", JSON.stringify({ ...handEdited, linked: [...handEdited.linked, [handEdited.linked[0]![0]!, "ffffffffffffffff"]] }));
    expect((await check("feeds", "--baseline", "feeds-edited.json")).code).toBe(0);
    // A new record carrying one of the variants fails; so does a record whose blurb is edited.
    write("feeds/records.jsonl", [...records.slice(1), JSON.stringify({ id: "new-1", text: blurb(sites[3]!) })].join("\n") + "\n");
    const added = await check("feeds", "--baseline", "feeds.json");
    expect(added.code).toBe(1);
    expect(added.stdout).toContain("records.jsonl#new-1");
    const edited = records.slice(1).map((r) => (r.includes('"s7-3"') ? JSON.stringify({ id: "s7-3", text: blurb(sites[7]!).replace("every single morning", "every morning, and our weekend digest") }) : r));
    write("feeds/records.jsonl", edited.join("\n") + "\n");
    const changed = await check("feeds", "--baseline", "feeds.json");
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("records.jsonl#s7-3");
  }, 60_000);

  it("standard input is never recorded as carrying text", async () => {
    const statement = blocks("archive/2021-statement.md");
    const w = await runCli(["check", "archive", "-", "--stdin-format", "markdown", "--write-baseline", "stdin.json"], { cwd: dir, stdin: join(statement) });
    expect(w.code).toBe(0);
    const written = JSON.parse(read("stdin.json")) as { findings: { a: string; b: string }[]; carried: Record<string, string[]> };
    expect(written.findings.some((f) => f.a === "-" || f.b === "-")).toBe(true);
    expect(Object.keys(written.carried)).not.toContain("-");
    expect(Object.keys(written.carried)).toContain("archive/2021-statement.md");
  });

  it("standard input links no texts: a blend piped in once does not join a statement and its rewrite", async () => {
    // A review's case: the blend matched both, and joined them in `linked` for good.
    const blend = "The city council voted on Tuesday to approve a new budget that raises spending on public libraries, parks and pools ignored the road repairs that residents had demanded for years.";
    writeTown();
    const w = await runCli(["check", "town", "-", "--stdin-format", "markdown", "--write-baseline", "town.json"], { cwd: dir, stdin: join(["# Stdin", blend]) });
    expect(w.code).toBe(0);
    expect((JSON.parse(read("town.json")) as { findings: { a: string; b: string }[] }).findings.some((f) => f.a === "-" || f.b === "-")).toBe(true);
    expect((await check("town", "--baseline", "town.json", "--threshold", "0.25")).code).toBe(1);
  }, 60_000);

  it("two texts each already carried, never matched before, are a new passage (a lower --threshold matching a statement to its rewrite)", async () => {
    // A review's case: a.md and c.md carry a statement, b.md and d.md a rewrite of it; the
    // default threshold pairs a–c and b–d only. At 0.25 the statement meets its rewrite.
    writeTown();
    expect((await check("town", "--write-baseline", "town.json")).code).toBe(0);
    expect((JSON.parse(read("town.json")) as { findings: unknown[] }).findings).toHaveLength(2);
    expect((await check("town", "--baseline", "town.json")).code).toBe(0);
    const lower = await check("town", "--baseline", "town.json", "--threshold", "0.25");
    expect(lower.code).toBe(1);
    expect(lower.stdout).toMatch(/[cd]\.md duplicates [cd]\.md/);
  }, 60_000);

  it("works from another folder with other inputs reaching the same files", async () => {
    mkdirSync(path.join(dir, "tools"));
    const r = await runCli(["check", "..", "--baseline", `../${BASELINE}`], { cwd: path.join(dir, "tools") });
    expect(r.code).toBe(0);
    const news = await runCli(["check", "../news", "../archive", "--baseline", `../${BASELINE}`], { cwd: path.join(dir, "tools") });
    expect(news.code).toBe(0);
  });

  it("a missing or malformed baseline is exit 2, naming the file", async () => {
    const missing = await check(".", "--baseline", "nope.json");
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe("statdup: nope.json: baseline not found (write one with --write-baseline)\n");
    write("bad.json", '{"findings": {}}');
    const bad = await check(".", "--baseline", "bad.json");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^statdup: bad\.json: not a statdup baseline/);
    write("carried.json", '{"statdupBaseline": 1, "findings": [], "carried": {"a.md": "0123456789abcdef"}}');
    const carried = await check(".", "--baseline", "carried.json");
    expect(carried.code).toBe(2);
    expect(carried.stderr).toBe('statdup: carried.json: "carried" must map document paths to lists of paragraph fingerprints\n');
    write("linked.json", '{"statdupBaseline": 1, "findings": [], "carried": {}, "linked": ["0123456789abcdef"]}');
    const linked = await check(".", "--baseline", "linked.json");
    expect(linked.code).toBe(2);
    expect(linked.stderr).toBe('statdup: linked.json: "linked" must be a list of lists of paragraph fingerprints\n');
    write("unlinked.json", '{"statdupBaseline": 1, "findings": [], "carried": {}}');
    const unlinked = await check(".", "--baseline", "unlinked.json");
    expect(unlinked.code).toBe(2);
    expect(unlinked.stderr).toMatch(/^statdup: unlinked\.json: has "carried" but no "linked".*--write-baseline\n$/);
  });
});

describe("--allow and large groups of identical copies", () => {
  // 100 or more identical copies are paired through their head only (the earliest):
  // what --allow lets pass for an allowed head must not pass for every copy.
  const statement = readFileSync(path.join(FIXTURE, "archive", "2021-statement.md"), "utf8").trimEnd().split("\n\n");
  const dated = (date: string) => join([`---\ndate: ${date}\n---\n\n${statement[0]!}`, ...statement.slice(1)]);
  const findingsOf = (stdout: string) =>
    (JSON.parse(stdout) as { check: { findings: { copy: string; original: string }[] } }).check.findings;

  // Only these copies: the newsroom's own articles quote the statement.
  beforeEach(() => {
    for (const folder of ["archive", "news"]) rmSync(path.join(dir, folder), { recursive: true });
  });

  it("120 copies whose head is an allowed wire copy still fail one another, as 20 copies do", async () => {
    write("wire/statement.md", dated("2021-06-01"));
    for (const count of [20, 120]) {
      for (let i = 0; i < count; i++) write(`copies/c${String(i).padStart(3, "0")}.md`, dated("2021-06-02"));
      const r = await check(".", "--allow", "wire/**", "--format", "json");
      expect(r.code, `${count} copies`).toBe(1);
      const named = new Set(findingsOf(r.stdout).flatMap((f) => [f.copy, f.original]));
      // Every copy fails, and only copies: the wire copy may be copied.
      for (let i = 0; i < count; i++) expect(named.has(`copies/c${String(i).padStart(3, "0")}.md`), `${count} copies: c${i}`).toBe(true);
      expect([...named].filter((p) => !p.startsWith("copies/"))).toEqual([]);
    }
  }, 60_000);

  it("one copy of 120 allowed wire copies passes", async () => {
    for (let i = 0; i < 120; i++) write(`wire/w${String(i).padStart(3, "0")}.md`, dated("2021-06-01"));
    write("news/copy.md", dated("2021-06-02"));
    expect((await check(".", "--allow", "wire/**")).code).toBe(0);
    write("news/another.md", dated("2021-06-03"));
    const r = await check(".", "--allow", "wire/**", "--format", "json");
    expect(r.code).toBe(1);
    expect(findingsOf(r.stdout).map((f) => [f.copy, f.original].sort())).toEqual([["news/another.md", "news/copy.md"]]);
  }, 60_000);

  it("a paragraph past 1,000 copies, 20 of them allowed and earliest: the other copies still fail one another", async () => {
    // Such a paragraph is paired through its first 16 copies (leaders): 16 allowed
    // leaders would let every other copy pass, so under --allow they lead last.
    const paragraph = statement[1]!;
    const word = (n: number) => Array.from({ length: 6 }, (_, k) => String.fromCharCode(97 + ((n * 7919 + k * 104729 + ((n * k) % 13)) % 26))).join("");
    const intro = (i: number) => Array.from({ length: 14 }, (_, k) => word(i * 31 + k * 1009 + 17)).join(" ") + ".";
    const record = (id: string, date: string, text: string) => JSON.stringify({ id, date, text });
    write("wire/feed.jsonl", Array.from({ length: 20 }, (_, i) => record(`w${i}`, "2021-06-01", paragraph)).join("\n") + "\n");
    write("sites/feed.jsonl", Array.from({ length: 1000 }, (_, i) => record(`c${i}`, "2021-06-02", `${intro(i)}\n\n${paragraph}`)).join("\n") + "\n");
    const r = await check(".", "--allow", "wire/**", "--format", "json");
    expect(r.code).toBe(1);
    const named = new Set(findingsOf(r.stdout).flatMap((f) => [f.copy, f.original]));
    expect([...named].filter((p) => p.startsWith("wire/"))).toEqual([]);
    expect(named.size).toBe(1000);
  }, 60_000);

  it("with --cache, the last run's report is not taken for other allow rules", async () => {
    write("wire/statement.md", dated("2021-06-01"));
    for (let i = 0; i < 120; i++) write(`copies/c${String(i).padStart(3, "0")}.md`, dated("2021-06-02"));
    // Allowing nothing that is here, all 121 are one group under the wire copy: that report, judged by --allow 'wire/**', would pass.
    expect((await check(".", "--cache", "--allow", "elsewhere/**")).code).toBe(1);
    expect((await check(".", "--cache", "--allow", "wire/**")).code).toBe(1);
  }, 60_000);
});

describe("--changed: the changed documents against the whole corpus", () => {
  beforeEach(() => write("news/schools-again.md", newCopy()));

  it("reports the new article's pairs, and never the old-vs-old pair", async () => {
    const r = await check(".", "--format", "json", "--changed", "news/schools-again.md");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { pairs: { a: string; b: string }[]; check: { changed: string[]; findings: { copy: string; original: string }[] } };
    expect(json.pairs.map((p) => [p.a, p.b])).toEqual([["archive/2022-editorial.md", "news/schools-again.md"]]);
    expect(json.check.changed).toEqual(["news/schools-again.md"]);
    expect(json.check.findings.map((f) => [f.copy, f.original])).toEqual([["news/schools-again.md", "archive/2022-editorial.md"]]);
  });

  it("passes when the changed documents copy nothing, whatever the archive holds", async () => {
    const r = await check(".", "--changed", "news/science-notes.md");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 pairs checked against 1 changed document");
  });

  it("the changed document is the copy, even when provenance would say otherwise", async () => {
    const r = await check(".", "--changed", "archive/2021-statement.md", "--format", "json");
    const json = JSON.parse(r.stdout) as { check: { findings: { copy: string }[] } };
    expect(json.check.findings.map((f) => f.copy)).toEqual(["archive/2021-statement.md"]);
  });

  it("warns about a named file that is no scanned document", async () => {
    const r = await check(".", "--changed", "news/science-notes.md", "news/deleted.md");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("statdup: warning: --changed news/deleted.md: not among the scanned documents\n");
  });
});

describe("--since: the files git says changed", () => {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "pipe" });

  beforeEach(() => {
    rmSync(path.join(dir, ".git"), { recursive: true });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "archive");
  });

  it("checks an untracked new article against the archive", async () => {
    write("news/schools-again.md", newCopy());
    const r = await check(".", "--since", "HEAD");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("news/schools-again.md duplicates archive/2022-editorial.md");
    expect(r.stdout).not.toContain("news/roundup.md");
  });

  it("passes when nothing changed", async () => {
    const r = await check(".", "--since", "HEAD");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 pairs checked against 0 changed documents");
  });

  it("sees committed changes since the ref, from a subfolder too", async () => {
    write("news/schools-again.md", newCopy());
    git("add", "-A");
    git("commit", "-q", "-m", "new article");
    const r = await runCli(["check", "..", "--since", "HEAD~1", "--format", "github"], { cwd: path.join(dir, "news") });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=schools-again\.md,line=5,/);
  });

  it("a git failure is exit 2 with what git said", async () => {
    const r = await check(".", "--since", "no-such-ref");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^statdup: --since no-such-ref: git diff failed: fatal: .*no-such-ref/);
  });

  it("outside a repository is exit 2", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "statdup-nogit-"));
    try {
      writeFileSync(path.join(outside, "a.md"), "Some text of a document that is long enough to be read as one.\n");
      const r = await runCli(["check", ".", "--since", "HEAD"], { cwd: outside });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^statdup: --since HEAD: git rev-parse failed: /);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("the library: import { check } from \"statdup\"", () => {
  it("returns the verdict and never prints", async () => {
    const { check: checkLib } = await import("../../src/index.js");
    const writes: unknown[] = [];
    const original = [process.stdout.write, process.stderr.write];
    process.stdout.write = ((chunk: unknown) => (writes.push(chunk), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown) => (writes.push(chunk), true)) as typeof process.stderr.write;
    try {
      write("news/schools-again.md", newCopy());
      const run = await checkLib({ inputs: ["."], cwd: dir }, { policy: { maxCoverage: 0.5 }, changed: ["news/schools-again.md"] });
      expect(run.result.passed).toBe(false);
      expect(run.result.findings.map((f) => f.copy)).toEqual(["news/schools-again.md"]);
      expect(run.report.pairs).toHaveLength(1);
    } finally {
      [process.stdout.write, process.stderr.write] = original as [typeof process.stdout.write, typeof process.stderr.write];
    }
    expect(writes).toEqual([]);
  });
});
