/**
 * HTML to a light tree with source positions, built from htmlparser2's
 * streaming parser (its tokenizer is the fastest of the maintained JS HTML
 * parsers, and it reports where each token starts, which a full DOM such as
 * jsdom or linkedom does not keep).
 *
 * Script, style, template and similar contents are not kept as text, except
 * JSON-LD scripts, whose JSON is collected for the metadata. `<meta>` and
 * `<link>` attributes and the `<title>` are collected wherever they are.
 * Entities are decoded; implied end tags (`<p>` closed by the next `<p>`)
 * follow HTML's rules.
 */
import { createRequire } from "node:module";

/**
 * htmlparser2's Parser, loaded with the first page: a scan of text and
 * Markdown never needs it, and each worker thread loaded it at start. (Its
 * CommonJS build: `require` is synchronous, as parsing is.)
 */
let HtmlParser: typeof import("htmlparser2").Parser | undefined;
function parserClass(): typeof import("htmlparser2").Parser {
  return (HtmlParser ??= (createRequire(import.meta.url)("htmlparser2") as typeof import("htmlparser2")).Parser);
}

export interface HtmlElement {
  readonly kind: "element";
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
  readonly parent: HtmlElement | null;
  /** Index in the source of the start tag's `<`. */
  readonly start: number;
}

export interface HtmlText {
  readonly kind: "text";
  text: string;
  /** Index in the source of the first and last character. */
  readonly start: number;
  end: number;
}

export type HtmlNode = HtmlElement | HtmlText;

export interface HtmlPage {
  readonly root: HtmlElement;
  readonly title: string | null;
  readonly metas: readonly Readonly<Record<string, string>>[];
  readonly links: readonly Readonly<Record<string, string>>[];
  /** Texts of `<script type="application/ld+json">`. */
  readonly jsonLd: readonly string[];
  /** `<time>` elements' `datetime` (or text), in page order, with the element. */
  readonly times: readonly { readonly value: string; readonly element: HtmlElement }[];
  /** 1-based line of a source index. */
  lineOf(index: number): number;
}

/** Deepest nesting kept: walks over the tree recurse, and real pages stay far below this. */
const MAX_DEPTH = 256;

/** Elements whose content is never text a reader sees. */
const RAW = new Set(["script", "style", "template", "noscript", "svg", "math", "iframe", "object", "textarea", "select"]);

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Parse an HTML page. Never throws: htmlparser2 accepts any input. */
export function parseHtml(source: string): HtmlPage {
  const root: HtmlElement = { kind: "element", tag: "#root", attrs: {}, children: [], parent: null, start: 0 };
  const metas: Record<string, string>[] = [];
  const links: Record<string, string>[] = [];
  const jsonLd: string[] = [];
  const times: { value: string; element: HtmlElement }[] = [];
  let title: string | null = null;
  let current = root;
  let depth = 0;
  /** Elements opened past MAX_DEPTH: not nested further, their content goes to the deepest element. */
  let overflow = 0;
  /** Depth inside RAW elements; text there is not kept. */
  let raw = 0;
  let captured: { kind: "title" | "jsonld" | "time"; text: string; element?: HtmlElement } | null = null;

  const Parser = parserClass();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (depth >= MAX_DEPTH) {
          overflow++;
          if (name === "br" || name === "p" || name === "div") current.children.push({ kind: "element", tag: "br", attrs: {}, children: [], parent: current, start: parser.startIndex });
          return;
        }
        depth++;
        const element: HtmlElement = { kind: "element", tag: name, attrs, children: [], parent: current, start: parser.startIndex };
        current.children.push(element);
        current = element;
        if (name === "meta") metas.push(attrs);
        else if (name === "link") links.push(attrs);
        else if (name === "title" && title === null && raw === 0) captured = { kind: "title", text: "" };
        else if (name === "script" && /ld\+json/i.test(attrs["type"] ?? "")) captured = { kind: "jsonld", text: "" };
        else if (name === "time" && raw === 0) {
          if (attrs["datetime"]) times.push({ value: attrs["datetime"], element });
          else captured = { kind: "time", text: "", element };
        }
        if (RAW.has(name) || name === "title") raw++;
      },
      ontext(text) {
        if (captured) captured.text += text;
        if (raw > 0) return;
        const last = current.children[current.children.length - 1];
        if (last?.kind === "text" && last.end + 1 === parser.startIndex) {
          last.text += text;
          last.end = parser.endIndex;
        } else current.children.push({ kind: "text", text, start: parser.startIndex, end: parser.endIndex });
      },
      onclosetag(name) {
        if (overflow > 0) {
          overflow--;
          return;
        }
        depth--;
        if (RAW.has(name) || name === "title") raw = Math.max(0, raw - 1);
        if (captured && (name === "title" || name === "script" || name === "time")) {
          if (captured.kind === "title") title = captured.text.replace(/\s+/g, " ").trim() || null;
          else if (captured.kind === "jsonld") jsonLd.push(captured.text);
          else if (captured.element && captured.text.trim()) times.push({ value: captured.text.trim(), element: captured.element });
          captured = null;
        }
        current = current.parent ?? root;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.end(source);

  const starts = lineStarts(source);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return { root, title, metas, links, jsonLd, times, lineOf };
}
