/**
 * Large groups of identical documents: the same content paragraphs, in the same
 * order, boilerplate aside (one statement reposted by hundreds of sites, each
 * page in its own site's chrome; a licence file; a retweet). Paired copy by
 * copy, k copies make k²/2 pairs: one statement on 900 sites made over a
 * million, 50 s and a 1.5 GB report. documentPairs instead pairs each group's
 * head (its earliest-dated member) as any document, gives every other member
 * the head's pairs outside the group (with another group, the pair with its
 * head), and pairs it with the head itself: k − 1 pairs inside the group. What
 * is left out is only pairs between two members other than heads, which say
 * nothing the heads' do not (the same text, the same coverage); provenance
 * then hangs the members from the head, or from a document outside the group
 * that they credit.
 *
 * Documents `apart` (check --allow's, ScanOptions.groupApart) are grouped only
 * with one another: what passes for one document must not pass for a head and
 * so for all its members.
 *
 * Groups smaller than GROUP_FROM are left as they are: every pair of their
 * members is reported, as any documents' are. A group may carry a paragraph
 * that documentPairs pairs through leaders (past its crowding bound): its
 * members are not among the copies, and the head, which may lead (it is the
 * earliest copy), keeps to itself the pairs it makes as a leader with copies
 * that are not leaders; handed to every member, they would pair each member
 * with every copy.
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
 * for the choice of a head (leaderOrder: the earliest stated date first).
 */
export function identicalGroups(
  docs: readonly FingerprintedDocument[],
  units: UniqueParagraphs,
  boilerplate: BoilerplateMask,
  rank: () => Int32Array,
  from = GROUP_FROM,
  apart?: Uint8Array,
): IdenticalGroups {
  const headOf = new Int32Array(docs.length).fill(-1);
  const membersOf = new Map<number, number[]>();
  const contentOf = new Map<number, Int32Array>();
  // A hash of each document's content units first (0: no content), kept in one
  // typed array: only a hash that `from` documents share can hold a group, most
  // corpora have none, and a list per document would be a million small arrays.
  const hashes = new Uint32Array(docs.length);
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
    hashes[d] = content === 0 ? 0 : fmix32(combine(h, content)) || 1;
  }
  const sorted = hashes.slice().sort();
  const frequent = new Set<number>();
  for (let i = 0, j = 0; i < sorted.length; i = j) {
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (sorted[i] !== 0 && j - i >= from) frequent.add(sorted[i]!);
  }
  const byHash = new Map<number, number[]>();
  if (frequent.size > 0) {
    for (let d = 0; d < docs.length; d++) {
      if (!frequent.has(hashes[d]!)) continue;
      const bucket = byHash.get(hashes[d]!);
      if (bucket) bucket.push(d);
      else byHash.set(hashes[d]!, [d]);
    }
  }
  let order: Int32Array | null = null;
  for (const bucket of byHash.values()) {
    // Exactly the same units, not just the same hash; documents `apart` in groups of their own.
    const exact = new Map<string, number[]>();
    for (const d of bucket) {
      const key = contentUnits(d, units, boilerplate).join(",") + (apart?.[d] ? ",apart" : "");
      const group = exact.get(key);
      if (group) group.push(d);
      else exact.set(key, [d]);
    }
    for (const group of exact.values()) {
      if (group.length < from) continue;
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
