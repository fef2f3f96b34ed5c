import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxArborescence } from "../../src/trace/arborescence.js";

type Matrix = number[][];

/** Best total weight over every parent assignment that forms a tree rooted at `root` (brute force). */
function bruteForce(w: Matrix, root: number): number {
  const n = w.length;
  const parent = new Array<number>(n).fill(-1);
  let best = -Infinity;
  const reachesRoot = (): boolean => {
    for (let s = 0; s < n; s++) {
      let x = s;
      for (let k = 0; k <= n && x !== root; k++) x = parent[x]!;
      if (x !== root) return false;
    }
    return true;
  };
  const assign = (v: number): void => {
    if (v === n) {
      if (!reachesRoot()) return;
      let total = 0;
      for (let u = 0; u < n; u++) if (u !== root) total += w[parent[u]!]![u]!;
      best = Math.max(best, total);
      return;
    }
    if (v === root) return assign(v + 1);
    for (let u = 0; u < n; u++) {
      if (u === v || w[u]![v] === -Infinity) continue;
      parent[v] = u;
      assign(v + 1);
    }
  };
  assign(0);
  return best;
}

const graph = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    root: fc.integer({ min: 0, max: n - 1 }),
    w: fc.array(fc.array(fc.option(fc.integer({ min: -5, max: 10 }), { freq: 4 }), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    }),
  }),
);

describe("maxArborescence (Chu–Liu/Edmonds)", () => {
  it("finds a tree as heavy as the best of all parent assignments (property, against brute force)", () => {
    fc.assert(
      fc.property(graph, ({ root, w: raw }) => {
        const w: Matrix = raw.map((row, u) => row.map((x, v) => (u === v || x === null ? -Infinity : x)));
        const expected = bruteForce(w, root);
        const parent = maxArborescence(w, root);
        if (expected === -Infinity) {
          expect(parent).toBeNull();
          return;
        }
        expect(parent).not.toBeNull();
        const p = parent!;
        expect(p[root]).toBe(-1);
        // Every node reaches the root: no cycle.
        for (let s = 0; s < w.length; s++) {
          let x = s;
          for (let k = 0; k <= w.length && x !== root; k++) x = p[x]!;
          expect(x).toBe(root);
        }
        const total = p.reduce((sum, u, v) => (v === root ? sum : sum + w[u]![v]!), 0);
        expect(total).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("breaks a cycle of strong edges where entering it costs least", () => {
    const I = -Infinity;
    // 1 ⇄ 2 prefer each other over the root: enter the cycle at 1 (3 + 9 = 12), not at 2 (2 + 8 = 10).
    const w: Matrix = [
      [I, 3, 2],
      [I, I, 9],
      [I, 8, I],
    ];
    expect(maxArborescence(w, 0)).toEqual([-1, 0, 1]);
  });
});
