#!/usr/bin/env node
// statdup provenance benchmark: score the `families` of a statdup JSON report
// (origin, confidence, edges) against the planted truth of a generated corpus.
//
//   node bench/provenance.js                       # corpus-2000-1 and report-2000-1.json
//   node bench/provenance.js --docs 10000 --seed 1
//   node bench/provenance.js --report FILE --truth FILE
//
// Options: --docs N (2000), --seed S (1), --report FILE, --truth FILE (its folder
// is the corpus, read to tell each document's date format), --rescan (run
// statdup even when the report is up to date), --show N (wrong origins listed,
// 15). The corpus is generated when missing; the report is produced with
// `node bin/statdup.js scan <corpus> --format json` when missing or older than
// truth.json or the build (dist/scan.js). Writes bench/out/provenance-last.json.
// See bench/README.md "Provenance".

import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GENERATOR, TRUTH_VERSION, generateCorpus, parseArgs } from "./corpus.js";
import { formatDate } from "./lib/chrome.js";
import { runMain } from "./lib/run-main.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const OUT = join(HERE, "out");

/**
 * @typedef {object} TruthMember
 * @property {string} path
 * @property {string|null} parent
 * @property {string} type
 * @property {string} [transform]
 * @property {number[]} paragraphs
 * @property {string} site
 * @property {string|null} date
 * @property {string|null} [attribution]
 * @property {string[]} [retypeset]
 *
 * @typedef {{ id: string, kind: string, origin: string, members: TruthMember[] }} TruthFamily
 *
 * @typedef {object} Truth
 * @property {number} version
 * @property {number|string} seed
 * @property {number} docs
 * @property {string} [generator]
 * @property {TruthFamily[]} families
 * @property {{ path: string, site: string, family: string|null, type: string|null, date: string|null }[]} documents
 *
 * @typedef {{ type: string, weight: number, detail: string }} Evidence
 * @typedef {{ from: string, to: string, confidence: number, evidence: Evidence[] }} ReportEdge
 * @typedef {{ id: number, title?: string, documents: string[], origin: string, confidence: number, determined: boolean, edges: ReportEdge[] }} ReportFamily
 * @typedef {{ path: string, date: string|null, dateSource: string|null, title?: string }} ReportDocument
 */

// ---------------------------------------------------------------- helpers

/**
 * Render rows as an aligned text table (first column left-aligned).
 * @param {string[]} head
 * @param {(string|number)[][]} rows
 */
function table(head, rows) {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i] ?? 0) : c.padStart(w[i] ?? 0))).join("  ");
  return [line(head), w.map((x) => "-".repeat(x)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** @param {number|null|undefined} x @param {number} [d] */
const fmt = (x, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d));
/** @param {number} k @param {number} n */
const ratio = (k, n) => (n > 0 ? k / n : null);
/** @param {number} k @param {number} n */
const accCell = (k, n) => (n > 0 ? `${fmt(k / n)} (${k}/${n})` : "- (0)");
/** @param {number} p @param {number} r */
const f1 = (p, r) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
/** @param {string} a @param {string} b */
const edgeKey = (a, b) => `${a}\n${b}`;
/** @param {string} a @param {string} b */
const undirectedKey = (a, b) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
/** @param {TruthMember} m */
const typeName = (m) => (m.type === "copy-of-copy" && m.transform ? `copy-of-copy(${m.transform})` : m.type);

/**
 * The earliest-dated member by `dateOf`.
 * strict: null when no member is dated or the earliest date is shared.
 * lenient: first by path among the earliest (all members when none is dated).
 * @param {string[]} paths
 * @param {(p: string) => string|null} dateOf
 * @returns {{ strict: string|null, lenient: string }}
 */
function earliest(paths, dateOf) {
  const sorted = [...paths].sort();
  const dated = sorted.filter((p) => dateOf(p) !== null);
  if (dated.length === 0) return { strict: null, lenient: /** @type {string} */ (sorted[0]) };
  const min = dated.map(dateOf).reduce((a, b) => (/** @type {string} */ (b) < /** @type {string} */ (a) ? b : a));
  const first = dated.filter((p) => dateOf(p) === min);
  return { strict: first.length === 1 ? /** @type {string} */ (first[0]) : null, lenient: /** @type {string} */ (first[0]) };
}

/** Calibration bins: [0,0.5), [0.5,0.6), …, [0.9,1.0]. */
const BINS = [
  [0, 0.5],
  [0.5, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 1.0000001],
];

/**
 * @param {{ confidence: number, correct: boolean }[]} items
 * @returns {{ bin: string, count: number, meanConfidence: number|null, accuracy: number|null }[]}
 */
function calibrate(items) {
  return BINS.map(([lo, hi]) => {
    const inBin = items.filter((x) => x.confidence >= /** @type {number} */ (lo) && x.confidence < /** @type {number} */ (hi));
    const n = inBin.length;
    return {
      bin: `[${fmt(lo, 1)}, ${hi > 1 ? "1.0]" : `${fmt(hi, 1)})`}`,
      count: n,
      meanConfidence: n ? inBin.reduce((s, x) => s + x.confidence, 0) / n : null,
      accuracy: n ? inBin.filter((x) => x.correct).length / n : null,
    };
  });
}

