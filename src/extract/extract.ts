/**
 * Extract: one file's text to the documents it holds, with their metadata.
 *
 * Plain text and Markdown give one document each. Markdown's YAML front matter
 * (between `---` lines at the very top) is kept out of the body, and its
 * `title`, `date`, `site`/`publisher`/`source` and `url`/`canonical` keys are
 * read as plain scalars; a Markdown `# heading` or else the first short line
 * gives the title. Without a front-matter date, a dateline near the top of the
 * text gives it (dates.ts); a copyright line ("© 2022 Dominica News Online")
 * gives the site. Line numbers stay those of the file.
 */
import { createHash } from "node:crypto";
import type { DateSource, ExtractedDocument } from "../model.js";
import { findDate, type DateOrder } from "./dates.js";

const FRONT_MATTER = /^(?:\ufeff)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** Plain `key: value` scalars of a front matter block (quotes removed). */
function frontMatterFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m || m[2] === "") continue;
    fields.set(m[1]!.toLowerCase(), m[2]!.replace(/^(["'])(.*)\1$/, "$2"));
  }
  return fields;
}

function firstLineTitle(body: string, markdown: boolean): string | null {
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    const text = markdown ? line.replace(/^#{1,6}\s+/, "").replace(/[*_`]/g, "") : line;
    return text.length > 0 && text.length <= 200 ? text : null;
  }
  return null;
}

export interface ExtractInput {
  readonly path: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly dateOrder?: DateOrder;
}

const COPYRIGHT = /(?:^|\n)[ \t]*(?:copyright[ \t]*(?:©|\(c\))?|©)[ \t]*\d{4}(?:[ \t]*[-–][ \t]*\d{4})?[ \t,]*(?:by[ \t]+)?([A-Z][^.,|\n]{2,60}?)(?=[ \t]*(?:[.,|]|all rights|\n|$))/i;

/** The publisher named by a copyright line, e.g. "Copyright 2012 Dominica News Online, …". */
export function copyrightHolder(text: string): string | null {
  const m = COPYRIGHT.exec(text);
  return m ? m[1]!.trim() : null;
}

/** The documents in one decoded file. */
export function extract(input: ExtractInput): ExtractedDocument[] {
  const markdown = isMarkdown(input.path);
  let body = input.text.replace(/^\ufeff/, "");
  let bodyLine = 1;
  let fields = new Map<string, string>();
  const fm = markdown ? FRONT_MATTER.exec(body) : null;
  if (fm) {
    fields = frontMatterFields(fm[1]!);
    bodyLine += fm[0].split(/\r?\n/).length - (fm[0].endsWith("\n") ? 1 : 0);
    body = body.slice(fm[0].length);
  }
  const rawDate = fields.get("date");
  const iso = rawDate ? ISO_DATE.exec(rawDate) : null;
  let date = iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
  let dateSource: DateSource | null = date ? "front-matter" : null;
  let dateAmbiguous: string | null = null;
  if (!date) {
    const found = findDate(body, input.dateOrder ?? "auto");
    date = found.date;
    dateSource = date ? "text" : null;
    dateAmbiguous = date ? null : found.ambiguous;
  }
  return [
    {
      path: input.path,
      title: fields.get("title") ?? firstLineTitle(body, markdown),
      date,
      dateSource,
      site: fields.get("site") ?? fields.get("publisher") ?? fields.get("source") ?? copyrightHolder(body),
      url: fields.get("canonical") ?? fields.get("url") ?? null,
      body,
      bodyLine,
      sha256: sha256(input.bytes),
      dateAmbiguous,
    },
  ];
}
