/**
 * Lineage: the per-triple shared-variants test. In a chain a → b → c, c
 * carries the changes b made to a (its edits, the seams of sentences it cut,
 * paragraphs it merged) as well as its own; two copies made from a
 * independently rarely make the same changes. So when c's text holds most of
 * what b added to a, a is not c's parent: b (or a witness like it) stands
 * between them.
 *
 * A change is counted as a shingle (four-word sequence) that b has and a has
 * not. Only b's paragraphs that c carries at all are looked at, so a copy that
 * dropped half of b is judged on the half it kept. Removals are not counted:
 * two excerpts cut at the same place are siblings as often as not (copies drop
 * the tail of a text independently), whereas the same new words in two
 * witnesses are inherited.
 */
import type { Paragraph } from "../model.js";

/** Fewest shared new shingles that count: about two changed words. */
export const MIN_CARRIED = 8;
/** A paragraph of b is "carried" by c when this share of its shingles is in c. */
const CARRIED_PARAGRAPH = 0.3;
/** Largest family the test runs on (bit masks of 31 members). */
export const LINEAGE_LIMIT = 31;

export interface Carried {
  /** Shingles b added to a, in paragraphs of b that c carries. */
  readonly added: number;
  /** Of those, how many c has too. */
  readonly carried: number;
}

export interface Lineage {
  readonly n: number;
  /** carried(a, b, c): what c carries of b's changes to a; null when the test did not run. */
  at(a: number, b: number, c: number): Carried;
}

/**
 * The triple test for one family. `members[i]` are the content paragraphs
 * (boilerplate left out) of member i.
 */
export function lineageOf(members: readonly (readonly Paragraph[])[]): Lineage | null {
  const n = members.length;
  if (n < 3 || n > LINEAGE_LIMIT) return null;
  // Which members hold each shingle, as a bit mask.
  let total = 0;
  for (const paras of members) for (const p of paras) total += p.shingles.length;
  const holders = holderTable(total);
  members.forEach((paras, i) => {
    const bit = 1 << i;
    for (const p of paras) {
      const shingles = p.shingles;
      for (let k = 0; k < shingles.length; k++) holders.or(shingles[k]!, bit);
    }
  });
  // Each paragraph's shingles grouped by who holds them (a handful of patterns), and
  // whether each member carries the paragraph at all.
  const patternsOf = members.map((paras) =>
    paras.map((p) => {
      const patterns = new Patterns();
      const shingles = p.shingles;
      for (let k = 0; k < shingles.length; k++) patterns.add(holders.get(shingles[k]!));
      let carriedBy = 0;
      for (let x = 0; x < n; x++) {
        let k = 0;
        for (let q = 0; q < patterns.size; q++) if ((patterns.masks[q]! >>> x) & 1) k += patterns.counts[q]!;
        if (p.shingles.length > 0 && k >= CARRIED_PARAGRAPH * p.shingles.length) carriedBy |= 1 << x;
      }
      return { patterns, carriedBy };
    }),
  );
  // first/last[a * n + x]: a's first and last paragraphs that x carries. What lies outside
  // (a's own dateline and credits, a tail x cut off) is no shared variant.
  const first = new Int32Array(n * n).fill(-1);
  const last = new Int32Array(n * n).fill(-2);
  for (let a = 0; a < n; a++) {
    patternsOf[a]!.forEach((q, i) => {
      for (let x = 0; x < n; x++) {
        if (!((q.carriedBy >>> x) & 1)) continue;
        if (first[a * n + x]! < 0) first[a * n + x] = i;
        last[a * n + x] = i;
      }
    });
  }
  const within = (a: number, x: number, i: number): boolean => first[a * n + x]! <= i && i <= last[a * n + x]!;
  const added = new Int32Array(n * n * n);
  const carried = new Int32Array(n * n * n);
  /**
   * Count into (a, b, c) the shingles of `patterns` that `lacker` does not hold,
   * and, of those, the ones c holds (`cHolds`) or lacks (not `cHolds`).
   */
  const tally = (patterns: Patterns, lacker: number, c: number, cHolds: boolean, a: number, b: number): void => {
    let k = 0;
    let car = 0;
    for (let q = 0; q < patterns.size; q++) {
      const m = patterns.masks[q]!;
      if ((m >>> lacker) & 1) continue;
      const x = patterns.counts[q]!;
      k += x;
      if (((m >>> c) & 1) === (cHolds ? 1 : 0)) car += x;
    }
    const at = (a * n + b) * n + c;
    added[at] = added[at]! + k;
    carried[at] = carried[at]! + car;
  };
  for (let b = 0; b < n; b++) {
    // What b added to a: its shingles a lacks, in b's paragraphs that c carries.
    for (const { patterns, carriedBy } of patternsOf[b]!) {
      for (let c = 0; c < n; c++) {
        if (c === b || !((carriedBy >>> c) & 1)) continue;
        for (let a = 0; a < n; a++) {
          if (a === b || a === c) continue;
          tally(patterns, a, c, true, a, b);
        }
      }
    }
  }
  for (let a = 0; a < n; a++) {
    // What b left out of a: a's shingles b lacks, in the part of a both b and c reach
    // (a tail cut off is no variant: copies cut texts short independently).
    patternsOf[a]!.forEach(({ patterns }, i) => {
      for (let b = 0; b < n; b++) {
        if (b === a || !within(a, b, i)) continue;
        for (let c = 0; c < n; c++) {
          if (c === a || c === b || !within(a, c, i)) continue;
          tally(patterns, b, c, false, a, b);
        }
      }
    });
  }
  return {
    n,
    at: (a, b, c) => {
      const at = (a * n + b) * n + c;
      return { added: added[at]!, carried: carried[at]! };
    },
  };
}

