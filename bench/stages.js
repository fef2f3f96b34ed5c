#!/usr/bin/env node
// The per-file work of a scan (read, extract, fingerprint), timed stage by stage
// in one thread, pass after pass: the first pass compiles cold, the later ones
// run warm (each pass with an empty fingerprint cache and per-batch arenas, as a
// fingerprinting worker has). With --processes N, N copies run side by side, to show what
// running the same work on several cores costs each of them.
//
//   npm run build && node bench/stages.js                 # 5,000 files of the 10,000-document corpus
//   node bench/stages.js --files 2000 --passes 2 --processes 2
//   node bench/stages.js --corpus bench/out/corpus-50000-1
//
// Options: --corpus DIR (bench/out/corpus-10000-1; generate it with
// `node bench/run.js --keep` or bench/corpus.js), --files N (5000: the first N
// files in path order), --passes N (3), --processes N (1), --cold (leave the
// page cache as it is; by default the files are read once first, as
// bench/run.js does). Reads the built code in dist/.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fg from "fast-glob";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

function parseArgs(argv) {
  const o = { corpus: path.join(here, "out", "corpus-10000-1"), files: 5000, passes: 3, processes: 1, child: false, cold: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--corpus") o.corpus = path.resolve(argv[++i]);
    else if (a === "--files") o.files = Number(argv[++i]);
    else if (a === "--passes") o.passes = Number(argv[++i]);
    else if (a === "--processes") o.processes = Number(argv[++i]);
    else if (a === "--child") o.child = true;
    else if (a === "--cold") o.cold = true;
    else {
      console.error(`bench/stages.js: unknown argument ${a}`);
      process.exit(2);
    }
  }
  for (const k of ["files", "passes", "processes"]) {
    if (!Number.isInteger(o[k]) || o[k] < 1) {
      console.error(`bench/stages.js: --${k} must be a whole number from 1`);
      process.exit(2);
    }
  }
  if (!existsSync(o.corpus)) {
    console.error(`bench/stages.js: no corpus at ${o.corpus}: make one with \`node bench/run.js --keep\` (10,000 documents) or \`node bench/corpus.js --docs N --out DIR\``);
    process.exit(2);
  }
  if (!existsSync(path.join(root, "dist", "scan.js"))) {
    console.error("bench/stages.js: no built code in dist/: run `npm run build` first");
    process.exit(2);
  }
  return o;
}

/** Files a fingerprinting worker is given at a time (src/fingerprint/fingerprint-files.ts). */
const BATCH = 32;

/** Text and Markdown files of the corpus, relative, in path order (the order a scan reads them in). */
function listFiles(dir) {
  return fg.sync("**/*.{txt,md}", { cwd: dir }).sort();
}

async function runPasses(o) {
  const dist = path.join(root, "dist");
  const { readSource } = await import(path.join(dist, "read/read-file.js"));
  const { extract } = await import(path.join(dist, "extract/extract.js"));
  const { fingerprintDocument } = await import(path.join(dist, "fingerprint/fingerprint.js"));
  const { fingerprintSettings } = await import(path.join(dist, "fingerprint/fingerprint-files.js"));
  const { FingerprintArena } = await import(path.join(dist, "fingerprint/arena.js"));
  const { DEFAULTS } = await import(path.join(dist, "options.js"));
  const files = listFiles(o.corpus)
    .slice(0, o.files)
    .map((p) => ({ path: p, absolutePath: path.join(o.corpus, p) }));
  // As a fingerprinting worker does: each pass starts with an empty fingerprint cache, and
  // shingle sets and band keys are carved out of arenas that are reset after every BATCH files.
  const arenas = { shingles: new FingerprintArena(), bandKeys: new FingerprintArena() };
  for (let pass = 0; pass < o.passes; pass++) {
    const settings = { ...fingerprintSettings(DEFAULTS), arenas };
    const ms = { read: 0, extract: 0, fingerprint: 0 };
    let bytes = 0;
    for (const [i, file] of files.entries()) {
      if (i % BATCH === 0) {
        arenas.shingles.reset();
        arenas.bandKeys.reset();
      }
      const t0 = performance.now();
      const read = await readSource(file, { maxFileSize: DEFAULTS.maxFileSize, encoding: "auto", html: false });
      const t1 = performance.now();
      if (!read.ok) continue;
      bytes += read.bytes.length;
      const extracted = extract({ path: file.path, text: read.text, bytes: read.bytes, format: file.path.endsWith(".md") ? "markdown" : "text", dateOrder: "auto" });
      const t2 = performance.now();
      fingerprintDocument(extracted.document, extracted.paragraphs, -1, settings);
      const t3 = performance.now();
      ms.read += t1 - t0;
      ms.extract += t2 - t1;
      ms.fingerprint += t3 - t2;
    }
    const total = ms.read + ms.extract + ms.fingerprint;
    console.log(
      [pass + 1, files.length, (bytes / 2 ** 20).toFixed(1), ms.read.toFixed(0), ms.extract.toFixed(0), ms.fingerprint.toFixed(0), total.toFixed(0), (bytes / 2 ** 20 / (total / 1000)).toFixed(1)].join("\t"),
    );
  }
}

const o = parseArgs(process.argv.slice(2));
if (o.child) await runPasses(o);
else {
  console.log(`bench/stages.js: ${o.files} files of ${path.relative(process.cwd(), o.corpus) || "."}, ${o.passes} passes, ${o.processes} process(es) side by side`);
  // The page cache gives files back within minutes on some machines: read them once, untimed.
  if (!o.cold) for (const p of listFiles(o.corpus).slice(0, o.files)) readFileSync(path.join(o.corpus, p));
  console.log(["process", "pass", "files", "MB", "read ms", "extract ms", "fingerprint ms", "total ms", "MB/s"].join("\t"));
  const args = [fileURLToPath(import.meta.url), "--child", "--corpus", o.corpus, "--files", String(o.files), "--passes", String(o.passes)];
  await Promise.all(
    Array.from({ length: o.processes }, (_, i) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
      let pending = "";
      child.stdout.on("data", (chunk) => {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop();
        for (const line of lines) if (line) console.log(`${i + 1}\t${line}`);
      });
      return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`process ${i + 1} exited with ${code}`)))));
    }),
  );
}
