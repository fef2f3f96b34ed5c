/**
 * The trace's fast paths against the plain computations they replace: the same
 * matches, names and word changes, on texts made of the characters that matter.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { __testing__, attributionTargets, namesAndTargets, ownNames } from "../../src/trace/attribution.js";
import { lineageOf } from "../../src/trace/lineage.js";
import { diffArrays } from "diff";
import { diffParagraphs, paragraphChanges, plainWords, sharedEnds, wordChanges, wordDiff } from "../../src/trace/variants.js";
import { isSimpleText } from "../../src/normalize/char-class.js";
import { tokenize } from "../../src/normalize/normalize.js";
import type { Paragraph } from "../../src/model.js";
import { normalizeText } from "../../src/normalize/normalize.js";
import { __testing__ as traceInternals, ROOT_BONUS, witnessOf } from "../../src/trace/trace.js";

/** Pieces that make addresses, domains, attribution lines and their near misses. */
const PIECES = [
  "a", "B", "z", "Q", "0", "9", ".", "..", "@", "@@", "-", "_", "%", "+", " ", "\n", ",", ":", "'", "\u2019", "é", "ß", "\u00A0",
  "www.", "WWW.", "com", "org", "net", "news", "int", "co", "uk", ".com", ".Org", "e.g.", "U.S.", "3.5", "mail", "press@",
  "Source: ", "source:", "via ", "Via: ", "courtesy of ", "Read the full story at ", "originally published by ", "reprinted from ",
  "the article was first published in ", "example", "Fairview Review", "fairviewreview.com", "a-b", "x--y", "-a.", ".-",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((xs) => xs.join(""));

describe("attribution look-ups near their anchors", () => {
  it("find the same e-mail domains, domains and attribution-free text as whole-text matching (property)", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(__testing__.emailDomains(t)).toEqual(__testing__.emailDomainsWhole(t));
        expect(__testing__.domains(t)).toEqual(__testing__.domainsWhole(t));
        expect(__testing__.outside(t)).toBe(__testing__.outsideWhole(t));
      }),
      { numRuns: 3000 },
    );
  });

  it("namesAndTargets gives ownNames and attributionTargets (property)", () => {
    fc.assert(
      fc.property(text, fc.option(fc.constantFrom("Fairview Review", "The Herald", "ab")), (t, site) => {
        const doc = { site, url: "https://www.fairviewreview.com/x", text: t };
        expect(namesAndTargets(doc)).toEqual({ names: ownNames(doc), targets: attributionTargets(t) });
      }),
      { numRuns: 1000 },
    );
  });

  it("finds addresses and domains in a plain example", () => {
    const t = "Contact press@news.fairview.org or jo@x.co.\nSee www.lakeshore-review.com. Source: maplecourier.net";
    expect(__testing__.emailDomains(t)).toEqual(__testing__.emailDomainsWhole(t));
    expect(__testing__.emailDomains(t)).toHaveLength(2);
    expect(__testing__.domains(t)).toEqual(__testing__.domainsWhole(t));
    expect(ownNames({ site: null, url: null, text: t })).toEqual(["news fairview org", "x co", "lakeshore review com"]);
  });
});

const WORDS = ["labour", "labor", "the", "The", "colour", "color", "a", "b", "1", "2021", "don't", "café", "ｆｕｌｌ", "½", "日本", "x"];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "\u2014", "-", "\u2019", "\u00A0"];
const paragraph = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
  .map((xs) => xs.map(([w, s]) => w + s).join(""));

