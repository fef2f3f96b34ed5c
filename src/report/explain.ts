/**
 * `statdup explain A B`: two documents aligned paragraph by paragraph, with
 * the word-level differences of each aligned pair. The alignment keeps both
 * documents' order: matched paragraphs are rows with both sides, the others
 * rows with one side, placed where they stand in their own document.
 */
import type { Analysis } from "../scan.js";
import { diffParagraphs, type DiffPiece } from "../trace/variants.js";
import type { ReportPair } from "./report-model.js";

export interface ExplainSide {
  readonly paragraph: number;
  readonly line: number;
  readonly text: string;
}

export interface ExplainRow {
  readonly a: ExplainSide | null;
  readonly b: ExplainSide | null;
  /** Match kind of an aligned row; null for a paragraph found on one side only. */
  readonly kind: "exact" | "near" | "partial" | null;
  /** Word-level differences of an aligned row (empty otherwise). */
  readonly diff: readonly DiffPiece[];
}

export interface Explanation {
  readonly schemaVersion: 1;
  readonly a: string;
  readonly b: string;
  /** The pair as `scan` reports it, or null when the two do not make a pair. */
  readonly pair: ReportPair | null;
  readonly rows: readonly ExplainRow[];
}

interface Para {
  readonly paragraph: number;
  readonly line: number;
}

export function explain(analysis: Analysis, aPath: string, bPath: string, aParas: readonly Para[], bParas: readonly Para[]): Explanation {
  const pair = analysis.report.pairs.find((p) => (p.a === aPath && p.b === bPath) || (p.a === bPath && p.b === aPath)) ?? null;
  const flipped = pair !== null && pair.a === bPath;
  // One counterpart per paragraph, in order: a monotone chain through the matches.
  const matches = (pair?.matches ?? [])
    .map((m) => (flipped ? { a: m.b.paragraph, b: m.a.paragraph, kind: m.kind } : { a: m.a.paragraph, b: m.b.paragraph, kind: m.kind }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  const chain: typeof matches = [];
  for (const m of matches) {
    const last = chain[chain.length - 1];
    if (!last || (m.a > last.a && m.b > last.b)) chain.push(m);
  }
  const side = (path: string, p: Para): ExplainSide => ({ paragraph: p.paragraph, line: p.line, text: analysis.paragraphText(path, p.paragraph) ?? "" });
  const rows: ExplainRow[] = [];
  let i = 0;
  let j = 0;
  const flushTo = (ai: number, bj: number): void => {
    while (i < ai) rows.push({ a: side(aPath, aParas[i++]!), b: null, kind: null, diff: [] });
    while (j < bj) rows.push({ a: null, b: side(bPath, bParas[j++]!), kind: null, diff: [] });
  };
  for (const m of chain) {
    flushTo(m.a, m.b);
    const a = side(aPath, aParas[i++]!);
    const b = side(bPath, bParas[j++]!);
    rows.push({ a, b, kind: m.kind, diff: diffParagraphs(a.text, b.text) });
  }
  flushTo(aParas.length, bParas.length);
  return { schemaVersion: 1, a: aPath, b: bPath, pair, rows };
}
