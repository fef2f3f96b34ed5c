/**
 * Markdown: front matter read, and the syntax reduced to the text a reader
 * sees, line for line (the result has exactly the file's lines, so paragraph
 * line numbers stay those of the file).
 *
 * Front matter is YAML between `---` lines (read with the `yaml` package, YAML
 * 1.2 core schema: dates stay strings) or TOML between `+++` lines (flat
 * `key = value` pairs only). Keys are matched case-insensitively.
 *
 * Syntax reduced: ATX and setext headings, emphasis and strikethrough, inline
 * code, links and reference links (to their text), images and link reference
 * definitions (dropped), autolinks, inline HTML tags and comments, blockquote
 * markers, table pipes and rules, code fences (the fence lines; the code is
 * kept), common HTML entities. List markers stay: segment() uses them.
 */
import { createRequire } from "node:module";
import type { parse as YamlParse } from "yaml";
import { splitLines } from "../segment/segment.js";

export interface FrontMatter {
  /** Lower-cased keys to their values (strings, numbers, objects as parsed). */
  readonly fields: ReadonlyMap<string, unknown>;
  /** Lines the block takes, its delimiters included. */
  readonly lines: number;
  /** Characters the block takes, its final line break included. */
  readonly length: number;
  /** Set when the block is not valid YAML (it is still kept out of the body). */
  readonly error?: string;
}

const YAML_BLOCK = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^\+\+\+[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?\+\+\+[ \t]*(?:\r?\n|$)/;

function countLines(block: string): number {
  const breaks = block.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /(?:\r\n|\r|\n)$/.test(block) ? breaks : breaks + 1;
}

function tomlFields(block: string): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const line of block.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    fields.set(m[1]!.toLowerCase(), /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw);
  }
  return fields;
}

/**
 * yaml's parse, loaded on the first front matter: most files have none, and
 * loading the package cost each worker thread about 60 ms at start. (yaml is
 * CommonJS: `require` gives the very module `import` would.)
 */
let yamlParse: typeof YamlParse | undefined;
function parseYaml(block: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
  return yamlParse(block, { schema: "core", uniqueKeys: false }) as unknown;
}

/** The front matter at the very top of `text` (after a BOM), or null. */
export function frontMatter(text: string): FrontMatter | null {
  const yaml = YAML_BLOCK.exec(text);
  if (yaml) {
    const block = yaml[1] ?? "";
    const fields = new Map<string, unknown>();
    let error: string | undefined;
    try {
      const data = parseYaml(block);
      if (data && typeof data === "object" && !Array.isArray(data)) {
        for (const [k, v] of Object.entries(data as Record<string, unknown>)) fields.set(k.toLowerCase(), v);
      } else if (data !== null && data !== undefined) error = "front matter is not a mapping of keys to values";
    } catch (err) {
      error = `front matter is not valid YAML (${((err as Error).message ?? "").split("\n")[0]})`;
    }
    return { fields, lines: countLines(yaml[0]), length: yaml[0].length, ...(error ? { error } : {}) };
  }
  const toml = TOML_BLOCK.exec(text);
  if (toml) return { fields: tomlFields(toml[1] ?? ""), lines: countLines(toml[0]), length: toml[0].length };
  return null;
}

/** A front matter value as text: strings and numbers; an object's `name`; the first of a list. */
export function fieldText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (Array.isArray(value)) return value.length > 0 ? fieldText(value[0]) : null;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return fieldText(o["name"] ?? o["title"] ?? o["url"] ?? null);
  }
  return null;
}

/** The first of `keys` that front matter fields give as text. */
export function firstField(fields: ReadonlyMap<string, unknown>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = fieldText(fields.get(k));
    if (v !== null) return v;
  }
  return null;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  mdash: "\u2014",
  ndash: "\u2013",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  laquo: "\u00ab",
  raquo: "\u00bb",
  copy: "\u00a9",
  shy: "",
};

/** Common named and all numeric character references. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_OR_RULE = /^ {0,3}(?:=+|-{2,}|(?:[-*_][ \t]*){3,})[ \t]*$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$/;
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Characters that any of the inline rules below needs; most lines of prose have none. */
const INLINE_SYNTAX = /[>[!<`*_~|\\&]/;

/** One line of Markdown to its text. */
function inlineText(line: string): string {
  if (!INLINE_SYNTAX.test(line)) return line;
  let s = line;
  s = s.replace(/^(\s*)(?:>[ \t]?)+/, "$1");
  s = s.replace(/^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[[ xX]\][ \t]+/, "$1");
  s = s.replace(/<!--.*?-->/g, "");
  s = s.replace(/!\[[^\]]*\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, "");
  s = s.replace(/!\[[^\]]*\]\[[^\]]*\]/g, "");
  s = s.replace(/\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, "$1");
  s = s.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
  s = s.replace(/<((?:https?|ftp|mailto):[^>\s]+)>/g, "$1");
  s = s.replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, "");
  s = s.replace(/`+([^`]+?)`+/g, "$1");
  s = s.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2");
  s = s.replace(/(^|[^\p{L}\p{N}*\\])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?![\p{L}\p{N}*])/gu, "$1$2");
  s = s.replace(/(^|[^\p{L}\p{N}_\\])_(?=[^\s_])([^_]*?[^\s_\\])_(?![\p{L}\p{N}_])/gu, "$1$2");
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1");
  if (/^\s*\|.*\|\s*$/.test(s)) s = s.replace(/\|/g, " ");
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, "$1");
  return decodeEntities(s);
}

/** Does `line` start with an ASCII letter or digit? */
function startsWithWordChar(line: string): boolean {
  const c = line.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Markdown to its text, line for line: the result has the same lines as `text`. */
export function markdownText(text: string): string {
  const lines = splitLines(text);
  const out: string[] = [];
  let fence: string | null = null;
  let inComment = false;
  for (const line of lines) {
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) {
        fence = null;
        out.push("");
      } else out.push(line);
      continue;
    }
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) {
        out.push("");
        continue;
      }
      inComment = false;
      out.push(inlineText(line.slice(end + 3)));
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1]!;
      out.push("");
      continue;
    }
    const commentStart = line.indexOf("<!--");
    if (commentStart >= 0 && line.indexOf("-->", commentStart + 4) < 0) {
      inComment = true;
      const before = inlineText(line.slice(0, commentStart));
      out.push(before);
      continue;
    }
    // A line that starts with a letter or digit is none of the block forms (each allows only spaces before its mark).
    if (startsWithWordChar(line)) {
      out.push(inlineText(line));
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) out.push(inlineText(atx[1]!));
    else if (SETEXT_OR_RULE.test(line) || LINK_DEFINITION.test(line) || TABLE_RULE.test(line)) out.push("");
    else out.push(inlineText(line));
  }
  return out.join("\n");
}
