#!/usr/bin/env node
/**
 * One-paragraph records: a benchmark corpus (bench/corpus.js) cut into JSON Lines
 * records, one per paragraph, one archive per site. Each site's chrome (its blurbs,
 * comment policy, author box: near variants of one another from site to site) turns
 * into thousands of short records, a few identical ones per site: the input that
 * pairs copies of near variants many times over (docs/performance-history.md, round
 * 10; rounds 8 and 9 used an earlier cut of the same articles, 133,694 records, made
 * by a script that was not kept, so their figures do not compare with this one's).
 *
 * A paragraph is a blank-line block of at least 5 words, headings left out; front
 * matter is dropped. Deterministic: files and sites in path order.
 *
 *   node bench/records.js [--corpus bench/out/corpus-10000-1] [--out DIR] [--articles N]
 *   node bin/statdup.js scan DIR --format json -o report.json --verbose
 *
 * The corpus must exist: `node bench/run.js --keep` (10,000 documents) or
 * `node bench/corpus.js --docs N --out DIR`. --articles N keeps the first N articles
 * in path order (the first sites, whole).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const HERE = resolve(new URL(".", import.meta.url).pathname);

/** @param {string[]} argv */
function args(argv) {
  const o = { corpus: join(HERE, "out", "corpus-10000-1"), out: "", articles: Infinity };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--corpus") o.corpus = resolve(argv[++i] ?? "");
    else if (a === "--out") o.out = resolve(argv[++i] ?? "");
    else if (a === "--articles") o.articles = Number(argv[++i]);
    else {
      console.error(`bench/records.js: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!(o.articles >= 1)) {
    console.error("bench/records.js: --articles must be a number from 1");
    process.exit(2);
  }
  if (!existsSync(o.corpus)) {
    console.error(`bench/records.js: no corpus at ${o.corpus}: make one with \`node bench/run.js --keep\` or \`node bench/corpus.js --docs N --out DIR\``);
    process.exit(2);
  }
  o.out ||= join(HERE, "out", `records-${o.corpus.split("/").pop()}${Number.isFinite(o.articles) ? `-${o.articles}` : ""}`);
  return o;
}

const o = args(process.argv.slice(2));
rmSync(o.out, { recursive: true, force: true });
mkdirSync(o.out, { recursive: true });
let records = 0;
let articles = 0;
for (const site of readdirSync(o.corpus).sort()) {
  const dir = join(o.corpus, site);
  if (!statSync(dir).isDirectory() || articles >= o.articles) continue;
  const lines = [];
  for (const file of readdirSync(dir).sort()) {
    if (articles >= o.articles) break;
    articles++;
    const text = readFileSync(join(dir, file), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.split(/\s+/).length >= 5 && !p.startsWith("#"));
    paragraphs.forEach((p, k) => lines.push(JSON.stringify({ id: `${file}#${k}`, text: p })));
    records += paragraphs.length;
  }
  if (lines.length > 0) writeFileSync(join(o.out, `${site}.jsonl`), lines.join("\n") + "\n");
}
console.log(`bench/records.js: ${records} records from ${articles} articles -> ${o.out}`);
