#!/usr/bin/env node
// statdup cache benchmark: how much faster is a second run with --cache?
//
//   npm run build && node bench/cache.js            # 10,000 documents, seed 1, 3 rounds
//   node bench/cache.js --docs 2000 --runs 5 -- --cache-strategy content
//
// The corpus (bench/out/corpus-<docs>-<seed>, generated when missing) is copied
// to a temporary folder, since one of the runs edits files. Each round, with an
// empty cache folder:
//   plain     no --cache
//   first     --cache, cache empty (it is written)
//   second    --cache, nothing changed
//   changed   --cache, after --change (default 1 %) of the files got a sentence more
// Wall time of each is measured (the whole process, as a user sees it), the
// median over rounds reported, and the reports compared: first and second must
// be identical to plain, and changed to a plain run over the edited corpus
// (apart from elapsedMs). Writes bench/out/cache-last-run.json.

import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, parseArgs } from "./corpus.js";
import { runMain } from "./lib/run-main.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const OUT = join(HERE, "out");
const BIN = join(ROOT, "bin", "statdup.js");

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[m]) : (/** @type {number} */ (s[m - 1]) + /** @type {number} */ (s[m])) / 2;
};

/** GNU time, for the CPU time of a run (on a shared machine, wall time also counts the neighbours). */
const GNU_TIME = existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%U", "-o", "/dev/null", "true"]).status === 0;

/**
 * Run statdup; return wall ms, CPU ms (user + system, null without GNU time) and the report with elapsedMs blanked.
 * @param {string[]} args
 * @param {string} cwd
 */
