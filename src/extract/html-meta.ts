/**
 * The metadata an HTML page states about itself, in order of trust:
 *
 * - date: JSON-LD `datePublished` (of an Article-like object first), then
 *   `<meta property="article:published_time">` and the other publication-date
 *   meta names (`date`, `dc.date`, `dcterms.created`, `citation_publication_date`,
 *   `pubdate`, …), then `itemprop="datePublished"`, then the first `<time>`
 *   outside the page's navigation, sidebars and comments. Values are ISO
 *   (`2022-07-30T…` keeps the date as the page writes it, in its own time
 *   zone) or a written date ("July 30, 2022") read by dates.ts.
 * - site: `og:site_name`, JSON-LD `publisher.name`, `application-name`.
 * - url: `<link rel="canonical">`, `og:url`, JSON-LD `url`.
 * - title: `og:title`, JSON-LD `headline`, `<title>` less a " | Site" suffix.
 */
import { statedDate, type DateOrder } from "./dates.js";
import type { HtmlElement, HtmlPage } from "./html-dom.js";

export interface HtmlMeta {
  readonly title: string | null;
  readonly date: string | null;
  /** A numeric date that could be read two ways, passed over. */
  readonly dateAmbiguous: string | null;
  readonly site: string | null;
  readonly url: string | null;
}

const DATE_METAS = [
  "article:published_time",
  "og:published_time",
  "datepublished",
  "date",
  "dc.date",
  "dc.date.issued",
  "dc.date.created",
  "dcterms.date",
  "dcterms.issued",
  "dcterms.created",
  "citation_publication_date",
  "citation_date",
  "citation_online_date",
  "pubdate",
  "publishdate",
  "publish-date",
  "publish_date",
  "published_time",
  "article.published",
  "sailthru.date",
  "parsely-pub-date",
  "originalpublicationdate",
];

const ARTICLE_TYPES = /article|posting|report|story|release/i;

function metaContent(page: HtmlPage, key: string): string | null {
  for (const m of page.metas) {
    const name = (m["property"] ?? m["name"] ?? m["itemprop"] ?? "").toLowerCase();
    if (name === key && m["content"]?.trim()) return m["content"].trim();
  }
  return null;
}

function jsonLdObjects(page: HtmlPage): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    out.push(o);
    if (o["@graph"]) visit(o["@graph"], depth + 1);
  };
  for (const text of page.jsonLd) {
    try {
      visit(JSON.parse(text.trim().replace(/^<!--|-->$/g, "")), 0);
    } catch {
      // A broken JSON-LD block states nothing: the other sources decide.
    }
  }
  return out;
}

function text(value: unknown): string | null {
  if (typeof value === "string" && value.trim()) return value.trim();
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return text(o["name"] ?? o["@id"] ?? o["url"] ?? null);
  }
  return null;
}

function typeOf(o: Record<string, unknown>): string {
  const t = o["@type"];
  return Array.isArray(t) ? t.join(" ") : typeof t === "string" ? t : "";
}

function insideChrome(element: HtmlElement): boolean {
  for (let e: HtmlElement | null = element; e; e = e.parent) {
    if (e.tag === "nav" || e.tag === "aside" || e.tag === "footer") return true;
    const names = `${e.attrs["class"] ?? ""} ${e.attrs["id"] ?? ""}`;
    if (/comment|sidebar|related|widget|recent|popular/i.test(names)) return true;
  }
  return false;
}

/** JSON-LD `publisher.name`, following an `@id` reference inside the page's graph. */
function publisherName(all: readonly Record<string, unknown>[], articles: readonly Record<string, unknown>[]): string | null {
  const byId = new Map(all.filter((o) => typeof o["@id"] === "string").map((o) => [o["@id"] as string, o]));
  for (const o of articles) {
    let p = o["publisher"];
    if (Array.isArray(p)) p = p[0];
    if (!p || typeof p !== "object") continue;
    let publisher = p as Record<string, unknown>;
    if (typeof publisher["name"] !== "string" && typeof publisher["@id"] === "string") publisher = byId.get(publisher["@id"]) ?? publisher;
    if (typeof publisher["name"] === "string" && publisher["name"].trim()) return publisher["name"].trim();
  }
  return null;
}

function stripSiteSuffix(title: string, site: string | null): string {
  if (site) {
    for (const sep of [" | ", " - ", " – ", " — ", " · ", " :: ", " » "]) {
      if (title.endsWith(sep + site)) return title.slice(0, -(sep + site).length).trim();
      if (title.startsWith(site + sep)) return title.slice((site + sep).length).trim();
    }
  }
  return title;
}

export function htmlMeta(page: HtmlPage, order: DateOrder): HtmlMeta {
  const ld = jsonLdObjects(page);
  const articles = [...ld.filter((o) => ARTICLE_TYPES.test(typeOf(o))), ...ld.filter((o) => !ARTICLE_TYPES.test(typeOf(o)))];
  const fromLd = (key: string): string | null => {
    for (const o of articles) {
      const v = text(o[key]);
      if (v) return v;
    }
    return null;
  };

  const candidates: string[] = [];
  const ldDate = fromLd("datePublished") ?? fromLd("dateCreated");
  if (ldDate) candidates.push(ldDate);
  for (const key of DATE_METAS) {
    const v = metaContent(page, key);
    if (v) candidates.push(v);
  }
  for (const t of page.times) {
    if (/datepublished/i.test(t.element.attrs["itemprop"] ?? "") || "pubdate" in t.element.attrs) candidates.push(t.value);
  }
  for (const t of page.times) if (!insideChrome(t.element)) candidates.push(t.value);

  let date: string | null = null;
  let dateAmbiguous: string | null = null;
  for (const c of candidates) {
    const found = statedDate(c, order);
    dateAmbiguous ??= found.ambiguous;
    if (found.date) {
      date = found.date;
      break;
    }
  }

  const site = metaContent(page, "og:site_name") ?? publisherName(ld, articles) ?? metaContent(page, "application-name");
  const canonical = page.links.find((l) => /(^|\s)canonical(\s|$)/i.test(l["rel"] ?? "") && l["href"]?.trim())?.["href"]?.trim();
  const url = canonical ?? metaContent(page, "og:url") ?? fromLd("url");
  const rawTitle = metaContent(page, "og:title") ?? fromLd("headline") ?? page.title;
  return {
    title: rawTitle ? stripSiteSuffix(rawTitle.replace(/\s+/g, " ").trim(), site) : null,
    date,
    dateAmbiguous: date ? null : dateAmbiguous,
    site: site?.replace(/\s+/g, " ").trim() ?? null,
    url: url ?? null,
  };
}
