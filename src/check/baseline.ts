/**
 * The baseline: findings a team has accepted, so that only new ones fail.
 *
 * The file is JSON, written sorted and without timestamps so it diffs well:
 *
 *   { "statdupBaseline": 1,
 *     "findings": [ { "a": "archive/x.md", "b": "news/y.md",
 *                     "passages": ["3f0c9a…", …] } ],
 *     "carried": { "archive/x.md": ["77e1b0…", …], "news/y.md": [ … ] } }
 *
 * `a` < `b` are the two documents' paths relative to the baseline file's
 * folder (so the check may run from anywhere, with any inputs that reach the
 * same files); `passages` are the fingerprints of their duplicated passages
 * (findings.ts: normalised text of both paragraphs, hashed). A passage of a
 * pair is accepted when the baseline has the same two paths and the same
 * fingerprint: moving paragraphs, rewrapping and editing other paragraphs keep
 * it; editing the duplicated paragraph itself, or renaming a file, makes the
 * passage new.
 *
 * It is also accepted when the baseline records that fingerprint for each of
 * the two documents, with other partners: both already carried that passage,
 * so their pair moves no text. A scan reports only some of the pairs among
 * many copies of one text (a group of identical documents is paired through
 * its head, a crowded paragraph through its leaders: match/identical-groups.ts,
 * match/document-pairs.ts); deleting the head makes the next copy the head, and
 * its pairs with the others, none in the baseline, failed the check (118 of them
 * for 120 copies of one statement) though no file but the deleted one changed.
 *
 * Copies that differ (a blurb with each site's name in it) make a passage whose
 * fingerprint is new whenever two of them are paired for the first time: deleting a
 * leader of a crowded paragraph pairs the next one with every copy (1,180 failures
 * for one record deleted of 1,200). So the file also lists, per document, the
 * fingerprints of its own paragraphs in accepted passages (`carried`, findings.ts
 * paragraphFingerprint), and the paragraph texts that accepted passages join into
 * one (`linked`: the groups of two or more distinct texts, each a connected part of
 * the accepted passages). A passage passes when each side's paragraph is one its
 * document carried, and the two are one text or linked: both documents already
 * carried that text. Two carried texts never matched before (a rewrite of a
 * statement, carried by other pages, that a lower --threshold now matches to it)
 * are not linked: their passage is new. Standard input is never recorded as
 * carrying or linking anything. Baselines written before `carried` existed are
 * read as they are (the rules above); one with `carried` but no `linked` is
 * refused (ConfigError): read as "nothing linked", it would fail every new
 * pairing of variants.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors.js";
import type { Finding } from "./check-model.js";
import type { DocumentPaths } from "./document-paths.js";
import { UnionFind } from "../group/union-find.js";
import { sideFingerprinter, type ParagraphSource } from "./findings.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly a: string;
  readonly b: string;
  readonly passages: readonly string[];
}

export interface BaselineFile {
  readonly statdupBaseline: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
  /** Per document (path as in `findings`), the fingerprints of its paragraphs in accepted passages. */
  readonly carried?: Readonly<Record<string, readonly string[]>>;
  /** Paragraph fingerprints that accepted passages join, in groups of two or more. */
  readonly linked?: readonly (readonly string[])[];
}

/** A passage as the baseline is asked about it: the pair's fingerprint, and each side's paragraph's when known. */
export interface BaselinePassage {
  readonly fingerprint: string;
  /** Paragraph fingerprints of the passage in `pathA` and in `pathB`, asked for only when the other rules fail. */
  readonly paragraphs?: (() => readonly [string, string] | undefined) | undefined;
}

/** A loaded baseline, answering in report paths. */
export interface Baseline {
  /** The file as the user named it. */
  readonly name: string;
  /** Whether this passage between these two documents is accepted. */
  accepts(pathA: string, pathB: string, passage: BaselinePassage): boolean;
}

/** Standard input's path: a different text each run, never recorded as carrying or linking text. */
const STDIN = "-";

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

function isEntry(e: unknown): e is BaselineEntry {
  if (e === null || typeof e !== "object") return false;
  const r = e as Record<string, unknown>;
  return typeof r.a === "string" && typeof r.b === "string" && Array.isArray(r.passages) && r.passages.every((p) => typeof p === "string");
}

