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
  return attributionLines(text).map((m) => m[1]!.trim());
}

/** Every match of ATTRIBUTION in `text`, in order. */
function attributionLines(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  ATTRIBUTION.lastIndex = 0;
  for (let m = ATTRIBUTION.exec(text); m !== null; m = ATTRIBUTION.exec(text)) out.push(m);
  return out;
}

/** `text` with each attribution line replaced by a space (as `text.replace(ATTRIBUTION, " ")`). */
function outsideOf(text: string, lines: readonly RegExpExecArray[]): string {
  if (lines.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of lines) {
    out += text.slice(at, m.index) + " ";
    at = m.index + m[0].length;
  }
  return out + text.slice(at);
}

export interface NameSources {
  readonly site: string | null;
  readonly url: string | null;
  readonly text: string;
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** [A-Za-z0-9._%+-]: what EMAIL_DOMAIN's local part is made of. */
function inLocalPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

/** [A-Za-z0-9.-]: what DOMAIN is made of. */
function inDomain(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/**
 * The matches of global `re` in `text`, as `text.matchAll(re)` gives them, for a
 * pattern each of whose matches holds an anchor (found by `nextAnchor(text,
 * from)`: "@" in an address, "." and a letter in a domain) with only `inRun`
 * characters between the match's start and it. The regular expression runs from
 * the start of the run before each anchor instead of over the whole text: a
 * match starting earlier (after the last match) would have its anchor at or
 * after this one, so this run would reach back to its start.
 */
function matchesNear(
  re: RegExp,
  text: string,
  nextAnchor: (text: string, from: number) => number,
  inRun: (c: number) => boolean,
): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  for (let q = nextAnchor(text, pos); q >= 0; q = nextAnchor(text, pos)) {
    let start = q;
    while (start > pos && inRun(text.charCodeAt(start - 1))) start--;
    re.lastIndex = start;
    const m = re.exec(text);
    if (m === null) break;
    out.push(m);
    pos = re.lastIndex;
  }
  re.lastIndex = 0;
  return out;
}

const DOT_LETTER = /\.[a-z]/gi;
const atSign = (text: string, from: number): number => text.indexOf("@", from);
const dotLetter = (text: string, from: number): number => {
  DOT_LETTER.lastIndex = from;
  const m = DOT_LETTER.exec(text);
  return m === null ? -1 : m.index;
};

/** The names a document goes by (normalised, de-duplicated). */
export function ownNames(doc: NameSources): string[] {
  return namesOf(doc, attributionLines(doc.text));
}

function namesOf(doc: NameSources, lines: readonly RegExpExecArray[]): string[] {
  const names = new Set<string>();
  const add = (n: string | null): void => {
    const normalized = n ? normalizeName(n) : "";
    if (normalized) names.add(normalized);
  };
  add(doc.site);
  add(hostOf(doc.url));
  for (const m of matchesNear(EMAIL_DOMAIN, doc.text, atSign, inLocalPart)) add(m[1]!);
  // Domains outside attribution lines: a "Source: example.com" names another site.
  const outside = outsideOf(doc.text, lines);
  for (const m of matchesNear(DOMAIN, outside, dotLetter, inDomain)) add(m[0].replace(/^www\./i, ""));
  return [...names];
}

/** A document's own names and its attribution targets (ownNames and attributionTargets), reading the text once. */
export function namesAndTargets(doc: NameSources): { names: string[]; targets: string[] } {
  const lines = attributionLines(doc.text);
  return { names: namesOf(doc, lines), targets: lines.map((m) => m[1]!.trim()) };
}

/** Internals for tests: the whole-text patterns the look-ups must agree with. */
export const __testing__ = {
  emailDomains: (text: string): string[] => matchesNear(EMAIL_DOMAIN, text, atSign, inLocalPart).map((m) => `${m.index}:${m[0]}:${m[1]}`),
  emailDomainsWhole: (text: string): string[] => [...text.matchAll(EMAIL_DOMAIN)].map((m) => `${m.index}:${m[0]}:${m[1]}`),
  domains: (text: string): string[] => matchesNear(DOMAIN, text, dotLetter, inDomain).map((m) => `${m.index}:${m[0]}`),
  domainsWhole: (text: string): string[] => [...text.matchAll(DOMAIN)].map((m) => `${m.index}:${m[0]}`),
  outside: (text: string): string => outsideOf(text, attributionLines(text)),
  outsideWhole: (text: string): string => text.replace(ATTRIBUTION, " "),
};
