// Reading a corpus once before a timed run, so that the run measures statdup and not
// what the machine last read: this machine gives cached files back within minutes.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Read every file under `dir` once (and drop it): the page cache then holds the corpus.
 * @param {string} dir
 * @returns {{ files: number, bytes: number }}
 */
export function readTree(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = readTree(path);
      files += sub.files;
      bytes += sub.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += readFileSync(path).length;
    }
  }
  return { files, bytes };
}
