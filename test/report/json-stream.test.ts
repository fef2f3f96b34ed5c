import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../src/report/json-stream.js";

const joined = (v: unknown): string => [...jsonChunks(v)].join("");

describe("jsonChunks", () => {
  it("is JSON.stringify(value, null, 2) + newline, byte for byte (property over JSON objects)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(joined(value)).toBe(JSON.stringify(value, null, 2) + "\n");
      }),
      { seed: 71, numRuns: 1000 },
    );
  });

  it("keeps JSON.stringify's rules: undefined members left out, undefined in arrays as null, empty arrays and objects", () => {
    const value = { a: undefined, b: [1, undefined, { c: undefined }], d: [], e: {}, f: "line\nbreak", g: [[1, [2]], { h: [] }] };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2) + "\n");
    expect(joined({})).toBe("{}\n");
    expect(joined([1, 2])).toBe(JSON.stringify([1, 2], null, 2) + "\n");
  });

  it("leaves out functions and symbols and follows toJSON at the top level, as JSON.stringify does", () => {
    const value = { a: () => 1, b: Symbol("s"), c: new Date(Date.UTC(2022, 6, 30)), d: { toJSON: () => undefined }, e: { toJSON: () => [1, 2] }, f: null };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2) + "\n");
  });

  it("stringifies each element once: the whole array's text is never made to decide whether to write it", () => {
    let calls = 0;
    const element = (i: number): { toJSON(): unknown } => ({ toJSON: () => (calls++, { i }) });
    const value = { documents: Array.from({ length: 50 }, (_, i) => element(i)), pairs: [element(50)] };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2) + "\n");
    // 51 for jsonChunks and 51 for the JSON.stringify above.
    expect(calls).toBe(102);
  });

  it("hands out a large array in several chunks, none of them the whole text", () => {
    const value = { documents: Array.from({ length: 30000 }, (_, i) => ({ path: `site/${i}.txt`, words: i, title: "x".repeat(40) })) };
    const chunks = [...jsonChunks(value)];
    const text = JSON.stringify(value, null, 2) + "\n";
    expect(chunks.join("")).toBe(text);
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(text.length / 2);
  });
});
