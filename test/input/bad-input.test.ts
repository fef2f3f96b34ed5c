/**
 * No bad file breaks a scan: a folder of good documents mixed with every kind
 * of bad input (fixtures/bad-input/generate.js) is scanned end to end. The
 * good documents get exactly the results they get alone; each bad file (or
 * record) has its error or warning, in errors[] and on stderr; files that are
 * bad but readable still give their documents; --strict exits 2.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badFiles, generate, MAX_FILE_SIZE, type Made } from "../../fixtures/bad-input/generate.js";
import { scan, type ScanReport } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

let mixedDir = "";
let goodDir = "";
let made: Made;
let mixed: ScanReport;
let alone: ScanReport;

// mtime off: the two folders are written moments apart, and a file date is not what is compared.
const options = (dir: string) => ({ inputs: [dir], cwd: dir, maxFileSize: MAX_FILE_SIZE, mtime: false });

beforeAll(async () => {
  mixedDir = mkdtempSync(path.join(os.tmpdir(), "statdup-bad-"));
  goodDir = mkdtempSync(path.join(os.tmpdir(), "statdup-good-"));
  made = generate(mixedDir);
  generate(goodDir, { bad: false });
  [mixed, alone] = await Promise.all([scan(options(mixedDir)), scan(options(goodDir))]);
}, 60_000);

afterAll(() => {
  for (const dir of [mixedDir, goodDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const isGood = (p: string): boolean => p.startsWith("good/");

describe("a scan with bad files beside good ones", () => {
  it("gives the good documents exactly the results they get alone", () => {
    expect(alone.errors).toEqual([]);
    expect(alone.documents.length).toBe(11);
    expect(mixed.documents.filter((d) => isGood(d.path))).toEqual(alone.documents);
    // Family numbers are ranks among all families, so they shift; everything else is equal.
    const unnumbered = (pairs: ScanReport["pairs"]) => pairs.map((p) => ({ ...p, family: 0 }));
    expect(unnumbered(mixed.pairs.filter((p) => isGood(p.a) || isGood(p.b)))).toEqual(unnumbered(alone.pairs));
    const goodFamilies = mixed.families.filter((f) => f.documents.some(isGood));
    expect(goodFamilies.every((f) => f.documents.every(isGood))).toBe(true);
    expect(goodFamilies.map(({ id: _id, ...f }) => f)).toEqual(alone.families.map(({ id: _id, ...f }) => f));
    expect(mixed.errors.filter((e) => isGood(e.path))).toEqual([]);
  });

  it("pairs the good documents as expected: the seeds' two families, and the Chinese, Arabic and Russian copies", () => {
    const families = alone.families.map((f) => [...f.documents].sort());
    expect(families).toContainEqual(["good/000_0260406033e61649.txt", "good/002_d9c98dc35bfc551d.txt"]);
    expect(families).toContainEqual(["good/003_969cd088062e8f53.txt", "good/004_b0a4aa1939d752b1.txt"]);
    for (const lang of ["zh", "ar", "ru"]) expect(families).toContainEqual([`good/scripts/${lang}-copy.txt`, `good/scripts/${lang}-original.txt`]);
    expect(families.flat()).not.toContain("good/001_ba66b3c3b52cdbb8.txt");
  });

  it("reports every bad file (or record) with its code and severity", () => {
    const { expected } = badFiles();
    const got = new Set(mixed.errors.map((e) => `${e.path} ${e.code} ${e.severity}`));
    for (const [p, problems] of Object.entries(expected)) {
      if (p === "bad/fifo.txt" && !made.fifo) continue;
      if (p === "bad/locked.txt" && !made.unreadable) continue; // root reads it: see below
      for (const [code, severity] of problems) expect(got, `${p} ${code}`).toContain(`${p} ${code} ${severity}`);
    }
    expect(mixed.errors.map((e) => e.code)).not.toContain("internal-error");
    // Nothing else went wrong.
    const listed = new Set(Object.entries(expected).flatMap(([p, problems]) => problems.map(([code, severity]) => `${p} ${code} ${severity}`)));
    expect([...got].filter((e) => !listed.has(e))).toEqual([]);
  });

  it("still reads what is bad but readable: legacy encodings, UTF-16, long lines, records after a bad one", () => {
    const paths = mixed.documents.map((d) => d.path);
    for (const p of badFiles().documents) expect(paths).toContain(p);
    if (!made.unreadable) expect(paths).toContain("bad/locked.txt"); // running as root
    const pairOf = (a: string, b: string) => mixed.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    expect(pairOf("bad/legacy-1252.txt", "bad/legacy-utf8.txt")?.kind).toBe("identical");
    expect(pairOf("bad/wide-utf16le.txt", "bad/wide-utf8.txt")?.kind).toBe("identical");
    expect(pairOf("bad/wide-utf16be.txt", "bad/wide-utf8.txt")?.kind).toBe("identical");
  });

  it("walks the folder named like a file, and does not follow the link to its own folder", () => {
    expect(mixed.documents.map((d) => d.path)).toContain("bad/folder.txt/inside.txt");
    expect(mixed.documents.filter((d) => d.path.startsWith("bad/loop/"))).toEqual([]);
  });

  it("with --follow: the link to its own folder is a symlink-loop, and nothing else changes", async () => {
    const followed = await scan({ ...options(mixedDir), follow: true });
    const codes = (r: ScanReport) => r.errors.map((e) => `${e.path} ${e.code} ${e.severity}`);
    expect(codes(followed)).toEqual([...codes(mixed), "bad/loop symlink-loop error"].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(followed.documents).toEqual(mixed.documents);
    expect(followed.pairs).toEqual(mixed.pairs);
  }, 60_000);
});

describe("the command line on the bad-input folder", () => {
  it("prints each problem on stderr, the report on stdout, and exits 0; --strict exits 2", async () => {
    const argv = ["scan", mixedDir, "--max-file-size", String(MAX_FILE_SIZE), "--no-mtime", "-q"];
    const plain = await runCli(argv, { cwd: mixedDir });
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("statdup: bad/scan.txt: PDF document, not text: skipped\n");
    expect(plain.stderr).toContain("statdup: bad/records.jsonl:2: not valid JSON");
    expect(plain.stderr).toContain("statdup: bad/legacy-1252.txt: warning: not valid UTF-8: read as Windows-1252");
    expect(plain.stdout).toMatch(/files skipped \(.*binary.*\)/);
    const strict = await runCli([...argv, "--strict"], { cwd: mixedDir });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe(plain.stdout.replace(/· \d+ ms/, strict.stdout.match(/· \d+ ms/)![0]));
  }, 60_000);

  it("--strict exits 0 when there are only warnings", async () => {
    const good = await runCli(["scan", goodDir, "--strict", "-q"], { cwd: goodDir });
    expect(good.code).toBe(0);
    expect(good.stderr).toBe("");
  }, 60_000);
});
