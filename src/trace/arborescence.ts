/**
 * Maximum-weight spanning arborescence (Chu–Liu/Edmonds): every node but the
 * root gets exactly one parent, there are no cycles, and the total weight of
 * the chosen edges is as large as it can be.
 *
 * `weight[u][v]` is the weight of edge u → v, or -Infinity where there is no
 * edge. Contracts one cycle at a time: O(n · m), fine for families of tens of
 * documents (trace.ts caps the size it calls this on).
 */

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly w: number;
  /** The edge of the enclosing level this one stands for. */
  readonly src: Edge | null;
}

function solve(n: number, root: number, edges: readonly Edge[]): Edge[] | null {
  const best: (Edge | undefined)[] = new Array(n);
  for (const e of edges) {
    if (e.to === root || e.from === e.to) continue;
    const b = best[e.to];
    if (!b || e.w > b.w) best[e.to] = e;
  }
  for (let v = 0; v < n; v++) if (v !== root && !best[v]) return null;

  // Find one cycle of best edges.
  const state = new Int8Array(n); // 0 unseen, 1 on current walk, 2 done
  let cycle: number[] | null = null;
  for (let s = 0; s < n && !cycle; s++) {
    const walk: number[] = [];
    let x = s;
    while (x !== root && state[x] === 0) {
      state[x] = 1;
      walk.push(x);
      x = best[x]!.from;
    }
    if (x !== root && state[x] === 1) cycle = walk.slice(walk.indexOf(x));
    for (const y of walk) state[y] = 2;
  }
  if (!cycle) return best.filter((e): e is Edge => e !== undefined);

  // Contract the cycle into node `k`.
  const inCycle = new Uint8Array(n);
  for (const v of cycle) inCycle[v] = 1;
  const map = new Int32Array(n);
  let k = 0;
  for (let v = 0; v < n; v++) if (!inCycle[v]) map[v] = k++;
  for (const v of cycle) map[v] = k;
  const contracted: Edge[] = [];
  for (const e of edges) {
    const a = map[e.from]!;
    const b = map[e.to]!;
    if (a === b) continue;
    contracted.push({ from: a, to: b, w: inCycle[e.to] ? e.w - best[e.to]!.w : e.w, src: e });
  }
  const inner = solve(k + 1, map[root]!, contracted);
  if (!inner) return null;
  const result = inner.map((e) => e.src!);
  const entering = inner.find((e) => e.to === k)!.src!;
  for (const v of cycle) if (v !== entering.to) result.push(best[v]!);
  return result;
}

/** Parent of each node (`-1` for the root), or null when some node cannot be reached from the root. */
export function maxArborescence(weight: readonly (readonly number[])[], root: number): number[] | null {
  const n = weight.length;
  const edges: Edge[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      const w = weight[u]![v]!;
      if (u !== v && v !== root && w > -Infinity) edges.push({ from: u, to: v, w, src: null });
    }
  }
  const chosen = solve(n, root, edges);
  if (!chosen) return null;
  const parent = new Array<number>(n).fill(-1);
  for (const e of chosen) parent[e.to] = e.from;
  return parent;
}
