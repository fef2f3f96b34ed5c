#!/usr/bin/env node
/**
 * Boilerplate stress (issue 6): N articles that all end with the same three
 * footer paragraphs, and 1,000 of them that share a header. Each body is its
 * own generated prose (Brown-corpus Markov sentences, bench/corpus.js), so no
 * two articles share content: every pair reported would come from the chrome.
 *
 * It scans the corpus twice — with the chrome, and the same bodies without it —
 * and prints wall time, MB/s, peak RSS, candidate pairs and reported pairs of
 * each. What it shows: the footer shared by N documents costs about as much as
 * any other paragraph, and yields no pair. Each corpus is read just before each
 * of its scans, so that both are scanned from the page cache (--cold leaves the
 * cache as it is); with --runs N the two scans alternate N times and the table
 * gives each one's median wall time, with every run's below it.
 *
 *   node bench/stress.js [--docs 100000] [--seed 1] [--jobs N] [--runs N] [--cold]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Prose } from "./corpus.js";
import { loadBrown } from "./lib/brown.js";
import { readTree } from "./lib/page-cache.js";
import { Rng } from "./lib/prng.js";

const ROOT = resolve(new URL("..", import.meta.url).pathname);

/** @param {string[]} argv */
function args(argv) {
  const o = { docs: 100000, seed: 1, jobs: /** @type {string|null} */ (null), runs: 1, cold: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--docs") o.docs = Number(argv[++i]);
    else if (a === "--seed") o.seed = Number(argv[++i]);
    else if (a === "--jobs") o.jobs = String(argv[++i]);
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--cold") o.cold = true;
    else {
      console.error(`stress: unknown option ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) {
    console.error("stress: --runs must be a whole number from 1");
    process.exit(2);
  }
  return o;
}

const FOOTER = [
  "Comments are moderated. We will delete comments that are abusive, off-topic or that promote hatred of any kind, and we never publish your email address.",
  "Share this article with your friends and family on social media, or send it by email to someone who would want to read it.",
  "Copyright 2024 The Daily Planet Media Group. All rights reserved. This material may not be published, broadcast, rewritten or distributed.",
];
const HEADER = "The Daily Planet · News · Politics · Business · Culture · Opinion · Subscribe to our newsletter for the morning briefing";

/** @param {{docs: number, seed: number}} o @param {string} dir @param {boolean} chrome */
function generate(o, dir, chrome) {
  rmSync(dir, { recursive: true, force: true });
  const rng = new Rng(`stress:${o.seed}`);
  const prose = new Prose(loadBrown(), rng);
  const genres = Object.keys(prose.models);
  let bytes = 0;
  for (let i = 0; i < o.docs; i++) {
    const folder = join(dir, `part-${String(Math.floor(i / 1000)).padStart(3, "0")}`);
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    const genre = /** @type {string} */ (genres[i % genres.length]);
    const body = [];
    for (let p = 0; p < 3; p++) {
      const s = [];
      for (let k = 0; k < 3; k++) s.push(prose.sentence(genre, null).text);
      body.push(s.join(" "));
    }
    const blocks = [...(chrome && i < 1000 ? [HEADER] : []), `Article ${i}`, ...body, ...(chrome ? FOOTER : [])];
    const text = blocks.join("\n\n") + "\n";
    bytes += Buffer.byteLength(text);
    writeFileSync(join(folder, `a${i}.txt`), text);
  }
  return bytes;
}

/** @param {string} dir @param {string|null} jobs */
function scan(dir, jobs) {
  const out = join(ROOT, "bench", "out", "stress-report.json");
  // A failed scan must not leave the last scan's report to be read as its own.
  rmSync(out, { force: true });
  const cmd = ["-f", "%e %M", process.execPath, "--max-old-space-size=8192", join(ROOT, "bin", "statdup.js"), "scan", dir, "--format", "json", "--no-progress", "--no-mtime", "-o", out];
  if (jobs) cmd.push("--jobs", jobs);
  const r = spawnSync("/usr/bin/time", cmd, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.error(`stress: the scan of ${dir} failed (exit ${r.status ?? r.signal}):\n${r.stderr.trim()}`);
    process.exit(1);
  }
  const [wall, rss] = (r.stderr.trim().split("\n").pop() ?? "0 0").split(" ").map(Number);
  const report = JSON.parse(readFileSync(out, "utf8"));
  return { wall: wall ?? 0, rssMB: Math.round((rss ?? 0) / 1024), summary: report.summary };
}

const o = args(process.argv.slice(2));
const base = join(ROOT, "bench", "out");
mkdirSync(base, { recursive: true });
const corpora = [true, false].map((chrome) => {
  const dir = join(base, `stress-${o.docs}-${chrome ? "chrome" : "plain"}`);
  const t = Date.now();
  const bytes = existsSync(join(dir, ".done")) ? Number(readFileSync(join(dir, ".done"), "utf8")) : generate(o, dir, chrome);
  writeFileSync(join(dir, ".done"), String(bytes));
  console.error(`stress: ${dir} (${(bytes / 1e6).toFixed(1)} MB) ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { corpus: chrome ? "with shared footer + header" : "bodies only", dir, mb: bytes / 1e6, runs: /** @type {ReturnType<typeof scan>[]} */ ([]) };
});
for (let run = 0; run < o.runs; run++) {
  for (const c of corpora) {
    if (!o.cold) readTree(c.dir);
    console.error(`stress: scanning ${c.dir}${o.runs > 1 ? ` (run ${run + 1} of ${o.runs})` : ""}`);
    c.runs.push(scan(c.dir, o.jobs));
  }
}
/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? /** @type {number} */ (s[(s.length - 1) / 2]) : (/** @type {number} */ (s[s.length / 2 - 1]) + /** @type {number} */ (s[s.length / 2])) / 2;
};
console.log(`\nstatdup boilerplate stress: ${o.docs} documents${o.runs > 1 ? `, median of ${o.runs} alternating runs` : ""}${o.cold ? ", page cache as found" : ", page cache warmed"}\n`);
console.log("corpus                        MB  wall s  MB/s  peak RSS MB  boilerplate paragraphs  candidate pairs  pairs");
for (const c of corpora) {
  const r = /** @type {ReturnType<typeof scan>} */ (c.runs[c.runs.length - 1]);
  const s = r.summary;
  const wall = median(c.runs.map((x) => x.wall));
  const rss = Math.round(median(c.runs.map((x) => x.rssMB)));
  // The counts are the scan's own, the same on every run: the last run's stand for all.
  const counts = (/** @type {ReturnType<typeof scan>} */ x) => `${x.summary.boilerplateParagraphs} ${x.summary.candidatePairs} ${x.summary.pairs}`;
  if (c.runs.some((x) => counts(x) !== counts(r))) console.error(`stress: the runs of ${c.corpus} disagree on their counts: ${c.runs.map(counts).join(" / ")}`);
  console.log(
    `${c.corpus.padEnd(28)} ${c.mb.toFixed(1).padStart(5)} ${wall.toFixed(1).padStart(7)} ${(c.mb / wall).toFixed(1).padStart(5)} ${String(rss).padStart(12)} ${String(s.boilerplateParagraphs).padStart(23)} ${String(s.candidatePairs).padStart(16)} ${String(s.pairs).padStart(6)}`,
  );
}
if (o.runs > 1) for (const c of corpora) console.log(`${c.corpus}: ${c.runs.map((x) => x.wall.toFixed(1)).join(", ")} s`);