describe("paragraph word changes", () => {
  it("take a plain paragraph's words as tokenize does, and no other's (property)", () => {
    fc.assert(
      fc.property(fc.oneof(paragraph, fc.string(), fc.string({ unit: "grapheme" })), (t) => {
        expect(plainWords(t)).toEqual(isSimpleText(t) ? tokenize(t).words : null);
      }),
      { numRuns: 3000 },
    );
  });

  it("diff words as shortly as the diff package does, and turn the first array into the second (property)", () => {
    // Few distinct words, so that repeats make many equally short diffs, and edits near both ends.
    const words = fc.array(fc.constantFrom<string>("a", "b", "c", "the", "labour", "labor"), { maxLength: 30, size: "max" });
    const edited = words.chain((a) =>
      fc.tuple(fc.constant(a), fc.array(fc.tuple(fc.nat(), fc.constantFrom<string | null>("a", "b", "labor", "x", null)), { maxLength: 4 })).map(([a, edits]) => {
        const b = [...a];
        for (const [at, w] of edits) {
          if (w === null) b.splice(at % (b.length + 1), 1);
          else b.splice(at % (b.length + 1), 0, w);
        }
        return [a, b] as const;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(edited, fc.tuple(words, words)), ([a, b]) => {
        const runs = wordDiff(a, b);
        const rebuilt: string[] = [];
        let i = 0;
        const kinds = runs.map((r) => (r.added ? "added" : r.removed ? "removed" : "kept"));
        // Neighbours differ in kind, and an addition never comes before the removal it replaces.
        for (let j = 1; j < kinds.length; j++) {
          expect(kinds[j]).not.toBe(kinds[j - 1]);
          expect(`${kinds[j - 1]} ${kinds[j]}`).not.toBe("added removed");
        }
        for (const r of runs) {
          expect(r.count).toBeGreaterThan(0);
          if (r.added) rebuilt.push(...b.slice(rebuilt.length, rebuilt.length + r.count));
          else if (r.removed) i += r.count;
          else {
            expect(a.slice(i, i + r.count)).toEqual(b.slice(rebuilt.length, rebuilt.length + r.count));
            rebuilt.push(...a.slice(i, i + r.count));
            i += r.count;
          }
        }
        expect(i).toBe(a.length);
        expect(rebuilt).toEqual(b);
        const edits = (xs: readonly { count?: number; added?: boolean; removed?: boolean }[]): number => xs.reduce((n, r) => n + (r.added || r.removed ? r.count ?? 0 : 0), 0);
        expect(edits(runs)).toBe(edits(diffArrays([...a], [...b])));
      }),
      { numRuns: 3000 },
    );
  });

  it("equal wordChanges(diffParagraphs(a, b)) (property)", () => {
    fc.assert(
      fc.property(paragraph, paragraph, (a, b) => {
        expect(paragraphChanges(a, b)).toEqual(wordChanges(diffParagraphs(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it("equal wordChanges(diffParagraphs(a, b)) for a paragraph and an edited copy, sharing their ends (property)", () => {
    // A copy as copies are: the parent's text with a few code units cut, pieces put in, or a letter's case changed,
    // anywhere (inside a word, at a separator, at either end), so the shared ends are cut back in every way.
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom("", "labor ", "x", "b, ", " ", "\u2014", "The", "é", "日本 "));
    const copied = paragraph.chain((a) =>
      fc.tuple(fc.constant(a), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([a, edits]) => {
        let b = a;
        for (const [at, cut, put] of edits) {
          const i = at % (b.length + 1);
          b = cut === 6 && i < b.length ? b.slice(0, i) + b[i]!.toUpperCase() + b.slice(i + 1) : b.slice(0, i) + put + b.slice(i + cut);
        }
        return [a, b] as const;
      }),
    );
    fc.assert(
      fc.property(copied, ([a, b]) => {
        expect(paragraphChanges(a, b)).toEqual(wordChanges(diffParagraphs(a, b)));
        expect(paragraphChanges(b, a)).toEqual(wordChanges(diffParagraphs(b, a)));
      }),
      { numRuns: 5000 },
    );
  });

  it("share ends that hold whole tokens, and never overlap", () => {
    expect(sharedEnds("the labour party said", "the labor party said")).toEqual({ head: 4, tail: 11 });
    expect(sharedEnds("a b a", "a b a b a")).toEqual({ head: 4, tail: 0 });
    expect(sharedEnds("x, y z", "x y, y z")).toEqual({ head: 0, tail: 5 });
    expect(sharedEnds("same", "same")).toEqual({ head: 0, tail: 0 });
    expect(sharedEnds("same.", "same.")).toEqual({ head: 5, tail: 0 });
  });
});

/** The per-triple counts by the definition, with maps: what lineageOf computes with its table. */
function lineageByMaps(members: readonly (readonly Paragraph[])[], a: number, b: number, c: number): { added: number; carried: number } {
  const holders = new Map<number, Set<number>>();
  members.forEach((paras, i) => {
    for (const p of paras) for (const s of p.shingles) (holders.get(s) ?? holders.set(s, new Set()).get(s)!).add(i);
  });
  const carries = (x: number, p: Paragraph): boolean =>
    p.shingles.length > 0 && [...p.shingles].filter((s) => holders.get(s)!.has(x)).length >= 0.3 * p.shingles.length;
  const reach = (owner: number, x: number): [number, number] => {
    const idx = members[owner]!.map((p, i) => (carries(x, p) ? i : -1)).filter((i) => i >= 0);
    return idx.length ? [idx[0]!, idx[idx.length - 1]!] : [-1, -2];
  };
  let added = 0;
  let carried = 0;
  for (const p of members[b]!) {
    if (!carries(c, p)) continue;
    for (const s of p.shingles) {
      if (holders.get(s)!.has(a)) continue;
      added++;
      if (holders.get(s)!.has(c)) carried++;
    }
  }
  const [fb, lb] = reach(a, b);
  const [fc2, lc] = reach(a, c);
  members[a]!.forEach((p, i) => {
    if (i < fb || i > lb || i < fc2 || i > lc) return;
    for (const s of p.shingles) {
      if (holders.get(s)!.has(b)) continue;
      added++;
      if (!holders.get(s)!.has(c)) carried++;
    }
  });
  return { added, carried };
}

describe("lineage table", () => {
  it("counts what the definition counts, shingle values over the whole 32-bit range included (property)", () => {
    const shingle = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 2 ** 31, 2 ** 32 - 1, 2 ** 31 - 1));
    const para = fc.uniqueArray(shingle, { maxLength: 12 }).map(
      (xs): Paragraph => ({ index: 0, line: 1, endLine: 1, text: "", words: xs.length, exactKey: 0, shingles: Uint32Array.from(xs).sort() }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(para, { maxLength: 4 }), { minLength: 3, maxLength: 5 }), (members) => {
        const l = lineageOf(members)!;
        for (let a = 0; a < members.length; a++)
          for (let b = 0; b < members.length; b++)
            for (let c = 0; c < members.length; c++) {
              if (a === b || b === c || a === c) continue;
              expect(l.at(a, b, c)).toEqual(lineageByMaps(members, a, b, c));
            }
      }),
      { numRuns: 300 },
    );
  });
});

describe("a witness's mentions", () => {
  it("are whole token sequences of its normalised text (property)", () => {
    const names = ["fairview review", "fairview review com", "review com", "view", "cafe", "café", "full", "a b", "u s", "s a", "2021", "2021 a", "日", "labour", "labour s"];
    const words = ["Fairview", "REVIEW", "review.com", "Café", "cafe", "ｆｕｌｌ", "full", "U.S.", "a", "b", "日本", "2021", "labour's"];
    const body = fc
      .array(fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(" ", "-", ". ", "\u2019", "")), { maxLength: 12 }), { maxLength: 4 })
      .map((ps) => ps.map((p) => p.map(([w, s]) => w + s).join("")));
    fc.assert(
      fc.property(body, (paragraphs) => {
        const doc = {
          path: "x.txt", title: null, date: null, dateSource: null, site: null, url: null, sha256: "", id: 0, words: 0,
          paragraphs: paragraphs.map((text, index): Paragraph => ({ index, line: 1, endLine: 1, text, words: 0, exactKey: 0, shingles: new Uint32Array(0) })),
        };
        const w = witnessOf(doc as unknown as Parameters<typeof witnessOf>[0], 0);
        const padded = ` ${normalizeText(paragraphs.join("\n"))} `;
        for (const name of names) expect(w.mentions(name)).toBe(padded.includes(` ${name} `));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The greedy tree as first written: dense weights (bonus already added to the root's row), O(n²) per root. */
function greedyDense(weight: readonly (readonly number[])[], root: number): number[] | null {
  const n = weight.length;
  const parent = new Array<number>(n).fill(-1);
  const inTree = new Uint8Array(n);
  const bestFrom = new Array<number>(n).fill(-1);
  const bestWeight = new Array<number>(n).fill(-Infinity);
  let added = root;
  inTree[root] = 1;
  for (let step = 1; step < n; step++) {
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && weight[added]![v]! > bestWeight[v]!) {
        bestWeight[v] = weight[added]![v]!;
        bestFrom[v] = added;
      }
    }
    let next = -1;
    for (let v = 0; v < n; v++) if (!inTree[v] && bestFrom[v]! >= 0 && (next < 0 || bestWeight[v]! > bestWeight[next]!)) next = v;
    if (next < 0) return null;
    inTree[next] = 1;
    parent[next] = bestFrom[next]!;
    added = next;
  }
  return parent;
}

describe("greedy tree of a large family", () => {
  it("is the dense greedy tree, ties and unreachable members included (property)", () => {
    // Few distinct weights make ties; missing pairs leave some members unreachable.
    const family = fc.integer({ min: 2, max: 14 }).chain((n) =>
      fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(0, 0.5, 1, 1.5, -1)), { maxLength: 3 * n })),
    );
    fc.assert(
      fc.property(family, ([n, pairs]) => {
        const weight = new Map<number, number>();
        for (const [a, b, x] of pairs) if (a !== b) weight.set(a * n + b, x).set(b * n + a, x + (a < b ? 0.5 : 0));
        const w = (u: number, v: number): number => weight.get(u * n + v) ?? -Infinity;
        const childrenOf = Array.from({ length: n }, (_, u) => Array.from({ length: n }, (_, v) => v).filter((v) => weight.has(u * n + v)));
        for (let r = 0; r < n; r++) {
          const dense = Array.from({ length: n }, (_, u) => Array.from({ length: n }, (_, v) => w(u, v) + (u === r ? ROOT_BONUS : 0)));
          const childWeights = childrenOf.map((vs, u) => vs.map((v) => w(u, v)));
          expect(traceInternals.greedyTree(n, childrenOf, childWeights, r)).toEqual(greedyDense(dense, r));
        }
      }),
      { numRuns: 500 },
    );
  });
});
