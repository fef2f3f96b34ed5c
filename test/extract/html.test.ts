/**
 * HTML pages: the article's text without the site's chrome, paragraph lines in
 * the HTML file, and the metadata pages state.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/extract/html.js";

const html = (text: string) => extractHtml({ path: "p.html", text, bytes: new TextEncoder().encode(text) });
const texts = (text: string): string[] => html(text).paragraphs.map((p) => p.text);

const ARTICLE = [
  "The first paragraph of the article is long enough, with commas, clauses, and detail, to look like content.",
  "A second paragraph follows it, also long, and also written in the plain prose that articles are made of.",
  "The third paragraph ends the article with a final sentence that a reader would expect to find there.",
];

function page(body: string, head = ""): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Page</title>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

describe("main text", () => {
  it("keeps the article and leaves out navigation, banners, sidebars, share links, related lists, comments and scripts", () => {
    const body = `
<div class="cookie-banner">We use cookies to give you the best experience on our website, please accept them all.</div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<div class="layout">
  <main>
    <article>
      <h1>The headline</h1>
      ${ARTICLE.map((p) => `<p>${p}</p>`).join("\n      ")}
      <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email this article to a friend</a></div>
      <ul class="related-posts"><li><a href="/1">Another story about something else entirely</a></li><li><a href="/2">And one more story</a></li></ul>
    </article>
    <section id="comments" class="comments-area"><h2>3 comments</h2><p>I disagree with every word of this article, and I will say so at length here.</p>
      <form><textarea></textarea><p>Your email address will not be published. Required fields are marked *</p></form></section>
  </main>
  <aside class="sidebar"><h3>Popular</h3><p>The sidebar has a paragraph of text too, long enough to count if it were not in an aside.</p></aside>
</div>
<footer><p>Copyright © 2022 Example News. All rights reserved.</p></footer>
<script>document.write("<p>Scripts are never text, even when they write paragraphs, which they sometimes do.</p>");</script>
<div role="dialog" aria-modal="true"><p>Subscribe to our newsletter to get the news every morning in your inbox, free.</p></div>`;
    expect(texts(page(body))).toEqual(["The headline", ...ARTICLE]);
  });

  it("finds the article in a page without semantic elements (scored by its paragraphs)", () => {
    const body = `
<div id="top"><a href="/">Home</a> | <a href="/a">About</a> | <a href="/c">Contact</a></div>
<table><tr><td class="left"><a href="/x">Link one</a><br><a href="/y">Link two</a><br><a href="/z">Link three</a></td>
<td class="story">${ARTICLE.map((p) => `<p>${p}</p>`).join("\n")}</td></tr></table>
<div id="bottom"><a href="/terms">Terms</a> | <a href="/privacy">Privacy</a></div>`;
    expect(texts(page(body))).toEqual(ARTICLE);
  });

  it("falls back to the whole page when the strict rules leave almost nothing", () => {
    const body = `<div class="comment-content"><p>${ARTICLE[0]}</p><p>${ARTICLE[1]}</p></div>`;
    expect(texts(page(body))).toEqual(ARTICLE.slice(0, 2));
  });

  it("reads a fragment without html or body, and plain text saved as .html", () => {
    expect(texts(`<p>${ARTICLE[0]}</p>\n<p>${ARTICLE[1]}</p>`)).toEqual(ARTICLE.slice(0, 2));
    expect(texts(`${ARTICLE[0]}\n\n${ARTICLE[1]}`)).toEqual([`${ARTICLE[0]} ${ARTICLE[1]}`]);
  });

  it("decodes entities and collapses whitespace", () => {
    const out = texts(page(`<article><p>Caf&eacute; &amp; bar&nbsp;&mdash; &#8220;quoted&#8221;,   spaced\n   out.</p></article>`));
    expect(out).toEqual(["Café & bar\u00a0— “quoted”, spaced out."]);
  });

  it("reads <br> lines and <pre> text as lines of a plain-text file: <br><br> and blank lines end paragraphs", () => {
    const lines = ["The first line of a short poem,", "the second line of the poem.", "A new stanza after a double break,", "and its second line here."];
    expect(texts(page(`<article><p>${lines[0]}<br>${lines[1]}<br><br>${lines[2]}<br>\n${lines[3]}</p></article>`))).toEqual([
      `${lines[0]} ${lines[1]}`,
      `${lines[2]} ${lines[3]}`,
    ]);
    const wrapped = "Plain text in a pre element, hard-wrapped at a narrow width as\nmailing list archives are, which segmentation must rejoin into\none paragraph.\n\nA second paragraph after a blank line.";
    expect(texts(page(`<pre>${wrapped}</pre>`))).toEqual([
      "Plain text in a pre element, hard-wrapped at a narrow width as mailing list archives are, which segmentation must rejoin into one paragraph.",
      "A second paragraph after a blank line.",
    ]);
  });

  it("never yields text from scripts, styles, templates or hidden elements (property)", () => {
    const junk = fc.string({ minLength: 1, maxLength: 30 }).map((s) => `JUNK${s.replace(/[<>&]/g, "")}`);
    fc.assert(
      fc.property(junk, (j) => {
        const out = html(
          page(
            `<article>${ARTICLE.map((p) => `<p>${p}</p>`).join("")}<script>var x = "${j.replace(/"/g, "")}";</script><style>/* ${j} */</style>` +
              `<template><p>${j}</p></template><p hidden>${j}</p><p style="display: none">${j}</p><span aria-hidden="true">${j}</span></article>`,
          ),
        );
        expect(html.length).toBeGreaterThan(0);
        expect(out.document.body).not.toContain("JUNK");
      }),
      { seed: 31, numRuns: 100 },
    );
  });

  it("survives nesting 20,000 elements deep", () => {
    const deep = "<div>".repeat(20000) + `<p>${ARTICLE[0]}</p>` + "</div>".repeat(20000);
    expect(texts(page(deep))).toEqual([ARTICLE[0]]);
  });
});

describe("paragraph lines point into the HTML file", () => {
  it("gives each block the line of its text, and the last line it spans", () => {
    const text = ["<html><body><article>", "<p>", `  ${ARTICLE[0]}`, "</p>", "<p>A paragraph that", "spans three lines", "of the file, long enough.</p>", "", `<p>${ARTICLE[2]}</p>`, "</article></body></html>"].join("\r\n");
    expect(html(text).paragraphs.map((p) => [p.line, p.endLine])).toEqual([
      [3, 3],
      [5, 7],
      [9, 9],
    ]);
  });

  it("puts every block of a page written on one line on line 1", () => {
    const text = `<html><body><article>${ARTICLE.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;
    expect(html(text).paragraphs.map((p) => [p.text, p.line])).toEqual(ARTICLE.map((p) => [p, 1]));
  });
});

