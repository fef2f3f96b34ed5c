/**
 * An HTML page's main text: the article, without the site's navigation,
 * sidebars, share buttons, cookie banners, related links and comments.
 *
 * The method is Readability's (Mozilla's reader view), condensed:
 * 1. Prune what is never content: scripts and styles, forms, hidden elements,
 *    ARIA navigation/banner/complementary/dialog roles, `<nav>` and `<aside>`,
 *    a page-level `<header>`/`<footer>`, and elements whose class or id says
 *    chrome (comment, cookie, share, sidebar, related, menu, …) unless it also
 *    says content (article, body, content, entry, main, post, …).
 * 2. Score containers: every paragraph-like block of 25+ characters gives
 *    points (1, plus its commas, plus one per 100 characters up to 3) to its
 *    parent, half to its grandparent, a third to the next; class names and
 *    `<article>`/`<main>`/`itemprop=articleBody` add to a container's score,
 *    link density takes from it. The best container, with its siblings that
 *    score nearly as well, is the article.
 * 3. Emit its blocks (p, headings, list items, cells, …) as paragraphs, each
 *    with the file lines of its text; `<br>` breaks a line inside one (and
 *    segmentation decides, as for a plain-text file, whether that line ends a
 *    paragraph), `<br><br>` and a blank line inside `<pre>` end one; lists and
 *    blocks that are mostly links (related posts, tag clouds) are left out.
 * If that yields under 250 characters, step 1 is repeated without the class
 * and id rules (as Readability does), and the longer text is kept.
 *
 * Every walk is bounded by the tree's depth, which html-dom.ts caps.
 */
import type { HtmlElement, HtmlNode, HtmlPage } from "./html-dom.js";
import type { SourceLine } from "./source-lines.js";

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
  "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
const NEVER = new Set([
  "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
  "button", "input", "select", "textarea", "option", "label", "dialog", "menu", "title", "meta", "link", "img", "picture", "map",
]);
const DROPPED_ROLES = /^(navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|toolbar|tablist|alert|status)$/;
const PARAGRAPH_LIKE = new Set(["p", "pre", "td", "blockquote"]);
const CONDITIONAL = new Set(["ul", "ol", "dl", "div", "section", "table", "figure"]);

/** Class or id words that always mean chrome. */
const STRONG = /^(comments?|commentlist|comment-\w+|respond|replies|reply|disqus|cookies?|consent|gdpr|cmp|share|sharing|sharedaddy|shares|social|socials|sidebar|widgets?|related|recommended|recirc|promo|promos|advert|advertisement|ads?|adsbygoogle|sponsored|newsletter|subscribe|subscription|signup|popup|modal|overlay|paywall)$/;
/** Words that mean chrome unless the same element also says content. */
const WEAK = /^(banner|breadcrumbs?|pagination|pager|nav|navbar|navigation|menu|masthead|footer|header|skip|toolbar|utility|tags|tag|tagcloud|cat|categories|byline|meta|author|bio|avatar|rss|print|jump|more|popular|recent|trending|login|search|extra|supplemental|shoutbox|sponsor|outbrain|taboola)$/;
const POSITIVE = /^(article|body|content|entry|hentry|main|page|post|text|blog|story|statement|news|release)$/;
const HIDDEN_CLASS = /^(hidden|d-none|sr-only|screen-reader-text|visually-hidden|visuallyhidden|invisible|offscreen)$/;

/** Words of an element's class and id: `commentForm entry-content` → comment, form, entry, content (and each whole token). */
function wordsOf(element: HtmlElement): string[] {
  const names = `${element.attrs["class"] ?? ""} ${element.attrs["id"] ?? ""}`.trim();
  if (!names) return [];
  const out: string[] = [];
  for (const token of names.split(/\s+/)) {
    const spaced = token.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
    out.push(spaced);
    for (const part of spaced.split(/[-_:.]+/)) if (part) out.push(part);
  }
  return out;
}

interface Rules {
  readonly classes: boolean;
}

function insideArticle(element: HtmlElement): boolean {
  for (let e = element.parent; e; e = e.parent) {
    if (e.tag === "article" || e.tag === "main" || /articlebody/i.test(e.attrs["itemprop"] ?? "")) return true;
  }
  return false;
}

function pruned(element: HtmlElement, rules: Rules): boolean {
  const tag = element.tag;
  if (NEVER.has(tag)) return true;
  const a = element.attrs;
  if ("hidden" in a || a["aria-hidden"] === "true" || a["aria-modal"] === "true") return true;
  if (a["style"] && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a["style"])) return true;
  if (a["role"] && DROPPED_ROLES.test(a["role"].trim().toLowerCase())) return true;
  if (tag === "nav" || tag === "aside") return true;
  if ((tag === "header" || tag === "footer") && !insideArticle(element)) return true;
  const words = wordsOf(element);
  if (words.some((w) => HIDDEN_CLASS.test(w))) return true;
  if (!rules.classes || tag === "html" || tag === "body" || tag === "main") return false;
  if (words.some((w) => STRONG.test(w))) return true;
  return tag !== "article" && words.some((w) => WEAK.test(w)) && !words.some((w) => POSITIVE.test(w));
}