/** Share of b's changes to a that c carries, or 0 when too few to count. */
export function carriedShare(x: Carried): number {
  return x.carried >= MIN_CARRIED && x.added > 0 ? x.carried / x.added : 0;
}

/** Shingle counts of one paragraph by holder mask, in order of first appearance. */
class Patterns {
  readonly masks: number[] = [];
  readonly counts: number[] = [];
  size = 0;

  add(mask: number): void {
    for (let q = 0; q < this.size; q++) {
      if (this.masks[q] === mask) {
        this.counts[q]!++;
        return;
      }
    }
    this.masks.push(mask);
    this.counts.push(1);
    this.size++;
  }
}

/** Open-addressing table shingle → holder mask (masks are never 0 once set: 0 marks a free slot). */
interface HolderTable {
  or(shingle: number, bit: number): void;
  get(shingle: number): number;
}

// One pair of buffers, grown as needed and cleared per family: no garbage per family.
let tableKeys = new Uint32Array(1 << 12);
let tableMasks = new Int32Array(1 << 12);

function holderTable(entries: number): HolderTable {
  let capacity = 1 << 12;
  while (capacity < entries * 2) capacity *= 2;
  if (tableKeys.length < capacity) {
    tableKeys = new Uint32Array(capacity);
    tableMasks = new Int32Array(capacity);
  } else {
    tableMasks.fill(0, 0, capacity);
  }
  const keys = tableKeys;
  const masks = tableMasks;
  const mask = capacity - 1;
  const shift = 32 - Math.log2(capacity);
  const slotOf = (s: number): number => {
    let slot = Math.imul(s, 0x9e3779b1) >>> shift;
    while (masks[slot] !== 0 && keys[slot] !== s) slot = (slot + 1) & mask;
    return slot;
  };
  return {
    or: (s, bit) => {
      const slot = slotOf(s);
      keys[slot] = s;
      masks[slot] = masks[slot]! | bit;
    },
    get: (s) => masks[slotOf(s)]!,
  };
}
