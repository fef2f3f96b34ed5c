/**
 * A folder of 100,000 small files, scanned end to end: every file read once,
 * none lost, no pair among texts that share nothing, in a time that grows with
 * the files (about 15 s on the 2-core machine this project runs on; the
 * timeout leaves room for a busy CI). The files are written once per run into
 * a temporary folder (about 3 s).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";

const FOLDERS = 100;
const PER_FOLDER = 1000;
let dir = "";

/** mulberry32: a small PRNG whose low bits are as random as its high ones. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "statdup-many-"));
  const next = prng(20260101);
  const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "da", "fu", "gi", "ha", "ju", "ke", "la", "mo", "nu", "pe", "qi", "ro", "su", "ta", "wu", "xe", "yo", "zu"];
  const word = (): string => Array.from({ length: 2 + (next() % 3) }, () => syllables[next() % syllables.length]).join("");
  for (let f = 0; f < FOLDERS; f++) {
    const folder = path.join(dir, `part-${String(f).padStart(3, "0")}`);
    mkdirSync(folder);
    for (let i = 0; i < PER_FOLDER; i++) {
      const words = Array.from({ length: 12 + (next() % 30) }, word);
      writeFileSync(path.join(folder, `note-${String(i).padStart(4, "0")}.txt`), `${words.join(" ")}.\n`);
    }
  }
}, 120_000);

// Removing 100,000 files takes more than the default 10 s hook timeout on a busy 2-core machine.
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe("a folder of 100,000 small files", () => {
  it("is scanned whole: every file a document, no error, no pair", async () => {
    const started = performance.now();
    const report = await scan({ inputs: [dir], cwd: dir, mtime: false });
    const seconds = (performance.now() - started) / 1000;
    expect(report.errors).toEqual([]);
    expect(report.summary.documents).toBe(FOLDERS * PER_FOLDER);
    expect(report.documents[0]!.path).toBe("part-000/note-0000.txt");
    expect(report.documents[report.documents.length - 1]!.path).toBe("part-099/note-0999.txt");
    expect(report.pairs).toEqual([]);
    console.log(`100,000 files scanned in ${seconds.toFixed(1)} s`);
  }, 180_000);
});