function timed(args, cwd) {
  const timeFile = join(cwd, ".time");
  const argv = GNU_TIME ? ["/usr/bin/time", "-f", "%U %S", "-o", timeFile, process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const t0 = performance.now();
  const r = spawnSync(/** @type {string} */ (argv[0]), argv.slice(1), { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`statdup ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  let cpu = null;
  if (GNU_TIME) {
    const [user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop()?.split(" ").map(Number) ?? [];
    if (user !== undefined && sys !== undefined) cpu = (user + sys) * 1000;
  }
  return { ms, cpu, report: r.stdout.replace(/"elapsedMs": \d+/, '"elapsedMs": 0'), stderr: r.stderr };
}

/** @param {string} dir @returns {string[]} corpus files, sorted */
function corpusFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(txt|md|html)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function main() {
  const argv = process.argv.slice(2);
  const dd = argv.indexOf("--");
  const extra = dd >= 0 ? argv.slice(dd + 1) : [];
  const args = parseArgs(dd >= 0 ? argv.slice(0, dd) : argv);
  for (const k of Object.keys(args)) if (!["docs", "seed", "runs", "change", "help"].includes(k)) throw new Error(`unknown option --${k}`);
  if (args.help) {
    process.stdout.write("usage: node bench/cache.js [--docs N] [--seed S] [--runs R] [--change SHARE] [-- statdup args…]\n");
    return 0;
  }
  if (!existsSync(join(ROOT, "dist", "scan.js"))) throw new Error("dist/ is missing: npm run build first");
  const docs = Number(args.docs ?? 10000);
  const seed = args.seed ?? 1;
  const runs = Number(args.runs ?? 3);
  const change = Number(args.change ?? 0.01);
  const source = join(OUT, `corpus-${docs}-${seed}`);
  if (!existsSync(join(source, "truth.json"))) {
    process.stderr.write(`bench: generating ${docs} documents (seed ${seed}) in ${relative(ROOT, source)}\n`);
    await generateCorpus({ docs, seed: Number(seed), outDir: source });
  }

  const work = mkdtempSync(join(tmpdir(), "statdup-bench-cache-"));
  /** @typedef {{ ms: number, cpu: number|null }} Time */
  /** @type {{ plain: Time, first: Time, second: Time, changed: Time, changedFiles: number }[]} */
  const rounds = [];
  try {
    const corpus = join(work, "corpus");
    const cache = join(work, "cache");
    const scan = ["scan", "corpus", "--format", "json", "--no-config", ...extra];
    const cached = [...scan, "--cache", "--cache-location", cache];
    for (let round = 0; round < runs; round++) {
      rmSync(corpus, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
      cpSync(source, corpus, { recursive: true, preserveTimestamps: true });
      rmSync(join(corpus, "truth.json"), { force: true });
      const plain = timed(scan, work);
      const first = timed(cached, work);
      const second = timed(cached, work);
      if (first.report !== plain.report || second.report !== plain.report) throw new Error("the report with --cache differs from the report without");
      // Edit `change` of the files, spread over the corpus (a different set each round).
      const files = corpusFiles(corpus);
      const step = Math.max(1, Math.round(1 / change));
      const edited = files.filter((_, i) => i % step === round % step);
      for (const f of edited) appendFileSync(f, `\n\nEdited in round ${round + 1} of the cache benchmark, with a sentence long enough to count.\n`);
      const changed = timed(cached, work);
      if (round === 0 && changed.report !== timed(scan, work).report) throw new Error("after edits, the report with --cache differs from the report without");
      const t = (/** @type {{ ms: number, cpu: number|null }} */ x) => ({ ms: x.ms, cpu: x.cpu });
      rounds.push({ plain: t(plain), first: t(first), second: t(second), changed: t(changed), changedFiles: edited.length });
      const f = (/** @type {Time} */ x) => `${(x.ms / 1000).toFixed(2)} s${x.cpu === null ? "" : ` (CPU ${(x.cpu / 1000).toFixed(2)} s)`}`;
      process.stderr.write(`bench: round ${round + 1}: plain ${f(plain)}, first ${f(first)}, second ${f(second)}, ${edited.length} changed ${f(changed)}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  /** @param {"plain"|"first"|"second"|"changed"} k @param {"ms"|"cpu"} what */
  const med = (k, what) => (rounds.some((r) => r[k][what] === null) ? null : median(rounds.map((r) => /** @type {number} */ (r[k][what]))));
  const m = {
    plain: { ms: med("plain", "ms"), cpu: med("plain", "cpu") },
    first: { ms: med("first", "ms"), cpu: med("first", "cpu") },
    second: { ms: med("second", "ms"), cpu: med("second", "cpu") },
    changed: { ms: med("changed", "ms"), cpu: med("changed", "cpu") },
  };
  const changedFiles = rounds[0]?.changedFiles ?? 0;
  const s = (/** @type {number|null} */ ms) => (ms === null ? "    -" : (ms / 1000).toFixed(2).padStart(5));
  const x = (/** @type {number|null} */ a, /** @type {number|null} */ b) => (a === null || b === null ? "   -" : `${(a / b).toFixed(1)}×`.padStart(5));
  /** @param {string} label @param {"plain"|"first"|"second"|"changed"} k */
  const row = (label, k) => {
    const vs = k === "second" || k === "changed";
    return `  ${label.padEnd(30)}${s(m[k].ms)} s ${vs ? x(m.first.ms, m[k].ms) : "     "}   ${s(m[k].cpu)} s ${vs ? x(m.first.cpu, m[k].cpu) : ""}`.trimEnd();
  };
  process.stdout.write(
    [
      "",
      `statdup cache benchmark: ${docs} documents (seed ${seed}), median of ${runs} rounds, ${cpus().length} CPUs${extra.length ? `, ${extra.join(" ")}` : ""}`,
      "",
      `  ${"".padEnd(30)}   wall  first/this    CPU  first/this`,
      row("without --cache", "plain"),
      row("first run (cache written)", "first"),
      row("second run (nothing changed)", "second"),
      row(`after ${changedFiles} files changed`, "changed"),
      "",
      "Reports identical with and without --cache (elapsedMs aside).",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(OUT, "cache-last-run.json"),
    JSON.stringify({ when: new Date().toISOString(), node: process.version, cpus: cpus().length, docs, seed, runs, extra, changedFiles, medianMs: m, rounds }, null, 2) + "\n",
  );
  return 0;
}

runMain(main, "bench");
