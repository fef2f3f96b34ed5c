#!/usr/bin/env node
// Alternating runs of two or more statdup builds or node flags on one corpus:
// how this project measures a change, since this machine's timings drift by a
// fifth within the hour and one pair of runs proves nothing. Each round runs
// every configuration once, in the order given, the page cache warmed before
// each run; the table gives each configuration's median wall time with its
// range, median user CPU and median peak RSS, and whether every report was the
// same (JSON, `elapsedMs` aside).
//
//   node bench/compare.js --runs 8 . ../base          # this build against a worktree's build
//   node bench/compare.js --runs 6 . ".:--max-inlined-bytecode-size-cumulative=920"
//   node bench/compare.js --docs 50000 --runs 3 . ../base -- --jobs 1
//
// A configuration is a folder holding a built statdup (bin/statdup.js and dist/),
// optionally followed by a colon and flags for node, space-separated. Options:
// --corpus DIR (default bench/out/corpus-<docs>-<seed>, generated when missing),
// --docs N (10000), --seed S (1), --runs N (6), --cold (leave the page cache as
// it is); after `--`, arguments for `statdup scan`. Needs GNU time for CPU and
// memory (wall time only without it).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus, parseArgs } from "./corpus.js";
import { readTree } from "./lib/page-cache.js";
import { runMain } from "./lib/run-main.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const OUT = join(HERE, "out");

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? /** @type {number} */ (s[m]) : (/** @type {number} */ (s[m - 1]) + /** @type {number} */ (s[m])) / 2;
}

/** @param {string} spec */
function configOf(spec) {
  const colon = spec.indexOf(":");
  const root = resolve(colon < 0 ? spec : spec.slice(0, colon));
  const flags = colon < 0 ? [] : spec.slice(colon + 1).split(" ").filter(Boolean);
  const bin = join(root, "bin", "statdup.js");
  if (!existsSync(bin) || !existsSync(join(root, "dist"))) throw new Error(`${spec}: no built statdup there (bin/statdup.js and dist/; run \`npm run build\` in it)`);
  return { spec, bin, flags };
}

function gnuTime() {
  if (!existsSync("/usr/bin/time")) return false;
  return spawnSync("/usr/bin/time", ["-f", "%e", "true"], { stdio: "ignore" }).status === 0;
}

/** The report without its timing, to compare runs. @param {string} text */
function comparable(text) {
  return text.replace(/"elapsedMs": \d+/, '"elapsedMs": 0');
}

