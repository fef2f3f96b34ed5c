/**
 * Site chrome found by its wording: the comment form, author box, copyright
 * line and share links that end most web articles. Recurrence (boilerplate.ts)
 * finds a site's chrome once the corpus holds several articles of that site;
 * these markers find it in a single page too, such as the seeds.
 *
 * The trailing chrome of a document starts at the first paragraph, in the last
 * 60% of its words, that opens with a marker and is short (< 30 words) or is a
 * copyright/disclaimer notice; it runs to the end of the document. Starting no
 * earlier than 40% of the words keeps an article that merely mentions
 * "copyright" early on from losing its body.
 */
import type { Paragraph } from "../model.js";

const MARKER =
  /^(?:leave a (?:reply|comment)|post a comment|\d+\s+comments?\b|comments?\s*$|about (?:the )?author|related (?:posts|articles|stories|news)|you (?:may|might) also like|share (?:this|on)\b|your email address will not be published|required fields are marked|copyright\b|©|\(c\)\s*\d{4}|all rights reserved|disclaimer:|we will delete comments|see our (?:full )?comment|please enter your (?:comment|name)|source link\s*$|more information\s*$|read more\s*$|subscribe\b|sign up for|tags:|you'?re currently offline)/i;
const NOTICE = /^(?:copyright\b|©|\(c\)\s*\d{4}|disclaimer:)|all rights reserved/i;

/** Index of the first paragraph of the trailing chrome, or `paragraphs.length` if none. */
export function trailingChromeStart(paragraphs: readonly Paragraph[]): number {
  const total = paragraphs.reduce((n, p) => n + p.words, 0);
  let before = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (before >= 0.4 * total && i > 0) {
      const text = p.text.trim();
      if (MARKER.test(text) && (p.words < 30 || NOTICE.test(text))) return i;
    }
    before += p.words;
  }
  return paragraphs.length;
}
