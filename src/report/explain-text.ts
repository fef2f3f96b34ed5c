/**
 * Side-by-side text for `statdup explain`: the first document on the left, the
 * second on the right, one aligned row per paragraph. Words only in the left
 * paragraph are red, words only in the right green (or [-…-] / {+…+} without
 * colour, so the differences survive NO_COLOR and pipes).
 */
import type { ChalkInstance } from "chalk";
import type { Explanation, ExplainRow } from "./explain.js";

interface Segment {
  readonly text: string;
  readonly style: "plain" | "removed" | "added" | "dim";
}

function paint(seg: Segment, c: ChalkInstance): string {
  if (seg.style === "removed") return c.level > 0 ? c.red.strikethrough(seg.text) : seg.text;
  if (seg.style === "added") return c.level > 0 ? c.green.underline(seg.text) : seg.text;
  if (seg.style === "dim") return c.dim(seg.text);
  return seg.text;
}

/** Break segments into lines of at most `width` visible characters, at spaces where possible. */
function wrap(segments: readonly Segment[], width: number): Segment[][] {
  const lines: Segment[][] = [[]];
  let used = 0;
  for (const seg of segments) {
    for (const word of seg.text.replace(/\s+/g, " ").split(/(?<= )/)) {
      if (word === "") continue;
      let rest = word;
      while (rest.length > 0) {
        if ((used + rest.trimEnd().length > width && used > 0) || used >= width) {
          lines.push([]);
          used = 0;
        }
        const take = rest.slice(0, width - used);
        lines[lines.length - 1]!.push({ text: take, style: seg.style });
        used += take.length;
        rest = rest.slice(take.length);
      }
    }
  }
  return lines;
}

function sideSegments(row: ExplainRow, side: "a" | "b", plainMarks: boolean): Segment[] {
  const own = row[side];
  if (!own) return [];
  if (row.diff.length === 0) return [{ text: own.text, style: row.a && row.b ? "plain" : "dim" }];
  const skip = side === "a" ? "added" : "removed";
  const mark = side === "a" ? "removed" : "added";
  return row.diff
    .filter((p) => p.op !== skip)
    .map((p): Segment => {
      if (p.op !== mark) return { text: p.text, style: "plain" };
      const text = plainMarks ? (side === "a" ? `[-${p.text.trimEnd()}-] ` : `{+${p.text.trimEnd()}+} `) : p.text;
      return { text, style: mark };
    });
}

export function explainText(x: Explanation, c: ChalkInstance, columns = 100): string {
  const width = Math.max(20, Math.floor((columns - 3) / 2));
  const out: string[] = [];
  const pad = (line: Segment[]): string => {
    const visible = line.reduce((n, s) => n + s.text.length, 0);
    return line.map((s) => paint(s, c)).join("") + " ".repeat(Math.max(0, width - visible));
  };
  out.push(c.bold(`${x.a.padEnd(width).slice(0, width)} │ ${x.b}`));
  if (x.pair) {
    out.push(
      c.dim(
        `${x.pair.kind} · similarity ${x.pair.similarity.toFixed(2)} · ${Math.round(x.pair.coverage.a * 100)}% of ${x.pair.a} in ${x.pair.b}, ` +
          `${Math.round(x.pair.coverage.b * 100)}% of ${x.pair.b} in ${x.pair.a}`,
      ),
    );
  } else out.push(c.dim("these two documents do not make a pair at the current settings"));
  out.push("─".repeat(width) + "─┼─" + "─".repeat(width));
  for (const row of x.rows) {
    const label = (s: ExplainRow["a"]): Segment => ({ text: s ? `line ${s.line}` : "", style: "dim" });
    const kind = row.kind ? ` · ${row.kind}` : row.a ? " · only here" : "";
    const kindB = row.kind ? ` · ${row.kind}` : row.b ? " · only here" : "";
    const left = [[label(row.a), { text: row.a ? kind : "", style: "dim" } as Segment], ...wrap(sideSegments(row, "a", c.level === 0), width)];
    const right = [[label(row.b), { text: row.b ? kindB : "", style: "dim" } as Segment], ...wrap(sideSegments(row, "b", c.level === 0), width)];
    const n = Math.max(left.length, right.length);
    for (let k = 0; k < n; k++) out.push(`${pad(left[k] ?? [])} │ ${(right[k] ?? []).map((s) => paint(s, c)).join("")}`.trimEnd());
    out.push("");
  }
  return out.join("\n") + "\n";
}