/** Read a baseline file; a missing or malformed file is a ConfigError (exit 2). */
export function readBaseline(file: string, name: string, paths: DocumentPaths): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "baseline not found (write one with --write-baseline)" : `cannot read the baseline: ${(err as Error).message}`;
    throw new ConfigError(name, why, { cause: err });
  }
  const r = data as Record<string, unknown> | null;
  if (r === null || typeof r !== "object" || r.statdupBaseline !== BASELINE_VERSION || !Array.isArray(r.findings)) {
    throw new ConfigError(name, `not a statdup baseline (expected "statdupBaseline": ${BASELINE_VERSION} and a "findings" list)`);
  }
  const accepted = new Map<string, Set<string>>();
  // Per fingerprint, the documents the baseline records it for (either side of a pair).
  const carriers = new Map<string, Set<string>>();
  const carry = (fingerprint: string, doc: string): void => {
    if (doc !== STDIN) addTo(carriers, fingerprint, doc);
  };
  r.findings.forEach((e, i) => {
    if (!isEntry(e)) throw new ConfigError(name, `findings[${i}] must have "a", "b" (paths) and "passages" (a list of fingerprints)`);
    const key = pairKey(e.a, e.b);
    const set = accepted.get(key) ?? new Set<string>();
    for (const p of e.passages) {
      set.add(p);
      carry(p, e.a);
      carry(p, e.b);
    }
    accepted.set(key, set);
  });
  // Per document, the fingerprints of its own paragraphs in accepted passages.
  const ownParagraphs = new Map<string, Set<string>>();
  if (r.carried !== undefined) {
    const carried = r.carried as unknown;
    const valid = carried !== null && typeof carried === "object" && !Array.isArray(carried) && Object.values(carried).every((v) => Array.isArray(v) && v.every((p) => typeof p === "string"));
    if (!valid) throw new ConfigError(name, `"carried" must map document paths to lists of paragraph fingerprints`);
    for (const [doc, list] of Object.entries(carried as Record<string, string[]>)) ownParagraphs.set(doc, new Set(list));
  }
  if (r.carried !== undefined && r.linked === undefined) {
    throw new ConfigError(name, `has "carried" but no "linked" (both are written together): write the baseline again with --write-baseline`);
  }
  // Each linked paragraph fingerprint's group (groups that share one, as a hand edit may leave them, are one).
  const linkedIndex = new Map<string, number>();
  let joined = new UnionFind(0);
  if (r.linked !== undefined) {
    const linked = r.linked as unknown;
    if (!Array.isArray(linked) || !linked.every((g) => Array.isArray(g) && g.every((p) => typeof p === "string"))) {
      throw new ConfigError(name, `"linked" must be a list of lists of paragraph fingerprints`);
    }
    for (const group of linked as string[][]) for (const p of group) if (!linkedIndex.has(p)) linkedIndex.set(p, linkedIndex.size);
    joined = new UnionFind(linkedIndex.size);
    for (const group of linked as string[][]) for (const p of group) joined.union(linkedIndex.get(group[0]!)!, linkedIndex.get(p)!);
  }
  const oneText = (x: string, y: string): boolean => {
    if (x === y) return true;
    const [i, j] = [linkedIndex.get(x), linkedIndex.get(y)];
    return i !== undefined && j !== undefined && joined.find(i) === joined.find(j);
  };
  const dir = path.dirname(path.resolve(file));
  return {
    name,
    accepts: (pathA, pathB, { fingerprint, paragraphs }) => {
      const [a, b] = [paths.relativeTo(dir, pathA), paths.relativeTo(dir, pathB)];
      if (accepted.get(pairKey(a, b))?.has(fingerprint) === true) return true;
      const carried = carriers.get(fingerprint);
      if (carried !== undefined && carried.has(a) && carried.has(b)) return true;
      if (paragraphs === undefined || ownParagraphs.size === 0) return false;
      const sides = paragraphs();
      return sides !== undefined && oneText(sides[0], sides[1]) && ownParagraphs.get(a)?.has(sides[0]) === true && ownParagraphs.get(b)?.has(sides[1]) === true;
    },
  };
}

function byPath(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The baseline that accepts exactly these findings, paths relative to `dir` (`texts`: the paragraphs' texts, for `carried`). */
export function baselineOf(findings: readonly Finding[], dir: string, paths: DocumentPaths, texts: ParagraphSource): BaselineFile {
  const byPair = new Map<string, { a: string; b: string; passages: Set<string> }>();
  const carried = new Map<string, Set<string>>();
  const carry = (doc: string, fingerprint: string): void => {
    if (doc !== STDIN) addTo(carried, doc, fingerprint);
  };
  // Paragraph texts joined by accepted passages (union-find over their fingerprints).
  const index = new Map<string, number>();
  const joins: [number, number][] = [];
  const indexOf = (fingerprint: string): number => {
    let i = index.get(fingerprint);
    if (i === undefined) index.set(fingerprint, (i = index.size));
    return i;
  };
  const sidesOf = sideFingerprinter(texts);
  for (const f of findings) {
    const [a, b] = [paths.relativeTo(dir, f.a), paths.relativeTo(dir, f.b)].sort();
    const key = pairKey(a!, b!);
    const entry = byPair.get(key) ?? { a: a!, b: b!, passages: new Set<string>() };
    for (const p of f.passages) {
      entry.passages.add(p.fingerprint);
      const sides = sidesOf(p);
      if (!sides) continue;
      const [copy, original] = [paths.relativeTo(dir, p.copy.path), paths.relativeTo(dir, p.original.path)];
      carry(copy, sides.copy);
      carry(original, sides.original);
      // Standard input joins nothing either: a text piped in once must not link two others for good.
      if (sides.copy !== sides.original && copy !== STDIN && original !== STDIN) joins.push([indexOf(sides.copy), indexOf(sides.original)]);
    }
    byPair.set(key, entry);
  }
  const entries = [...byPair.values()]
    .map((e) => ({ a: e.a, b: e.b, passages: [...e.passages].sort() }))
    .sort((x, y) => byPath(x.a, y.a) || byPath(x.b, y.b));
  const carriedOut: Record<string, string[]> = {};
  for (const doc of [...carried.keys()].sort(byPath)) carriedOut[doc] = [...carried.get(doc)!].sort();
  const joined = new UnionFind(index.size);
  for (const [x, y] of joins) joined.union(x, y);
  const groups = new Map<number, string[]>();
  for (const [fingerprint, i] of index) {
    const root = joined.find(i);
    const group = groups.get(root);
    if (group) group.push(fingerprint);
    else groups.set(root, [fingerprint]);
  }
  const linked = [...groups.values()].map((g) => g.sort()).sort((x, y) => byPath(x[0]!, y[0]!));
  return { statdupBaseline: BASELINE_VERSION, findings: entries, carried: carriedOut, linked };
}

/** Write the baseline accepting `findings` to `file` (folders created as needed). */
export function writeBaseline(file: string, findings: readonly Finding[], paths: DocumentPaths, texts: ParagraphSource): BaselineFile {
  const absolute = path.resolve(file);
  const data = baselineOf(findings, path.dirname(absolute), paths, texts);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, JSON.stringify(data, null, 2) + "\n");
  return data;
}
