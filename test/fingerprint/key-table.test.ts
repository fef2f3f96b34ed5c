import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sequenceKey } from "../../src/fingerprint/hash.js";
import { KeyTable } from "../../src/fingerprint/key-table.js";

describe("KeyTable", () => {
  it("answers like a Map for any sequence of sets, look-ups, look-ups that set, and clears, through growth (property)", () => {
    // Keys as the scan makes them (53-bit sequence keys), and a few small ones, which share the high part.
    const key = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 6 }).map((xs) => sequenceKey(Uint32Array.from(xs))),
      fc.integer({ min: 0, max: 5000 }),
    );
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.integer({ min: 0, max: 0x7fffffff }) }),
      fc.record({ kind: fc.constant("get" as const), key }),
      fc.record({ kind: fc.constant("getOrSet" as const), key, value: fc.integer({ min: 0, max: 0x7fffffff }) }),
      fc.record({ kind: fc.constant("clear" as const) }),
    );
    fc.assert(
      // Made small or for thousands of keys at once: the size hint must not change an answer.
      fc.property(fc.array(op, { maxLength: 3000 }), fc.constantFrom(0, 1, 700, 5000), (ops, expected) => {
        const table = new KeyTable(expected);
        const map = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === "set") {
            table.set(o.key, o.value);
            map.set(o.key, o.value);
          } else if (o.kind === "get") expect(table.get(o.key)).toBe(map.get(o.key) ?? -1);
          else if (o.kind === "getOrSet") {
            // The stored value, or -1 with the new one stored.
            expect(table.getOrSet(o.key, o.value)).toBe(map.get(o.key) ?? -1);
            if (!map.has(o.key)) map.set(o.key, o.value);
          }
          else {
            table.clear();
            map.clear();
          }
          expect(table.size).toBe(map.size);
        }
        for (const [k, v] of map) expect(table.get(k)).toBe(v);
      }),
      { numRuns: 60 },
    );
  });

  it("holds a million distinct keys (many doublings) and finds each", () => {
    const table = new KeyTable();
    const keys: number[] = [];
    for (let i = 0; i < 1_000_000; i++) keys.push(sequenceKey(Uint32Array.of(i, i * 7)));
    keys.forEach((k, i) => table.set(k, i));
    expect(table.size).toBe(new Set(keys).size);
    expect(keys.every((k, i) => table.get(k) === i)).toBe(true);
    expect(table.get(sequenceKey(Uint32Array.of(1, 2, 3)))).toBe(-1);
  });
});
