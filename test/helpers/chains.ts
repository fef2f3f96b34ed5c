/**
 * Families of copies with known truth, for provenance tests: an original and a
 * chain of 2-5 copies, each made from the one before it (so 3-6 documents), the
 * way the web copies: a copy editor's word changes that the next copy carries
 * on, a paragraph dropped from the end (an excerpt), the copying site's own
 * header and footer added, a date of its own or none.
 */
import { brownParagraphs } from "./corpus.js";

export interface ChainSpec {
  /** Copies after the original: 2-5. */
  readonly copies: number;
  /** Each copy dated a day after its parent, no dates at all, or all of one day. */
  readonly dates: "increasing" | "none" | "same-day";
  /** Each copy changes a word in every paragraph (carried on by later copies). */
  readonly edits: boolean;
  /** Each copy drops its parent's last paragraph. */
  readonly excerpts: boolean;
  /** Each page carries its site's header and footer. */
  readonly chrome: boolean;
}

export interface ChainMember {
  readonly path: string;
  /** Path of the document it was copied from; null for the original. */
  readonly parent: string | null;
  readonly text: string;
}

/** Words a copy editor puts in, one per copy, none of them in the Brown texts used. */
const INSERTED = ["reportedly", "notably", "meanwhile", "furthermore", "additionally"];

/** Replace the word at `at` (counted in spaces) with `word`, when the paragraph is that long. */
function replaceWord(paragraph: string, at: number, word: string): string {
  const words = paragraph.split(" ");
  if (words.length <= at) return paragraph;
  words[at] = word;
  return words.join(" ");
}

function page(site: string, title: string, date: string | null, paragraphs: readonly string[], chrome: boolean): string {
  const blocks: string[] = [];
  if (chrome) blocks.push(`${site} | Home | World | Business | Sport | Contact`);
  blocks.push(title);
  if (date) blocks.push(`By the ${site} newsroom | ${date}`);
  blocks.push(...paragraphs);
  if (chrome) blocks.push(`Follow ${site} for more stories like this one.`, `Copyright 2021 ${site}. All rights reserved.`);
  return blocks.join("\n\n") + "\n";
}

/**
 * One family: `name` names its folders (`<name>-0/` holds the original,
 * `<name>-1/` its first copy, …), `brown` the Brown corpus text it is made of
 * (eight paragraphs of at least 30 words are used).
 */
export function chainFamily(name: string, brown: string, spec: ChainSpec): ChainMember[] {
  const source = brownParagraphs(brown, 30).slice(0, 8);
  if (source.length < 8) throw new Error(`${brown} has fewer than 8 paragraphs of 30 words`);
  const title = source[0]!.split(" ").slice(0, 6).join(" ");
  const members: ChainMember[] = [];
  let paragraphs = source;
  for (let i = 0; i <= spec.copies; i++) {
    if (i > 0) {
      if (spec.excerpts) paragraphs = paragraphs.slice(0, -1);
      if (spec.edits) paragraphs = paragraphs.map((p) => replaceWord(p, 6 + 5 * i, INSERTED[i - 1]!));
    }
    const day = spec.dates === "none" ? null : spec.dates === "same-day" ? "July 1, 2021" : `July ${1 + i}, 2021`;
    const site = `${name[0]!.toUpperCase()}${name.slice(1)} Site ${i}`;
    members.push({
      path: `${name}-${i}/article.txt`,
      parent: i === 0 ? null : `${name}-${i - 1}/article.txt`,
      text: page(site, title, day, paragraphs, spec.chrome),
    });
  }
  return members;
}
