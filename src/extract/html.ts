/**
 * An HTML page to one document: its main text (html-main.ts) with paragraph
 * lines in the HTML file, and the metadata the page states (html-meta.ts),
 * `dateSource: html-meta`. Without a stated date, a dateline in the main
 * text gives it (`text`); without a stated site, a copyright line anywhere in
 * the page's text (the footer is where it lives).
 */
import type { DateSource, ExtractedDocument } from "../model.js";
import type { DateOrder } from "./dates.js";
import { findDate } from "./dates.js";
import { copyrightHolder, firstLineTitle, sha256, type Extracted } from "./extract-text.js";
import { parseHtml, type HtmlElement } from "./html-dom.js";
import { mainText } from "./html-main.js";
import { htmlMeta } from "./html-meta.js";
import { segmentSourceLines } from "./source-lines.js";

/** All text of the page outside scripts and styles, for a copyright line. */
function pageText(root: HtmlElement): string {
  const out: string[] = [];
  const visit = (e: HtmlElement): void => {
    for (const c of e.children) {
      if (c.kind === "text") out.push(c.text);
      else {
        if (c.tag === "p" || c.tag === "div" || c.tag === "br" || c.tag === "li" || c.tag === "footer") out.push("\n");
        visit(c);
      }
    }
  };
  visit(root);
  return out.join("").replace(/[ \t\f]+/g, " ");
}

export function extractHtml(input: { path: string; text: string; bytes: Uint8Array; dateOrder?: DateOrder }): Extracted {
  const page = parseHtml(input.text);
  const meta = htmlMeta(page, input.dateOrder ?? "auto");
  const { body, paragraphs } = segmentSourceLines(mainText(page).lines);
  let date = meta.date;
  let dateSource: DateSource | null = date ? "html-meta" : null;
  let dateAmbiguous = meta.dateAmbiguous;
  if (!date) {
    const found = findDate(body, input.dateOrder ?? "auto");
    date = found.date;
    dateSource = date ? "text" : null;
    dateAmbiguous = date ? null : (dateAmbiguous ?? found.ambiguous);
  }
  const document: ExtractedDocument = {
    path: input.path,
    title: meta.title ?? firstLineTitle(body, false),
    date,
    dateSource,
    site: meta.site ?? copyrightHolder(body) ?? copyrightHolder(pageText(page.root)),
    url: meta.url,
    body,
    bodyLine: paragraphs[0]?.line ?? 1,
    sha256: sha256(input.bytes),
    dateAmbiguous,
  };
  return { document, paragraphs };
}