interface Stats {
  chars: number;
  linkChars: number;
  commas: number;
  /** Has a kept block-level element child. */
  hasBlock: boolean;
}

class Extraction {
  private readonly keep = new Map<HtmlElement, boolean>();
  private readonly stats = new Map<HtmlElement, Stats>();
  private readonly scores = new Map<HtmlElement, number>();

  constructor(
    private readonly page: HtmlPage,
    private readonly rules: Rules,
  ) {}

  kept(e: HtmlElement): boolean {
    let k = this.keep.get(e);
    if (k === undefined) {
      k = !pruned(e, this.rules) && (e.tag !== "form" || this.statsOf(e, true).chars > 1000);
      this.keep.set(e, k);
    }
    return k;
  }

  statsOf(e: HtmlElement, ignoreKeep = false): Stats {
    const cached = ignoreKeep ? undefined : this.stats.get(e);
    if (cached) return cached;
    const s: Stats = { chars: 0, linkChars: 0, commas: 0, hasBlock: false };
    for (const child of e.children) {
      if (child.kind === "text") {
        const t = child.text.replace(/\s+/g, " ");
        s.chars += t.trim() === "" ? 0 : t.length;
        s.commas += (t.match(/[,，、،]/g) ?? []).length;
        continue;
      }
      if (!this.kept(child)) continue;
      const c = this.statsOf(child);
      s.chars += c.chars;
      s.commas += c.commas;
      s.linkChars += child.tag === "a" ? c.chars : c.linkChars;
      if (BLOCK.has(child.tag)) s.hasBlock = true;
    }
    if (!ignoreKeep) this.stats.set(e, s);
    return s;
  }

  linkDensity(e: HtmlElement): number {
    const s = this.statsOf(e);
    return s.chars === 0 ? 0 : s.linkChars / s.chars;
  }

  private initialScore(e: HtmlElement): number {
    let score = 0;
    switch (e.tag) {
      case "div":
      case "article":
      case "main":
        score += 5;
        break;
      case "pre":
      case "td":
      case "blockquote":
        score += 3;
        break;
      case "address":
      case "ol":
      case "ul":
      case "dl":
      case "dd":
      case "dt":
      case "li":
      case "form":
        score -= 3;
        break;
      case "h1":
      case "h2":
      case "h3":
      case "h4":
      case "h5":
      case "h6":
      case "th":
        score -= 5;
        break;
    }
    if (e.tag === "article" || e.tag === "main") score += 10;
    if (/articlebody|text/i.test(e.attrs["itemprop"] ?? "")) score += 25;
    const words = wordsOf(e);
    if (words.some((w) => POSITIVE.test(w))) score += 25;
    if (words.some((w) => STRONG.test(w) || WEAK.test(w))) score -= 25;
    return score;
  }