async function main() {
  const argv = process.argv.slice(2);
  const dd = argv.indexOf("--");
  const extra = dd >= 0 ? argv.slice(dd + 1) : [];
  const own = dd >= 0 ? argv.slice(0, dd) : argv;
  const specs = own.filter((a, i) => !a.startsWith("--") && (i === 0 || !["--docs", "--seed", "--corpus", "--runs"].includes(/** @type {string} */ (own[i - 1]))));
  const args = parseArgs(own.filter((a) => !specs.includes(a)));
  for (const k of Object.keys(args)) if (!["docs", "seed", "corpus", "runs", "cold", "help"].includes(k)) throw new Error(`unknown option --${k}`);
  for (const k of ["docs", "seed", "corpus"]) if (args[k] === true) throw new Error(`--${k} needs a value`);
  if (args.help || specs.length < 2) {
    process.stdout.write("usage: node bench/compare.js [--docs N] [--seed S] [--corpus DIR] [--runs N] [--cold] CONFIG CONFIG… [-- statdup args…]\n  CONFIG: a folder with a built statdup, optionally followed by :NODE_FLAGS\n");
    return args.help ? 0 : 2;
  }
  const runs = args.runs === undefined ? 6 : args.runs === true ? NaN : Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number from 1, got ${String(args.runs)}`);
  const docs = Number(args.docs ?? 10000);
  const seed = args.seed === undefined ? 1 : String(args.seed);
  const corpus = resolve(String(args.corpus ?? join(OUT, `corpus-${docs}-${seed}`)));
  if (!existsSync(join(corpus, "truth.json")) && args.corpus === undefined) {
    process.stderr.write(`compare: generating ${docs} documents in ${relative(process.cwd(), corpus)}\n`);
    await generateCorpus({ docs, seed: /^\d+$/.test(seed) ? Number(seed) : seed, outDir: corpus });
  }
  if (!existsSync(corpus)) throw new Error(`${corpus}: no such folder`);
  const configs = specs.map(configOf);
  mkdirSync(OUT, { recursive: true });
  const timed = gnuTime();
  // Named by process, so that two comparisons (or a test beside one) keep to their own files.
  const timeFile = join(OUT, `.compare-${process.pid}-time.txt`);
  const reportFile = join(OUT, `.compare-${process.pid}-report.json`);
  /** @type {{ wall: number, user: number|null, rssMB: number|null }[][]} */
  const results = configs.map(() => []);
  let same = true;
  let first = /** @type {string|null} */ (null);
  try {
    for (let round = 0; round < runs; round++) {
      for (const [c, config] of configs.entries()) {
        if (args.cold !== true) readTree(corpus);
        // A run that writes no report must not be compared by the one before it.
        rmSync(reportFile, { force: true });
        const scan = [config.bin, "scan", corpus, "--format", "json", "-o", reportFile, ...extra];
        const argvRun = timed ? ["/usr/bin/time", "-f", "%e %U %M", "-o", timeFile, process.execPath, ...config.flags, ...scan] : [process.execPath, ...config.flags, ...scan];
        const t0 = performance.now();
        const r = spawnSync(/** @type {string} */ (argvRun[0]), argvRun.slice(1), { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 });
        const wall = (performance.now() - t0) / 1000;
        if (r.status !== 0) {
          // GNU time puts a killed command's signal in its output file, not on stderr.
          const said = [r.stderr.trim(), timed && existsSync(timeFile) ? readFileSync(timeFile, "utf8").trim() : ""].filter(Boolean).join("\n");
          throw new Error(`${config.spec}: statdup exited with ${r.status ?? r.signal}: ${said.split("\n").slice(-3).join(" | ") || "nothing said"}`);
        }
        if (!existsSync(reportFile)) throw new Error(`${config.spec}: statdup wrote no report (statdup arguments after -- must not choose the output: -o is compare.js's)`);
        let user = null;
        let rssMB = null;
        let seconds = wall;
        if (timed) {
          const [e, u, m] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
          seconds = /** @type {number} */ (e);
          user = /** @type {number} */ (u);
          rssMB = /** @type {number} */ (m) / 1024;
        }
        results[c].push({ wall: seconds, user, rssMB });
        const report = comparable(readFileSync(reportFile, "utf8"));
        first ??= report;
        if (report !== first) same = false;
        process.stderr.write(`compare: round ${round + 1}/${runs} ${config.spec}: ${seconds.toFixed(2)} s\n`);
      }
    }
  } finally {
    rmSync(timeFile, { force: true });
    rmSync(reportFile, { force: true });
  }
  const rows = configs.map((config, c) => {
    const rs = results[c];
    const walls = rs.map((x) => x.wall);
    const twice = configs.filter((x) => x.spec === config.spec).length > 1;
    return [
      twice ? `${config.spec} (#${c + 1})` : config.spec,
      median(walls).toFixed(2),
      `${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)}`,
      timed ? median(rs.map((x) => /** @type {number} */ (x.user))).toFixed(2) : "-",
      timed ? median(rs.map((x) => /** @type {number} */ (x.rssMB))).toFixed(0) : "-",
    ];
  });
  const head = ["configuration", "wall s (median)", "range", "user CPU s", "peak RSS MB"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (/** @type {string[]} */ cells) => cells.map((x, i) => String(x).padEnd(/** @type {number} */ (widths[i]))).join("  ");
  process.stdout.write(`\n${relative(process.cwd(), corpus) || corpus}, ${runs} alternating ${runs === 1 ? "round" : "rounds"}${args.cold === true ? ", page cache as found" : ", page cache warmed before each run"}\n\n`);
  process.stdout.write([line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n\n");
  process.stdout.write(same ? "every report the same (elapsedMs aside)\n" : "THE REPORTS DIFFER between configurations or runs\n");
  return same ? 0 : 1;
}

runMain(main, "compare");
