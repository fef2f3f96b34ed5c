import { describe, expect, it } from "vitest";
import { FingerprintArena } from "../../src/fingerprint/arena.js";

describe("FingerprintArena", () => {
  it("keeps its chunk for the next batch, unless a huge paragraph made it huge", () => {
    const arena = new FingerprintArena(1024);
    arena.take(100);
    const kept = arena.chunks()[0]!.buffer;
    arena.reset();
    expect(arena.chunks()[0]!.buffer).toBe(kept);
    // One paragraph of five million shingles (a file without line breaks).
    arena.take(5_000_000);
    expect(arena.chunks().at(-1)!.buffer.byteLength).toBeGreaterThanOrEqual(20_000_000);
    arena.reset();
    expect(arena.chunks()[0]!.buffer.byteLength).toBe(1024 * 4);
  });

  it("gives out views that do not overlap, across chunks, and gives back what fit trims", () => {
    const arena = new FingerprintArena(8);
    const a = arena.take(5);
    a.fill(1);
    const b = arena.fit(arena.take(6), 2); // past the first chunk: a new one
    b.fill(2);
    const c = arena.take(3); // in the new chunk, right after b's two values
    c.fill(3);
    expect([...a, ...b, ...c]).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3, 3]);
    expect(c.buffer).toBe(b.buffer);
    expect(c.byteOffset).toBe(b.byteOffset + 8);
    expect(arena.chunks().map((k) => [...k])).toEqual([[1, 1, 1, 1, 1], [2, 2, 3, 3, 3]]);
  });

  it("a lasting arena (fingerprinting in the scan's own thread) starts chunks of one size, never doubling", () => {
    const arena = FingerprintArena.lasting();
    const first = arena.take(1 << 17);
    for (let k = 0; k < 5; k++) arena.take(1 << 17);
    const sizes = arena.chunks().map((c) => c.buffer.byteLength);
    expect(new Set(sizes).size).toBe(1);
    expect(sizes.length).toBe(3);
    first.fill(7);
    expect(arena.chunks()[0]![0]).toBe(7); // views stay where they were given
  });
});