  /** Score every container; returns the best and its final score. */
  private best(): { top: HtmlElement; score: number } | null {
    const visit = (e: HtmlElement): void => {
      for (const child of e.children) {
        if (child.kind !== "element" || !this.kept(child)) continue;
        visit(child);
        const s = this.statsOf(child);
        const paragraphLike = PARAGRAPH_LIKE.has(child.tag) || ((child.tag === "div" || child.tag === "section") && !s.hasBlock);
        if (!paragraphLike || s.chars < 25) continue;
        const points = 1 + s.commas + Math.min(Math.floor(s.chars / 100), 3);
        let level = 0;
        for (let anc = child.parent; anc && anc.tag !== "#root" && level < 3; anc = anc.parent, level++) {
          if (!this.scores.has(anc)) this.scores.set(anc, this.initialScore(anc));
          this.scores.set(anc, this.scores.get(anc)! + points / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
        }
      }
    };
    visit(this.page.root);
    let top: HtmlElement | null = null;
    let topScore = -Infinity;
    for (const [e, score] of this.scores) {
      const final = score * (1 - this.linkDensity(e));
      this.scores.set(e, final);
      if (final > topScore) {
        top = e;
        topScore = final;
      }
    }
    return top ? { top, score: topScore } : null;
  }

  /** The article: the best container and its siblings that score nearly as well (in page order). */
  article(): HtmlElement[] {
    const best = this.best();
    if (!best) return [this.page.root];
    const parent = best.top.parent;
    if (!parent) return [best.top];
    const threshold = Math.max(10, best.score * 0.2);
    const out: HtmlElement[] = [];
    for (const sibling of parent.children) {
      if (sibling.kind !== "element" || !this.kept(sibling)) continue;
      if (sibling === best.top) {
        out.push(sibling);
        continue;
      }
      const score = this.scores.get(sibling);
      if (score !== undefined && score >= threshold) {
        out.push(sibling);
        continue;
      }
      if (sibling.tag === "p") {
        const s = this.statsOf(sibling);
        const density = this.linkDensity(sibling);
        if ((s.chars > 80 && density < 0.25) || (s.chars > 0 && density === 0 && /[.!?。]\s*$/.test(textOf(sibling)))) out.push(sibling);
      }
    }
    return out;
  }

  /** Left out although kept: lists and blocks that are mostly links, headings that are links. */
  cleared(e: HtmlElement): boolean {
    const density = this.linkDensity(e);
    if (CONDITIONAL.has(e.tag)) return this.statsOf(e).chars === 0 || (density > 0.5 && this.statsOf(e).chars < 3000);
    if (/^h[1-6]$/.test(e.tag)) return density > 0.5;
    return false;
  }

  /** The article's text as source lines: blocks separated by "" lines. */
  emit(containers: readonly HtmlElement[]): { lines: SourceLine[]; chars: number } {
    const lines: SourceLine[] = [];
    let pieces: HtmlText[] = [];
    let chars = 0;
    const flush = (): void => {
      const text = pieces.map((p) => p.text).join("").replace(/[ \t\n\r\f]+/g, " ").trim();
      const nonBlank = pieces.filter((p) => /[^ \t\n\r\f]/.test(p.text));
      if (text !== "" && nonBlank.length > 0) {
        const first = nonBlank[0]!;
        const lead = /^[ \t\n\r\f]*/.exec(first.text)![0];
        const line = this.page.lineOf(first.start) + (lead.match(/\r\n|\r|\n/g)?.length ?? 0);
        lines.push({ text, line, endLine: Math.max(line, this.page.lineOf(nonBlank[nonBlank.length - 1]!.end)) });
        chars += text.length;
      }
      pieces = [];
    };
    const paragraphBreak = (): void => {
      flush();
      if (lines.length > 0 && lines[lines.length - 1]!.text !== "") {
        const last = lines[lines.length - 1]!;
        lines.push({ text: "", line: last.endLine, endLine: last.endLine });
      }
    };
    const walk = (e: HtmlElement, pre: boolean): void => {
      for (const child of e.children) {
        if (child.kind === "text") {
          if (!pre) pieces.push(child);
          else {
            // Preformatted: each source line its own line of text.
            const parts = child.text.split(/\r\n|\r|\n/);
            let offset = child.start;
            parts.forEach((part, i) => {
              if (i > 0) {
                // A blank line inside <pre> separates paragraphs, as in a plain-text file.
                if (pieces.some((p) => /[^ \t\n\r\f]/.test(p.text))) flush();
                else paragraphBreak();
              }
              pieces.push({ kind: "text", text: part, start: offset, end: offset + Math.max(0, part.length - 1) });
              offset += part.length + 1;
            });
          }
          continue;
        }
        if (child.tag === "br") {
          // One <br> breaks a line (segmentation decides whether it ends a paragraph); <br><br> ends one.
          if (pieces.some((p) => /[^ \t\n\r\f]/.test(p.text))) flush();
          else paragraphBreak();
          continue;
        }
        if (child.tag === "hr") {
          paragraphBreak();
          continue;
        }
        if (!this.kept(child) || this.cleared(child)) continue;
        if (BLOCK.has(child.tag)) {
          paragraphBreak();
          walk(child, pre || child.tag === "pre");
          paragraphBreak();
        } else walk(child, pre);
      }
    };
    for (const c of containers) {
      paragraphBreak();
      if (BLOCK.has(c.tag) || c.tag === "#root") walk(c, c.tag === "pre");
      else walk({ ...c, children: [c] }, false);
    }
    paragraphBreak();
    while (lines.length > 0 && lines[lines.length - 1]!.text === "") lines.pop();
    return { lines, chars };
  }
}

type HtmlText = Extract<HtmlNode, { kind: "text" }>;

function textOf(e: HtmlElement): string {
  let out = "";
  for (const c of e.children) out += c.kind === "text" ? c.text : textOf(c);
  return out;
}

export interface MainText {
  readonly lines: SourceLine[];
  readonly chars: number;
}

/** The page's main text, as source lines (see source-lines.ts). */
export function mainText(page: HtmlPage): MainText {
  const strict = new Extraction(page, { classes: true });
  const first = strict.emit(strict.article());
  if (first.chars >= 250) return first;
  const relaxed = new Extraction(page, { classes: false });
  const second = relaxed.emit(relaxed.article());
  return second.chars > first.chars ? second : first;
}
