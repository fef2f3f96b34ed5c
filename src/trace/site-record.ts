/**
 * Site record: which sites usually originate the texts they carry (DESIGN.md:
 * "same-day copies are common … which sites usually originate statements
 * can [pick the origin]").
 *
 * Built from the families that the other evidence settles (confidence at
 * least SETTLED): for each site, how often it held the origin and how often a
 * copy. In a family that stays unsettled, each member's site record becomes
 * evidence about it as the origin: the log-odds of "origin" for its site
 * against the base rate, shrunk towards zero for sites seen in few settled
 * families (PSEUDO_COUNTS), times SITE_WEIGHT.
 */
import type { FingerprintedDocument } from "../fingerprint/fingerprint.js";
import type { Family } from "../group/families.js";
import { hostOf } from "./attribution.js";

/** Families traced at least this confident count towards the record; the others are traced again with it. */
export const SETTLED = 0.9;
/** Weight per unit of a site's log-odds of holding the origin (the softmax temperature turns weights back to log-odds). */
export const SITE_WEIGHT = 0.7;
/** Settled appearances at the base rate added to every site's counts: a site seen twice says little. */
export const PSEUDO_COUNTS = 10;

/** The name a document's site goes by: its stated site, else its URL's host; null when it gives neither. */
export function siteKey(doc: FingerprintedDocument): string | null {
  return doc.site ?? hostOf(doc.url);
}

export interface SiteRecord {
  /** Signed weight for a document of this site being its family's origin, and what it rests on; null when nothing is known. */
  evidenceFor(site: string | null): { readonly weight: number; readonly detail: string } | null;
}

export function siteRecord(
  families: readonly Family[],
  traces: readonly { readonly origin: number; readonly confidence: number }[],
  docs: readonly FingerprintedDocument[],
): SiteRecord {
  const origins = new Map<string, number>();
  const seen = new Map<string, number>();
  let allOrigins = 0;
  let all = 0;
  families.forEach((family, f) => {
    const trace = traces[f]!;
    if (trace.confidence < SETTLED) return;
    // A site counts once per family, however many of its pages the family holds.
    const sites = new Set<string>();
    for (const d of family.documents) {
      const site = siteKey(docs[d]!);
      if (site !== null) sites.add(site);
    }
    const originSite = siteKey(docs[trace.origin]!);
    for (const site of sites) {
      const origin = site === originSite ? 1 : 0;
      seen.set(site, (seen.get(site) ?? 0) + 1);
      origins.set(site, (origins.get(site) ?? 0) + origin);
      all++;
      allOrigins += origin;
    }
  });
  if (all === 0 || allOrigins === 0 || allOrigins === all) return { evidenceFor: () => null };
  const base = allOrigins / all;
  return {
    evidenceFor(site) {
      if (site === null) return null;
      const n = seen.get(site) ?? 0;
      if (n === 0) return null;
      const o = origins.get(site) ?? 0;
      const share = (o + PSEUDO_COUNTS * base) / (n + PSEUDO_COUNTS);
      const logOdds = Math.log(share / (1 - share)) - Math.log(base / (1 - base));
      const weight = SITE_WEIGHT * logOdds;
      if (Math.abs(weight) < 0.05) return null;
      return { weight, detail: `${site} holds the origin in ${o} of the ${n} settled families it appears in (${Math.round(base * 100)}% for any site)` };
    },
  };
}
