/**
 * Large groups of identical documents: the same content paragraphs, in the same
 * order, boilerplate aside (one statement reposted by hundreds of sites, each
 * page in its own site's chrome; a licence file; a retweet). Paired copy by
 * copy, k copies make k²/2 pairs: one statement on 1,000 sites made 500,000
 * pairs, 18 s and a report over 512 MB. documentPairs instead pairs each
 * group's head (its earliest-dated member) as any document, gives every other
 * member the head's pairs outside the group, and pairs it with the head
 * itself: k − 1 pairs inside the group, and all the pairs a member had outside
 * it. What is left out is only the pairs between two members other than the
 * head, which say nothing the head's do not (the same text, the same
 * coverage); provenance then hangs the members from the head, or from a
 * document outside the group that they credit.
 *
 * Groups smaller than GROUP_FROM are left as they are: every pair of their
 * members is reported, as any documents' are.
 */
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import { combine, fmix32 } from "../fingerprint/hash.js";
import { CONTENT, type BoilerplateMask } from "./boilerplate.js";
import type { UniqueParagraphs } from "./unique-paragraphs.js";

/** Identical documents from which they are paired through their head only. */
export const GROUP_FROM = 100;

export interface IdenticalGroups {
  /** Per document: the head of its group when it is a member other than the head, else -1. */
  readonly headOf: Int32Array;
  /** Per head: its group's other members, in document order. */
  readonly membersOf: ReadonlyMap<number, readonly number[]>;
  /** Per document: its content paragraphs, in order (only for documents of a group). */
  readonly contentOf: ReadonlyMap<number, Int32Array>;
}

/**
 * The groups of at least `from` identical documents; `rank` orders documents
 * for the choice of a head (leaderOrder: the earliest stated date first);
 * documents with a unit marked in `viaLeaders` are not grouped.
 */
export function identicalGroups(
  docs: readonly FingerprintedDocument[],
  units: UniqueParagraphs,
  boilerplate: BoilerplateMask,
  rank: () => Int32Array,
  from = GROUP_FROM,
  viaLeaders: Uint8Array = new Uint8Array(units.count),
): IdenticalGroups {
  const headOf = new Int32Array(docs.length).fill(-1);
  const membersOf = new Map<number, number[]>();
  const contentOf = new Map<number, Int32Array>();
  // A hash of each document's content units first: only a bucket that holds `from`
  // documents can hold a group, and most corpora have none.
  const byHash = new Map<number, number[]>();
  for (let d = 0; d < docs.length; d++) {
    const mask = boilerplate[d]!;
    const unitOf = units.unitOf[d]!;
    let h = 0x2c1b3c6d;
    let content = 0;
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] !== CONTENT) continue;
      h = combine(h, unitOf[i]!);
      content++;
    }
    if (content === 0) continue;
    const key = fmix32(combine(h, content));
    const bucket = byHash.get(key);
    if (bucket) bucket.push(d);
    else byHash.set(key, [d]);
  }
  let order: Int32Array | null = null;
  for (const bucket of byHash.values()) {
    if (bucket.length < from) continue;
    // Exactly the same units, not just the same hash.
    const exact = new Map<string, number[]>();
    for (const d of bucket) {
      const key = contentUnits(d, units, boilerplate).join(",");
      const group = exact.get(key);
      if (group) group.push(d);
      else exact.set(key, [d]);
    }
    for (const group of exact.values()) {
      if (group.length < from) continue;
      // A paragraph of theirs that documentPairs pairs through leaders (crowded, or on a
      // crowded near match): grouping too would carry a leader's pairs to every member.
      if (contentUnits(group[0]!, units, boilerplate).some((u) => viaLeaders[u] === 1)) continue;
      order ??= rank();
      const r = order;
      const head = group.reduce((best, d) => (r[d]! < r[best]! ? d : best));
      const members = group.filter((d) => d !== head);
      for (const d of members) headOf[d] = head;
      membersOf.set(head, members);
      for (const d of group) contentOf.set(d, contentParagraphs(d, boilerplate));
    }
  }
  return { headOf, membersOf, contentOf };
}

function contentUnits(d: number, units: UniqueParagraphs, boilerplate: BoilerplateMask): number[] {
  const out: number[] = [];
  const mask = boilerplate[d]!;
  for (let i = 0; i < mask.length; i++) if (mask[i] === CONTENT) out.push(units.unitOf[d]![i]!);
  return out;
}

function contentParagraphs(d: number, boilerplate: BoilerplateMask): Int32Array {
  const out: number[] = [];
  const mask = boilerplate[d]!;
  for (let i = 0; i < mask.length; i++) if (mask[i] === CONTENT) out.push(i);
  return Int32Array.from(out);
}