describe("metadata", () => {
  const body = `<article>${ARTICLE.map((p) => `<p>${p}</p>`).join("\n")}</article>`;

  it("takes title, date, site and url from what the page states, in order of trust", () => {
    const head = `
<meta property="og:title" content="The real title">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2020-01-01">
<meta property="article:published_time" content="2022-07-30T23:30:00-04:00">
<link rel="canonical" href="https://example.news/a">
<meta property="og:url" content="https://example.news/a?utm=x">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Example News Ltd"},{"@type":"NewsArticle","headline":"LD headline","datePublished":"2022-07-29","publisher":{"@id":"#org"}}]}</script>`;
    expect(html(page(body, head)).document).toMatchObject({
      title: "The real title",
      date: "2022-07-29",
      dateSource: "html-meta",
      site: "Example News",
      url: "https://example.news/a",
    });
  });

  it.each<[string, string, string, Record<string, unknown>]>([
    ["JSON-LD publisher by @id, headline", `<script type="application/ld+json">{"@graph":[{"@type":"Organization","@id":"#o","name":"LD Site"},{"@type":"BlogPosting","headline":"LD title","datePublished":"2021-05-06T10:00:00Z","publisher":{"@id":"#o"},"url":"https://ld.example/p"}]}</script>`, "", { title: "LD title", date: "2021-05-06", site: "LD Site", url: "https://ld.example/p" }],
    ["meta name=date and a <title> with the site's name", `<meta name="application-name" content="Daily Site"><meta name="DC.date.issued" content="2019-02-03">`, "", { title: "Page", date: "2019-02-03", site: "Daily Site" }],
    ["<time datetime> in the article, not the one in the comments", "", `<div class="comments"><time datetime="2024-01-01">later</time></div><p class="byline"><time datetime="2018-08-09T08:00">9 August 2018</time></p>`, { date: "2018-08-09", dateSource: "html-meta" }],
    ["a written date in a meta tag", `<meta name="pubdate" content="July 30, 2022">`, "", { date: "2022-07-30" }],
    ["a broken JSON-LD block states nothing", `<script type="application/ld+json">{"datePublished": </script>`, "", { date: null, site: null }],
    ["the title less the site's name", `<meta property="og:site_name" content="Site X">`, "", { title: "Page" }],
  ])("%s", (_, head, extra, expected) => {
    const text = page(`${extra}${body}`, head);
    expect(html(text).document).toMatchObject(expected);
  });

  it("falls back to a dateline in the text and the copyright line in the footer", () => {
    const text = page(`<article><p>Posted on July 30, 2022</p>${ARTICLE.map((p) => `<p>${p}</p>`).join("")}</article><footer>Copyright © 2022 Footer Media Group. All rights reserved.</footer>`);
    expect(html(text).document).toMatchObject({ date: "2022-07-30", dateSource: "text", site: "Footer Media Group" });
  });

  it("strips ' | Site' and ' – Site' from the title", () => {
    const text = `<html><head><title>Story title – Site Y</title><meta property="og:site_name" content="Site Y"></head><body>${body}</body></html>`;
    expect(html(text).document.title).toBe("Story title");
  });
});
