/** Temporary folders of files for whole-pipeline tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Tree = Readonly<Record<string, string | Uint8Array>>;

/** Write `files` (relative paths with `/`) under a new temporary folder; returns its path. */
export function writeTree(files: Tree): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statdup-test-"));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Run `body` on a temporary tree, removing it afterwards whatever happens. */
export async function withTree<T>(files: Tree, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = writeTree(files);
  try {
    return await body(dir);
  } finally {
    removeTree(dir);
  }
}
