/**
 * One JSON Lines record to one document.
 *
 * A record is a JSON object on one line. Its fields, named by options (the
 * defaults are passim's, so a passim corpus needs no flags):
 *   text   the article (a string, or an array of strings: its paragraphs)
 *   id     the document's id: its path is `file.jsonl#<id>`; without one, the
 *          record's line number stands in
 *   date   ISO or a written date (`dateSource: front-matter`, the record's own metadata)
 *   title, url
 *   site   the first of `site`, `series` (passim), `publisher`, `source`, `publication`
 * A field name may be a dotted path into nested objects (`meta.date`) when no
 * key has that exact name. Every paragraph's line is the record's line; the
 * document's `sha256` is that of the record's bytes.
 */
import type { DateSource, ExtractedDocument } from "../model.js";
import { segment } from "../segment/segment.js";
import { statedDate, type DateOrder } from "./dates.js";
import { firstLineTitle, sha256, type Extracted } from "./extract-text.js";
import { fieldText } from "./markdown.js";

import type { JsonlFields } from "./jsonl-fields.js";

export { DEFAULT_JSONL_FIELDS, type JsonlFields } from "./jsonl-fields.js";

const SITE_FIELDS = ["site", "series", "publisher", "source", "publication"];

export type RecordOutcome =
  | { readonly ok: true; readonly id: string; readonly extracted: Extracted }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** `record[name]`, or the value at a dotted path. */
export function fieldValue(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  let value: unknown = record;
  for (const key of name.split(".")) {
    if (!value || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export interface RecordRequest {
  /** Path of the JSON Lines file (as shown to users). */
  readonly path: string;
  /** 1-based line of the record. */
  readonly line: number;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly fields: JsonlFields;
  readonly dateOrder?: DateOrder;
}

export function recordDocument(r: RecordRequest): RecordOutcome {
  let record: unknown;
  try {
    record = JSON.parse(r.text);
  } catch (err) {
    const why = ((err as Error).message ?? "").replace(/^JSON\.parse: /, "").split("\n")[0]!.slice(0, 120);
    return { ok: false, code: "bad-json-line", message: `not valid JSON (${why}): record skipped` };
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    return { ok: false, code: "bad-json-line", message: `${describe(record)}, not a JSON object: record skipped` };
  }
  const o = record as Record<string, unknown>;
  const rawText = fieldValue(o, r.fields.text);
  let text: string;
  if (typeof rawText === "string") text = rawText;
  else if (Array.isArray(rawText) && rawText.every((p) => typeof p === "string")) text = rawText.join("\n\n");
  else {
    const message =
      rawText === undefined
        ? `no "${r.fields.text}" field (--jsonl-text names the field that holds the text): record skipped`
        : `its "${r.fields.text}" field is ${describe(rawText)}, not text: record skipped`;
    return { ok: false, code: "no-text", message };
  }
  const rawId = fieldValue(o, r.fields.id);
  const id = (typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim() || String(r.line);

  const order = r.dateOrder ?? "auto";
  const rawDate = fieldText(fieldValue(o, r.fields.date));
  const stated = rawDate ? statedDate(rawDate, order) : null;
  const date = stated?.date ?? null;
  const dateSource: DateSource | null = date ? "front-matter" : null;
  const paragraphs = segment(text, 1).map((p) => ({ text: p.text, line: r.line, endLine: r.line }));
  const document: ExtractedDocument = {
    path: `${r.path}#${id}`,
    title: fieldText(fieldValue(o, r.fields.title)) ?? firstLineTitle(text, false),
    date,
    dateSource,
    site: SITE_FIELDS.map((k) => fieldText(o[k])).find((v) => v !== null) ?? null,
    url: fieldText(fieldValue(o, r.fields.url)),
    body: text,
    bodyLine: r.line,
    sha256: sha256(r.bytes),
    dateAmbiguous: date ? null : (stated?.ambiguous ?? null),
  };
  return { ok: true, id, extracted: { document, paragraphs } };
}
