/**
 * fixtures/check/newsroom copied to a temporary folder (under `newsroom/`, with
 * a `.git` at the top so config search stops there), plus a new article that
 * copies four paragraphs of the 2022 editorial: a corpus with one old,
 * accepted-looking pair and one new finding.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./corpus.js";

export const NEWSROOM = path.join(ROOT, "fixtures", "check", "newsroom");

export function newArticle(): string {
  const editorial = readFileSync(path.join(NEWSROOM, "archive", "2022-editorial.md"), "utf8").trimEnd().split("\n\n");
  const intro = "Our reporter went back to the schools this week and found that little had changed since the board last met in the spring.";
  return ["# Schools, again", intro, ...editorial.slice(1, 5)].join("\n\n") + "\n";
}

/** A temporary folder holding `newsroom/` (the fixture) and `extra` files (paths relative to the folder). */
export function makeNewsroom(extra: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statdup-newsroom-"));
  mkdirSync(path.join(dir, ".git"));
  cpSync(NEWSROOM, path.join(dir, "newsroom"), { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    const file = path.join(dir, ...rel.split("/"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function removeNewsroom(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
