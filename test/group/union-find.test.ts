import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnionFind } from "../../src/group/union-find.js";

/** Connected components by breadth-first search: component id of each node. */
function components(n: number, edges: readonly (readonly [number, number])[]): number[] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [x, y] of edges) {
    adj[x]!.push(y);
    adj[y]!.push(x);
  }
  const comp = new Array<number>(n).fill(-1);
  for (let s = 0; s < n; s++) {
    if (comp[s] !== -1) continue;
    comp[s] = s;
    const queue = [s];
    while (queue.length > 0) {
      const x = queue.pop()!;
      for (const y of adj[x]!) {
        if (comp[y] === -1) {
          comp[y] = s;
          queue.push(y);
        }
      }
    }
  }
  return comp;
}

const graph = fc
  .integer({ min: 1, max: 60 })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 })));

describe("UnionFind", () => {
  it("starts with every element alone", () => {
    const uf = new UnionFind(5);
    for (let i = 0; i < 5; i++) expect(uf.find(i)).toBe(i);
  });

  it("joins transitively", () => {
    const uf = new UnionFind(6);
    uf.union(0, 1);
    uf.union(2, 3);
    expect(uf.find(0)).toBe(uf.find(1));
    expect(uf.find(1)).not.toBe(uf.find(2));
    uf.union(1, 3);
    expect(uf.find(0)).toBe(uf.find(2));
    expect(uf.find(4)).not.toBe(uf.find(0));
    uf.union(3, 3);
    uf.union(0, 3);
    expect(uf.find(5)).toBe(5);
  });

  it("find(x) === find(y) exactly when x and y are connected (property, against BFS)", () => {
    fc.assert(
      fc.property(graph, ([n, edges]) => {
        const uf = new UnionFind(n);
        for (const [x, y] of edges) uf.union(x, y);
        const comp = components(n, edges);
        for (let x = 0; x < n; x++) {
          const root = uf.find(x);
          expect(root).toBeGreaterThanOrEqual(0);
          expect(root).toBeLessThan(n);
          expect(uf.find(root)).toBe(root); // a root is its own representative
          for (let y = 0; y < n; y++) expect(uf.find(x) === uf.find(y)).toBe(comp[x] === comp[y]);
        }
      }),
      { seed: 71, numRuns: 300 },
    );
  });

  it("the partition does not depend on the order or direction of unions (property)", () => {
    fc.assert(
      fc.property(graph, fc.integer(), ([n, edges], salt) => {
        const a = new UnionFind(n);
        for (const [x, y] of edges) a.union(x, y);
        const shuffled = edges
          .map((e, i) => ({ e, k: Math.imul(i + 1, salt | 1) >>> 0 }))
          .sort((p, q) => p.k - q.k)
          .map(({ e: [x, y] }) => [y, x] as const);
        const b = new UnionFind(n);
        for (const [x, y] of shuffled) b.union(x, y);
        for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) expect(a.find(x) === a.find(y)).toBe(b.find(x) === b.find(y));
      }),
      { seed: 72, numRuns: 200 },
    );
  });

  it("handles a long chain quickly (path compression, union by size)", () => {
    const n = 200_000;
    const uf = new UnionFind(n);
    for (let i = 1; i < n; i++) uf.union(i - 1, i);
    const root = uf.find(0);
    for (let i = 0; i < n; i += 997) expect(uf.find(i)).toBe(root);
  });
});