/** @param {{ confidence: number, correct: boolean }[]} items */
function calibrationSummary(items) {
  const n = items.length;
  if (!n) return { brier: null, ece: null };
  const brier = items.reduce((s, x) => s + (x.confidence - (x.correct ? 1 : 0)) ** 2, 0) / n;
  const ece = calibrate(items).reduce((s, b) => s + (b.count ? (b.count / n) * Math.abs(/** @type {number} */ (b.meanConfidence) - /** @type {number} */ (b.accuracy)) : 0), 0);
  return { brier, ece };
}

/**
 * Run statdup, stdout to `file`.
 * @param {string} dir corpus
 * @param {string} file report
 */
async function runScan(dir, file) {
  const args = [join(ROOT, "bin", "statdup.js"), "scan", dir, "--format", "json"];
  process.stderr.write(`provenance: node bin/statdup.js scan ${relative(ROOT, dir) || dir} --format json > ${relative(ROOT, file)}\n`);
  const out = openSync(file, "w");
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", out, "inherit"] });
  const code = await new Promise((res, rej) => {
    child.on("error", rej);
    child.on("exit", (c, s) => res(s ?? c));
  });
  closeSync(out);
  if (code !== 0) throw new Error(`statdup exited with ${code}`);
  process.stderr.write(`provenance: scan took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

/**
 * Which of the generator's date formats (bench/lib/chrome.js formatDate) shows
 * `iso` in `text`, or "not found".
 * @param {string} text
 * @param {string} iso YYYY-MM-DD
 */
function dateFormatIn(text, iso) {
  const day = Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);
  const names = ["Month D, YYYY", "D Month YYYY", "YYYY-MM-DD", "DD.MM.YYYY"];
  const flat = text.replace(/\u00a0/g, " ").replace(/\s*\r?\n\s*/g, " ");
  for (let f = 0; f < 4; f++) if (flat.includes(formatDate(day, f))) return /** @type {string} */ (names[f]);
  return "not found";
}

/**
 * The dateline around a date in the text (the line that holds it), shortened.
 * @param {string} text
 * @param {string} iso
 */
function datelineOf(text, iso) {
  const day = Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);
  const lines = text.split(/\r?\n/);
  for (let f = 0; f < 4; f++) {
    const s = formatDate(day, f);
    const l = lines.find((x) => x.replace(/\u00a0/g, " ").includes(s));
    if (l) return l.trim().slice(0, 80);
  }
  return null;
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const k of Object.keys(args)) {
    if (!["docs", "seed", "report", "truth", "rescan", "show", "help"].includes(k)) throw Object.assign(new Error(`unknown option --${k}`), { usage: true });
  }
  if (args.help) {
    process.stdout.write("usage: node bench/provenance.js [--docs N] [--seed S] [--rescan] [--show N] | --report FILE --truth FILE\n");
    return 0;
  }
  const show = Number(args.show ?? 15);
  mkdirSync(OUT, { recursive: true });

  // 1. truth and report
  /** @type {string} */
  let truthFile;
  /** @type {string} */
  let reportFile;
  if (args.truth !== undefined || args.report !== undefined) {
    if (typeof args.truth !== "string" || typeof args.report !== "string") throw Object.assign(new Error("--report and --truth go together"), { usage: true });
    truthFile = resolve(args.truth);
    reportFile = resolve(args.report);
  } else {
    const docs = Number(args.docs ?? 2000);
    const seed = args.seed === undefined ? 1 : /^\d+$/.test(String(args.seed)) ? Number(args.seed) : String(args.seed);
    const dir = join(OUT, `corpus-${docs}-${seed}`);
    truthFile = join(dir, "truth.json");
    reportFile = join(OUT, `report-${docs}-${seed}.json`);
    let ok = false;
    if (existsSync(truthFile)) {
      try {
        const t = JSON.parse(readFileSync(truthFile, "utf8"));
        ok = t.version === TRUTH_VERSION && t.docs === docs && String(t.seed) === String(seed) && t.generator === GENERATOR;
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      process.stderr.write(`provenance: generating ${docs} documents (seed ${seed}) in ${relative(ROOT, dir)}\n`);
      const g = await generateCorpus({ docs, seed, outDir: dir, log: (m) => process.stderr.write(`  ${m}\n`) });
      process.stderr.write(`provenance: ${g.docs} documents, ${g.families} families in ${(g.ms / 1000).toFixed(1)} s\n`);
    }
    const built = join(ROOT, "dist", "scan.js");
    const stale =
      !existsSync(reportFile) ||
      statSync(reportFile).mtimeMs < statSync(truthFile).mtimeMs ||
      (existsSync(built) && statSync(reportFile).mtimeMs < statSync(built).mtimeMs);
    if (args.rescan || stale) await runScan(dir, reportFile);
    else process.stderr.write(`provenance: reusing ${relative(ROOT, reportFile)} (newer than the corpus and the build; --rescan to redo)\n`);
  }
  const corpusDir = dirname(truthFile);
  /** @type {Truth} */
  const truth = JSON.parse(readFileSync(truthFile, "utf8"));
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  /** @type {ReportFamily[]} */
  const rFamilies = Array.isArray(report.families) ? report.families : [];
  /** @type {Map<string, ReportDocument>} */
  const rDocs = new Map((report.documents ?? []).map((/** @type {ReportDocument} */ d) => [d.path, d]));

  // 2. truth indexes
  /** @type {Map<string, { family: TruthFamily, member: TruthMember }>} */
  const memberOf = new Map();
  for (const f of truth.families) for (const m of f.members) memberOf.set(m.path, { family: f, member: m });
  /** planted parent → child edges */
  const plantedDirected = new Set();
  const plantedUndirected = new Set();
  let plantedEdges = 0;
  for (const f of truth.families) {
    for (const m of f.members) {
      if (m.parent === null) continue;
      plantedDirected.add(edgeKey(m.parent, m.path));
      plantedUndirected.add(undirectedKey(m.parent, m.path));
      plantedEdges++;
    }
  }
  /** @param {string} p */
  const truthDate = (p) => memberOf.get(p)?.member.date ?? null;
  /** A document's date as the report read it from the text (a file time is no date). @param {string} p */
  const reportTextDate = (p) => {
    const d = rDocs.get(p);
    return d && d.date && d.dateSource !== "file-mtime" ? d.date : null;
  };
  /** truth ancestors of a member (parent, grandparent, …) @param {string} p */
  const ancestors = (p) => {
    const out = [];
    let cur = memberOf.get(p)?.member.parent ?? null;
    while (cur !== null && out.length < 100) {
      out.push(cur);
      cur = memberOf.get(cur)?.member.parent ?? null;
    }
    return out;
  };

  // 3. match reported families to planted ones
  /** @type {Map<string, number[]>} planted family id → reported family indexes holding some of its members */
  const reportedIn = new Map();
  const matches = rFamilies.map((rf, i) => {
    /** @type {Map<string, number>} */
    const count = new Map();
    let outside = 0;
    for (const p of rf.documents) {
      const m = memberOf.get(p);
      if (!m) {
        outside++;
        continue;
      }
      count.set(m.family.id, (count.get(m.family.id) ?? 0) + 1);
      const list = reportedIn.get(m.family.id) ?? [];
      if (!list.includes(i)) list.push(i);
      reportedIn.set(m.family.id, list);
    }
    let best = null;
    for (const [id, c] of count) if (best === null || c > /** @type {number} */ (count.get(best)) || (c === count.get(best) && id < best)) best = id;
    const planted = best === null ? null : /** @type {TruthFamily} */ (truth.families.find((f) => f.id === best));
    return { planted, outside, otherFamilies: count.size - (best === null ? 0 : 1), held: best === null ? 0 : /** @type {number} */ (count.get(best)) };
  });
  const split = [...reportedIn].filter(([, l]) => l.length > 1).map(([id, l]) => ({ family: id, reportedFamilies: l.map((i) => rFamilies[i]?.id) }));
  const merged = rFamilies
    .map((rf, i) => ({ id: rf.id, m: /** @type {(typeof matches)[number]} */ (matches[i]) }))
    .filter(({ m }) => m.outside > 0 || m.otherFamilies > 0)
    .map(({ id, m }) => ({ reportedFamily: id, planted: m.planted?.id ?? null, otherPlantedFamilies: m.otherFamilies, standaloneDocuments: m.outside }));
  const partial = rFamilies
    .map((rf, i) => ({ rf, m: /** @type {(typeof matches)[number]} */ (matches[i]) }))
    .filter(({ m }) => m.planted && m.held < m.planted.members.length)
    .map(({ rf, m }) => ({ reportedFamily: rf.id, planted: m.planted?.id, held: m.held, of: m.planted?.members.length }));
  const unreported = truth.families.filter((f) => !reportedIn.has(f.id)).map((f) => f.id);

  // 4. per-family origin scoring
  /**
   * @typedef {object} FamilyResult
   * @property {number} id
   * @property {string|null} planted
   * @property {string} kind
   * @property {number} size
   * @property {string} origin
   * @property {string|null} trueOrigin
   * @property {boolean} correct
   * @property {number} confidence
   * @property {boolean} determined
   * @property {boolean} strictlyEarliest  planted origin dated, strictly before every other dated member (truth dates)
   * @property {boolean} baselinePerfectStrict
   * @property {boolean} baselinePerfectLenient
   * @property {boolean} baselineReportLenient
   * @property {boolean} baselineReportStrict
   */
  /** @type {FamilyResult[]} */
  const famResults = [];
  rFamilies.forEach((rf, i) => {
    const m = /** @type {(typeof matches)[number]} */ (matches[i]);
    const planted = m.planted;
    const trueOrigin = planted?.origin ?? null;
    const members = planted ? planted.members.map((x) => x.path) : rf.documents;
    const tDates = planted ? planted.members.filter((x) => x.date !== null) : [];
    const originDate = trueOrigin ? truthDate(trueOrigin) : null;
    const strictlyEarliest = originDate !== null && tDates.every((x) => x.path === trueOrigin || /** @type {string} */ (x.date) > originDate);
    // baselines choose among the reported family's documents (what a date-sorting tool sees)
    const perfect = earliest(rf.documents, truthDate);
    const fromReport = earliest(rf.documents, reportTextDate);
    famResults.push({
      id: rf.id,
      planted: planted?.id ?? null,
      kind: planted?.kind ?? "none",
      size: rf.documents.length,
      origin: rf.origin,
      trueOrigin,
      correct: trueOrigin !== null && rf.origin === trueOrigin,
      confidence: Number(rf.confidence),
      determined: rf.determined !== false,
      strictlyEarliest,
      baselinePerfectStrict: trueOrigin !== null && perfect.strict === trueOrigin,
      baselinePerfectLenient: trueOrigin !== null && perfect.lenient === trueOrigin,
      baselineReportStrict: trueOrigin !== null && fromReport.strict === trueOrigin,
      baselineReportLenient: trueOrigin !== null && fromReport.lenient === trueOrigin,
    });
    void members;
  });

  // 5. edges
  /**
   * @typedef {object} EdgeResult
   * @property {number} family
   * @property {string} from
   * @property {string} to
   * @property {number} confidence
   * @property {boolean} directed
   * @property {boolean} undirected
   * @property {string} kind  correct | reversed | skips a generation | sibling | descendant → ancestor | other
   * @property {Evidence[]} evidence
   * @property {string} familyKind
   */
  /** @type {EdgeResult[]} */
  const edgeResults = [];
  rFamilies.forEach((rf, i) => {
    const planted = /** @type {(typeof matches)[number]} */ (matches[i]).planted;
    const inFamily = new Set(planted ? planted.members.map((x) => x.path) : []);
    for (const e of rf.edges ?? []) {
      const ok = inFamily.has(e.from) && inFamily.has(e.to);
      const directed = ok && plantedDirected.has(edgeKey(e.from, e.to));
      const undirected = ok && plantedUndirected.has(undirectedKey(e.from, e.to));
      let kind = "other";
      if (directed) kind = "correct";
      else if (undirected) kind = "reversed";
      else if (ok && ancestors(e.to).includes(e.from)) kind = "skips a generation";
      else if (ok && ancestors(e.from).includes(e.to)) kind = "descendant → ancestor";
      else if (ok && memberOf.get(e.from)?.member.parent === memberOf.get(e.to)?.member.parent) kind = "sibling";
      else if (!ok) kind = "outside the planted family";
      edgeResults.push({ family: rf.id, from: e.from, to: e.to, confidence: Number(e.confidence), directed, undirected, kind, evidence: e.evidence ?? [], familyKind: planted?.kind ?? "none" });
    }
  });
  /**
   * Precision/recall over the reported edges `es` against planted edges of the
   * planted families `fams`.
   * @param {EdgeResult[]} es
   * @param {TruthFamily[]} fams
   */
  const edgeScores = (es, fams) => {
    const planted = fams.reduce((s, f) => s + f.members.filter((x) => x.parent !== null).length, 0);
    const seenD = new Set();
    const seenU = new Set();
    for (const e of es) {
      if (e.directed) seenD.add(edgeKey(e.from, e.to));
      if (e.undirected) seenU.add(undirectedKey(e.from, e.to));
    }
    const pD = ratio(es.filter((e) => e.directed).length, es.length) ?? 0;
    const rD = ratio(seenD.size, planted) ?? 0;
    const pU = ratio(es.filter((e) => e.undirected).length, es.length) ?? 0;
    const rU = ratio(seenU.size, planted) ?? 0;
    return { reported: es.length, planted, directed: { tp: seenD.size, precision: pD, recall: rD, f1: f1(pD, rD) }, undirected: { tp: seenU.size, precision: pU, recall: rU, f1: f1(pU, rU) } };
  };
  const matchedPlanted = truth.families.filter((f) => reportedIn.has(f.id));
  const edgesAll = edgeScores(edgeResults, truth.families);
  const edgesMatched = edgeScores(edgeResults, matchedPlanted);
  const edgesRepub = edgeScores(
    edgeResults.filter((e) => e.familyKind === "republication"),
    truth.families.filter((f) => f.kind === "republication"),
  );

  // 6. origin metrics
  /** @param {(r: FamilyResult) => boolean} sel @param {(r: FamilyResult) => boolean} ok */
  const acc = (sel, ok) => {
    const s = famResults.filter(sel);
    return { n: s.length, k: s.filter(ok).length, accuracy: ratio(s.filter(ok).length, s.length) };
  };
  const all = () => true;
  const strict = (/** @type {FamilyResult} */ r) => r.strictlyEarliest;
  const repub = (/** @type {FamilyResult} */ r) => r.kind === "republication";
  const stmt = (/** @type {FamilyResult} */ r) => r.kind === "statement";
  const origin = {
    all: acc(all, (r) => r.correct),
    strictlyEarliest: acc(strict, (r) => r.correct),
    republication: acc(repub, (r) => r.correct),
    statement: acc(stmt, (r) => r.correct),
    undetermined: acc((r) => !r.determined, (r) => r.correct),
    determined: acc((r) => r.determined, (r) => r.correct),
  };
  const baselines = {
    perfectDatesStrict: { all: acc(all, (r) => r.baselinePerfectStrict), strictlyEarliest: acc(strict, (r) => r.baselinePerfectStrict), republication: acc(repub, (r) => r.baselinePerfectStrict) },
    perfectDatesLenient: { all: acc(all, (r) => r.baselinePerfectLenient), strictlyEarliest: acc(strict, (r) => r.baselinePerfectLenient), republication: acc(repub, (r) => r.baselinePerfectLenient) },
    reportDatesStrict: { all: acc(all, (r) => r.baselineReportStrict), strictlyEarliest: acc(strict, (r) => r.baselineReportStrict), republication: acc(repub, (r) => r.baselineReportStrict) },
    reportDatesLenient: { all: acc(all, (r) => r.baselineReportLenient), strictlyEarliest: acc(strict, (r) => r.baselineReportLenient), republication: acc(repub, (r) => r.baselineReportLenient) },
  };

  // 7. calibration
  const famCal = calibrate(famResults.map((r) => ({ confidence: r.confidence, correct: r.correct })));
  const famCalSummary = calibrationSummary(famResults.map((r) => ({ confidence: r.confidence, correct: r.correct })));
  const famCalRepub = calibrate(famResults.filter(repub).map((r) => ({ confidence: r.confidence, correct: r.correct })));
  const edgeCal = calibrate(edgeResults.map((e) => ({ confidence: e.confidence, correct: e.directed })));
  const edgeCalSummary = calibrationSummary(edgeResults.map((e) => ({ confidence: e.confidence, correct: e.directed })));

  // 8. dates: report's documents[].date against truth
  /** @type {Record<string, { n: number, same: number, differs: number, missing: number, mtime: number }>} */
  const byFormat = {};
  /** @type {{ path: string, truth: string, report: string|null, dateSource: string|null, format: string, line: string|null, kind: string }[]} */
  const dateMismatches = [];
  let undatedWithTextDate = 0;
  let undated = 0;
  /** @type {{ path: string, report: string|null }[]} */
  const spuriousDates = [];
  for (const d of truth.documents ?? []) {
    const rd = rDocs.get(d.path);
    if (!rd) continue;
    if (d.date === null) {
      undated++;
      if (rd.date && rd.dateSource !== "file-mtime") {
        undatedWithTextDate++;
        if (spuriousDates.length < 50) spuriousDates.push({ path: d.path, report: rd.date });
      }
      continue;
    }
    let text = "";
    try {
      text = readFileSync(join(corpusDir, d.path), "utf8");
    } catch {
      /* corpus gone: format unknown */
    }
    const format = text ? dateFormatIn(text, d.date) : "unknown (corpus not readable)";
    const kind = d.type === "original" || d.type === "verbatim" ? (memberOf.get(d.path)?.family.kind === "statement" ? "statement" : "article") : "article";
    const key = `${format}${kind === "statement" ? " (statement)" : ""}`;
    const e = (byFormat[key] ??= { n: 0, same: 0, differs: 0, missing: 0, mtime: 0 });
    e.n++;
    const got = rd.dateSource === "file-mtime" ? null : rd.date;
    if (got === d.date) e.same++;
    else {
      if (rd.dateSource === "file-mtime") e.mtime++;
      else if (got === null) e.missing++;
      else e.differs++;
      dateMismatches.push({ path: d.path, truth: d.date, report: rd.date, dateSource: rd.dateSource, format, line: text ? datelineOf(text, d.date) : null, kind });
    }
  }
  const datedTotal = Object.values(byFormat).reduce((s, x) => s + x.n, 0);
  const datedSame = Object.values(byFormat).reduce((s, x) => s + x.same, 0);

  // 9. wrong origins: causes and details
  /** @param {string} p */
  const docLine = (p, /** @type {string} */ origin, /** @type {string|null} */ trueOrigin) => {
    const t = memberOf.get(p);
    const rd = rDocs.get(p);
    const tags = [p === trueOrigin ? "TRUE ORIGIN" : "", p === origin ? "REPORTED ORIGIN" : ""].filter(Boolean).join(", ");
    return {
      path: p,
      type: t ? typeName(t.member) : "standalone",
      truthDate: t?.member.date ?? null,
      date: rd?.date ?? null,
      dateSource: rd?.dateSource ?? null,
      parent: t?.member.parent ?? null,
      attribution: t?.member.attribution ?? null,
      tags,
    };
  };
  /** @type {Record<string, number>} */
  const causeCounts = {};
  /** @type {Record<string, number>} */
  const chosenTypeCounts = {};
  /** @type {any[]} */
  const wrong = [];
  for (const r of famResults) {
    if (r.correct) continue;
    const rf = /** @type {ReportFamily} */ (rFamilies.find((f) => f.id === r.id));
    const planted = r.planted ? truth.families.find((f) => f.id === r.planted) : undefined;
    const to = r.trueOrigin;
    const chosen = memberOf.get(r.origin);
    const chosenType = chosen ? typeName(chosen.member) : "standalone";
    chosenTypeCounts[chosenType] = (chosenTypeCounts[chosenType] ?? 0) + 1;
    /** @type {string[]} */
    const causes = [];
    const tOrigin = to ? truthDate(to) : null;
    const tChosen = truthDate(r.origin);
    const rOrigin = to ? reportTextDate(to) : null;
    const rChosen = reportTextDate(r.origin);
    if (!planted || !to) causes.push("no planted family");
    else if (planted.kind === "statement") causes.push(tOrigin === null ? "statement: undated" : "statement: same date");
    else if (!rf.documents.includes(to)) causes.push("true origin not in the reported family (split)");
    else {
      const bad = [to, r.origin].filter((p) => truthDate(p) !== reportTextDate(p) && !(truthDate(p) === null && reportTextDate(p) === null));
      if (bad.length) causes.push(`date extraction: ${bad.map((p) => `${p === to ? "true origin" : "reported origin"} truth ${truthDate(p) ?? "none"} but report ${reportTextDate(p) ?? (rDocs.get(p)?.dateSource === "file-mtime" ? "file mtime" : "none")}`).join("; ")}`);
      else if (tOrigin === null) causes.push(tChosen === null ? "true origin undated (and reported origin undated)" : "true origin undated");
      else if (tChosen === tOrigin) causes.push("same-day dates (reported origin dated the same day)");
      else if (tChosen === null) causes.push("reported origin undated (no date evidence against it)");
      else if (tChosen < tOrigin) causes.push("reported origin dated earlier (impossible in truth)");
      else causes.push("evidence outweighed a strictly earlier date");
      if (!r.strictlyEarliest && tOrigin !== null && !causes[0]?.startsWith("same-day")) causes.push("true origin not strictly earliest (another member same day)");
    }
    void rOrigin;
    void rChosen;
    const primary = /** @type {string} */ (causes[0]).replace(/: (true|reported) origin truth .*/, "").replace(/^date extraction.*/, "date extraction wrong for the true or reported origin");
    causeCounts[primary] = (causeCounts[primary] ?? 0) + 1;
    const touching = (rf.edges ?? []).filter((e) => to !== null && (e.from === to || e.to === to));
    const between = (rf.edges ?? []).filter((e) => to !== null && ((e.from === r.origin && e.to === to) || (e.from === to && e.to === r.origin)));
    wrong.push({
      family: r.id,
      planted: r.planted,
      kind: r.kind,
      size: r.size,
      reportedOrigin: r.origin,
      reportedOriginType: chosenType,
      trueOrigin: to,
      confidence: r.confidence,
      determined: r.determined,
      causes,
      members: (planted ? planted.members.map((x) => x.path) : rf.documents).map((p) => docLine(p, r.origin, to)),
      edgesTouchingTrueOrigin: touching.map((e) => ({ from: e.from, to: e.to, confidence: e.confidence, evidence: e.evidence, truth: plantedDirected.has(edgeKey(e.from, e.to)) ? "planted" : plantedUndirected.has(undirectedKey(e.from, e.to)) ? "reversed" : "not planted" })),
      edgeBetween: between.map((e) => ({ from: e.from, to: e.to, evidence: e.evidence })),
    });
  }
  // the most informative first: republications, highest confidence first
  wrong.sort((a, b) => (a.kind === b.kind ? b.confidence - a.confidence : a.kind === "republication" ? -1 : 1) || a.family - b.family);

  // 10. evidence analysis over reported edges whose pair is planted (direction known)
  /** @type {Record<string, { present: number, rightWay: number, sumRight: number, sumWrong: number }>} */
  const evidenceStats = {};
  let dateOutweighed = 0;
  /** @type {Record<string, number>} */
  const outweighedBy = {};
  for (const e of edgeResults) {
    if (!e.undirected) continue;
    const rightWay = e.directed ? 1 : -1; // +weight supports from → to
    for (const ev of e.evidence) {
      const kind = ev.type === "earlier-date" && /modification time/.test(ev.detail) ? "earlier-date (file mtime)" : ev.type;
      const s = (evidenceStats[kind] ??= { present: 0, rightWay: 0, sumRight: 0, sumWrong: 0 });
      s.present++;
      if (Math.sign(ev.weight) === rightWay) {
        s.rightWay++;
        s.sumRight += Math.abs(ev.weight);
      } else s.sumWrong += Math.abs(ev.weight);
    }
    if (!e.directed) {
      const date = e.evidence.find((x) => x.type === "earlier-date" && x.weight < 0 && !/modification time/.test(x.detail));
      if (date) {
        dateOutweighed++;
        const others = e.evidence.filter((x) => x !== date && x.weight > 0).sort((a, b) => b.weight - a.weight);
        const top = others[0]?.type ?? "similarity/tree (no evidence for it)";
        outweighedBy[top] = (outweighedBy[top] ?? 0) + 1;
      }
    }
  }
  // attribution: does the named string name a site (its name or domain) or something else (a title)?
  const norm = (/** @type {string} */ x) => x.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const siteNames = new Set(((/** @type {any} */ (truth).sites ?? [])).flatMap((/** @type {{ name: string, domain: string }} */ s) => [norm(s.name), norm(s.domain), norm(s.name.replace(/^the /i, ""))]));
  /** @type {Record<string, { present: number, rightWay: number }>} */
  const attributionByName = {};
  for (const e of edgeResults) {
    if (!e.undirected) continue;
    const rightWay = e.directed ? 1 : -1;
    for (const ev of e.evidence) {
      if (ev.type !== "attribution") continue;
      const named = /"(.*)"/.exec(ev.detail)?.[1] ?? "";
      const key = siteNames.has(norm(named)) ? "names a site" : "names something else (a title)";
      const s = (attributionByName[key] ??= { present: 0, rightWay: 0 });
      s.present++;
      if (Math.sign(ev.weight) === rightWay) s.rightWay++;
    }
  }

  /** @type {Record<string, number>} */
  const edgeKinds = {};
  for (const e of edgeResults) edgeKinds[e.kind] = (edgeKinds[e.kind] ?? 0) + 1;
  /** @type {Record<string, { n: number, wrong: number }>} */
  const wrongEdgesByChildType = {};
  for (const e of edgeResults) {
    const t = memberOf.get(e.to);
    const key = t ? typeName(t.member) : "standalone";
    const s = (wrongEdgesByChildType[key] ??= { n: 0, wrong: 0 });
    s.n++;
    if (!e.directed) s.wrong++;
  }

  // ------------------------------------------------------------ print
  const out = [];
  const rel = (/** @type {string} */ p) => relative(ROOT, p) || p;
  out.push("");
  out.push(`statdup provenance: ${rel(reportFile)} against ${rel(truthFile)}`);
  out.push(`${truth.docs} documents; planted families ${truth.families.length} (${truth.families.filter((f) => f.kind === "statement").length} statements); reported families ${rFamilies.length}`);
  out.push(
    `matching: ${rFamilies.filter((_, i) => matches[i]?.planted).length} reported families matched to a planted one; ${split.length} planted split over several reported families; ` +
      `${merged.length} reported families holding documents of other families or standalone ones; ${partial.length} holding only part of their planted family; ${unreported.length} planted families not reported`,
  );
  out.push("");
  const b = baselines;
  out.push(
    table(
      ["metric", "value", "note"],
      [
        ["origin accuracy, all reported families", accCell(origin.all.k, origin.all.n), ""],
        ["origin accuracy, origin strictly earliest", accCell(origin.strictlyEarliest.k, origin.strictlyEarliest.n), "planted origin dated and before every other dated member"],
        ["origin accuracy, republications", accCell(origin.republication.k, origin.republication.n), ""],
        ["origin accuracy, statements", accCell(origin.statement.k, origin.statement.n), "issuer's page + identical reposts of its text"],
        ["earliest date alone, perfect dates, all", accCell(b.perfectDatesStrict.all.k, b.perfectDatesStrict.all.n), "truth dates; ties/undated = fail"],
        ["earliest date alone, perfect dates, strictly earliest", accCell(b.perfectDatesStrict.strictlyEarliest.k, b.perfectDatesStrict.strictlyEarliest.n), "(1.000 by definition)"],
        ["earliest date alone, perfect dates, all (lenient)", accCell(b.perfectDatesLenient.all.k, b.perfectDatesLenient.all.n), "ties/undated: first by path"],
        ["earliest date alone, report dates, all", accCell(b.reportDatesStrict.all.k, b.reportDatesStrict.all.n), "text dates of the report; ties/undated = fail"],
        ["earliest date alone, report dates, strictly earliest", accCell(b.reportDatesStrict.strictlyEarliest.k, b.reportDatesStrict.strictlyEarliest.n), ""],
        ["directed edges precision", fmt(edgesAll.directed.precision), `${edgesAll.directed.tp} of ${edgesAll.reported} reported edges are planted parent → child`],
        ["directed edges recall", fmt(edgesAll.directed.recall), `of ${edgesAll.planted} planted edges (${fmt(edgesMatched.directed.recall)} of ${edgesMatched.planted} in reported families)`],
        ["directed edges F1", fmt(edgesAll.directed.f1), `republications only: P ${fmt(edgesRepub.directed.precision)} R ${fmt(edgesRepub.directed.recall)} F1 ${fmt(edgesRepub.directed.f1)}`],
        ["undirected edges precision", fmt(edgesAll.undirected.precision), "right pair, either direction"],
        ["undirected edges recall", fmt(edgesAll.undirected.recall), ""],
        ["undirected edges F1", fmt(edgesAll.undirected.f1), `republications only: F1 ${fmt(edgesRepub.undirected.f1)}`],
        ["determined = false", `${origin.undetermined.n} families`, `origin accuracy ${accCell(origin.undetermined.k, origin.undetermined.n)}; determined ones ${accCell(origin.determined.k, origin.determined.n)}`],
        ["family confidence Brier / ECE", `${fmt(famCalSummary.brier)} / ${fmt(famCalSummary.ece)}`, ""],
        ["edge confidence Brier / ECE", `${fmt(edgeCalSummary.brier)} / ${fmt(edgeCalSummary.ece)}`, "correct = exact directed edge"],
      ],
    ),
  );
  out.push("");
  out.push("calibration (family confidence vs origin correct; edge confidence vs exact directed edge):");
  out.push(
    table(
      ["confidence", "families", "mean conf", "origin acc", "(republ.)", "edges", "mean conf", "edge acc"],
      famCal.map((x, i) => {
        const e = /** @type {(typeof edgeCal)[number]} */ (edgeCal[i]);
        const rp = /** @type {(typeof famCalRepub)[number]} */ (famCalRepub[i]);
        return [x.bin, x.count, fmt(x.meanConfidence), fmt(x.accuracy), `${fmt(rp.accuracy)} (${rp.count})`, e.count, fmt(e.meanConfidence), fmt(e.accuracy)];
      }),
    ),
  );
  out.push("");
  out.push(`wrong origins by cause: ${Object.entries(causeCounts).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join("; ") || "none"}`);
  out.push(`type of the document wrongly chosen as origin: ${Object.entries(chosenTypeCounts).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(", ") || "-"}`);
  out.push(`reported edges by kind: ${Object.entries(edgeKinds).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  out.push(`wrong edges by child's planted type: ${Object.entries(wrongEdgesByChildType).sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([k, v]) => `${k} ${v.wrong}/${v.n}`).join(", ")}`);
  out.push(
    `evidence on reported edges of planted pairs (sign right / present, mean |w| right vs wrong): ${Object.entries(evidenceStats)
      .map(([k, s]) => `${k} ${s.rightWay}/${s.present} (${fmt(s.rightWay ? s.sumRight / s.rightWay : null, 2)} vs ${fmt(s.present - s.rightWay ? s.sumWrong / (s.present - s.rightWay) : null, 2)})`)
      .join(", ")}`,
  );
  out.push(`attribution evidence by what it names (sign right / present): ${Object.entries(attributionByName).map(([k, v]) => `${k} ${v.rightWay}/${v.present}`).join(", ") || "-"}`);
  out.push(`reversed edges against a stated earlier date: ${dateOutweighed} (largest opposing evidence: ${Object.entries(outweighedBy).map(([k, v]) => `${k} ${v}`).join(", ") || "-"})`);
  out.push("");
  out.push(`dates: ${accCell(datedSame, datedTotal)} of documents dated in truth got the same date in the report; ${undatedWithTextDate} of ${undated} undated documents got a text date`);
  out.push(
    table(
      ["site date format", "dated docs", "same", "other date", "none", "file mtime", "accuracy"],
      Object.entries(byFormat)
        .sort((x, y) => (x[0] < y[0] ? -1 : 1))
        .map(([k, v]) => [k, v.n, v.same, v.differs, v.missing, v.mtime, fmt(v.same / v.n)]),
    ),
  );
  if (dateMismatches.length) {
    out.push(`date mismatches (${Math.min(20, dateMismatches.length)} of ${dateMismatches.length}):`);
    for (const m of dateMismatches.slice(0, 20)) out.push(`  ${m.path}  truth ${m.truth}  report ${m.report ?? "none"} (${m.dateSource ?? "-"})  [${m.format}] ${m.line ? JSON.stringify(m.line) : ""}`);
  }
  if (split.length || merged.length || partial.length || unreported.length) {
    out.push("");
    if (split.length) out.push(`split: ${split.map((s) => `${s.family} → reported ${s.reportedFamilies.join("+")}`).join("; ")}`);
    if (merged.length) out.push(`merged: ${merged.map((m) => `reported ${m.reportedFamily} (${m.planted} + ${m.otherPlantedFamilies} other families, ${m.standaloneDocuments} standalone)`).join("; ")}`);
    if (partial.length) out.push(`partial: ${partial.map((m) => `reported ${m.reportedFamily} holds ${m.held}/${m.of} of ${m.planted}`).join("; ")}`);
    if (unreported.length) out.push(`not reported: ${unreported.slice(0, 30).join(", ")}${unreported.length > 30 ? ", …" : ""}`);
  }
  if (wrong.length) {
    out.push("");
    out.push(`wrong origins (${Math.min(show, wrong.length)} of ${wrong.length}; republications first, highest confidence first):`);
    for (const w of wrong.slice(0, show)) {
      out.push(`- family ${w.family} (${w.planted}, ${w.kind}, ${w.size} docs): reported ${w.reportedOrigin} [${w.reportedOriginType}] conf ${fmt(w.confidence)}${w.determined ? "" : " undetermined"}; cause: ${w.causes.join("; ")}`);
      for (const m of w.members) {
        out.push(`    ${m.path}  ${m.type}  truth ${m.truthDate ?? "none"}  report ${m.date ?? "none"} (${m.dateSource ?? "-"})  parent ${m.parent ?? "-"}${m.attribution ? `  attr ${m.attribution}` : ""}${m.tags ? `  <- ${m.tags}` : ""}`);
      }
      for (const e of w.edgesTouchingTrueOrigin) {
        const ev = e.evidence.map((/** @type {Evidence} */ x) => `${x.type} ${x.weight >= 0 ? "+" : ""}${fmt(x.weight, 2)} (${x.detail})`).join("; ") || "no evidence";
        out.push(`    edge ${e.from} → ${e.to} conf ${fmt(e.confidence)} [${e.truth}]: ${ev}`);
      }
    }
  }
  process.stdout.write(out.join("\n") + "\n");

  const result = {
    when: new Date().toISOString(),
    report: rel(reportFile),
    truth: rel(truthFile),
    documents: truth.docs,
    plantedFamilies: truth.families.length,
    reportedFamilies: rFamilies.length,
    matching: { split, merged, partial, unreported },
    origin,
    baselines,
    baselineNote: "earliest date alone: strict = the unique earliest-dated member, ties or no dates count as failures; lenient = first by path among the earliest (all members when none is dated). perfectDates use truth dates, reportDates the report's text dates (file mtimes ignored); both choose among the reported family's documents",
    edges: { all: edgesAll, inReportedFamilies: edgesMatched, republications: edgesRepub, byKind: edgeKinds, wrongByChildType: wrongEdgesByChildType },
    calibration: { families: famCal, familiesRepublication: famCalRepub, familySummary: famCalSummary, edges: edgeCal, edgeSummary: edgeCalSummary },
    evidence: { stats: evidenceStats, attributionByName, reversedAgainstEarlierDate: dateOutweighed, outweighedBy },
    wrongOriginCauses: causeCounts,
    wrongOriginChosenType: chosenTypeCounts,
    dates: { datedTotal, datedSame, byFormat, mismatches: dateMismatches, undated, undatedWithTextDate, spuriousDates },
    wrongOrigins: wrong,
    families: famResults,
  };
  writeFileSync(join(OUT, "provenance-last.json"), JSON.stringify(result, null, 2) + "\n");
  return 0;
}

runMain(main, "provenance", (e) => (e && typeof e === "object" && "usage" in e ? 2 : 1));
