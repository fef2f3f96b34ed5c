/**
 * Attribution: the names a document goes by, and the lines in which a document
 * says it was taken from somewhere ("Source: …", "This article was originally
 * published by …", "Read the full story at …").
 *
 * A document's own names are its site (metadata or copyright line), the host
 * of its URL, and the domains of addresses in its own text (an editor's
 * e-mail in the author box, a "www." header) — but never a name that only
 * appears inside one of its attribution lines: that name is someone else's.
 * Names are compared as normalised token sequences, without a leading "the".
 */
import { normalizeText } from "../normalize/normalize.js";

const ATTRIBUTION =
  /\b(?:read (?:the )?(?:full|original) (?:story|article|post|report) (?:at|on)|(?:originally|first) (?:published|appeared|posted) (?:by|on|in|at)|republished (?:with permission )?(?:from|by)|reprinted (?:with permission )?from|courtesy of|source\s*:|via\s*:?|(?:this|the) (?:article|story|post) (?:was )?(?:first |originally )?(?:published|appeared) (?:by|on|in|at))\s+([^\n]{2,120})/gi;
const DOMAIN = /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|news|info|co|io|gov|int|edu|media|press|online|[a-z]{2})\b/gi;
const EMAIL_DOMAIN = /[a-z0-9._%+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})/gi;

/** Normalised name without a leading article; empty when too short to mean anything. */
export function normalizeName(name: string): string {
  const n = normalizeText(name).replace(/^the /, "");
  return n.length >= 4 ? n : "";
}

/** What a document says it was taken from: the text after each attribution phrase. */
export function attributionTargets(text: string): string[] {
  const out: string[] = [];
  ATTRIBUTION.lastIndex = 0;
  for (let m = ATTRIBUTION.exec(text); m !== null; m = ATTRIBUTION.exec(text)) out.push(m[1]!.trim());
  return out;
}

export interface NameSources {
  readonly site: string | null;
  readonly url: string | null;
  readonly text: string;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** The names a document goes by (normalised, de-duplicated). */
export function ownNames(doc: NameSources): string[] {
  const names = new Set<string>();
  const add = (n: string | null): void => {
    const normalized = n ? normalizeName(n) : "";
    if (normalized) names.add(normalized);
  };
  add(doc.site);
  add(hostOf(doc.url));
  for (const m of doc.text.matchAll(EMAIL_DOMAIN)) add(m[1]!);
  // Domains outside attribution lines: a "Source: example.com" names another site.
  const outside = doc.text.replace(ATTRIBUTION, " ");
  for (const m of outside.matchAll(DOMAIN)) add(m[0].replace(/^www\./i, ""));
  return [...names];
}
