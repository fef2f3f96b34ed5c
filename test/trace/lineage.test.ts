/**
 * The per-triple shared-variants test on hand-made shingle sets: what share of
 * b's changes to a does c carry?
 */
import { describe, expect, it } from "vitest";
import type { Paragraph } from "../../src/model.js";
import { carriedShare, lineageOf, MIN_CARRIED } from "../../src/trace/lineage.js";

function para(index: number, shingles: readonly number[]): Paragraph {
  return { index, line: index + 1, endLine: index + 1, text: "", words: shingles.length + 3, exactKey: index, shingles: Uint32Array.from([...new Set(shingles)].sort((x, y) => x - y)) };
}
const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

// a: three paragraphs of 40 shingles. b edits the first two (10 new shingles each, 10 old
// ones gone). c copies b and cuts it after the second paragraph.
const a = [para(0, range(0, 40)), para(1, range(100, 40)), para(2, range(200, 40))];
const b = [para(0, [...range(0, 30), ...range(1000, 10)]), para(1, [...range(100, 30), ...range(1100, 10)]), para(2, range(200, 40))];
const c = [b[0]!, b[1]!];
// d: an independent edit of a, other words changed.
const d = [para(0, [...range(10, 30), ...range(2000, 10)]), para(1, range(100, 40)), para(2, range(200, 40))];

describe("lineageOf", () => {
  it("sees that c carries all of b's changes to a, on the part of b it kept", () => {
    const l = lineageOf([a, b, c, d])!;
    expect(carriedShare(l.at(0, 1, 2))).toBe(1);
  });

  it("sees that an independent copy carries none of them", () => {
    const l = lineageOf([a, b, c, d])!;
    expect(carriedShare(l.at(0, 1, 3))).toBe(0);
    expect(carriedShare(l.at(0, 3, 2))).toBe(0);
  });

  it("does not count a tail cut short, nor the cutter's own lines, as a shared change", () => {
    // x and y both keep only a's first paragraph, each under its own dateline.
    const x = [para(0, range(5000, 6)), a[0]!];
    const y = [para(0, range(6000, 6)), a[0]!];
    const l = lineageOf([a, x, y])!;
    expect(l.at(0, 1, 2).carried).toBe(0);
  });

  it("needs a few changed words before it speaks, and three witnesses", () => {
    expect(carriedShare({ added: MIN_CARRIED - 1, carried: MIN_CARRIED - 1 })).toBe(0);
    expect(lineageOf([a, b])).toBeNull();
  });
});
