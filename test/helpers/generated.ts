/**
 * A corpus made by the benchmark's generator (bench/corpus.js) in a temporary
 * folder that lives as long as the enclosing suite. Call it at the top of a test
 * file or a `describe`; the function it returns gives the folder once the suite's
 * `beforeAll` has run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
// @ts-expect-error: bench/ is plain JavaScript with JSDoc types, no declarations
import { generateCorpus } from "../../bench/corpus.js";

export function generatedCorpus(docs: number, seed: number, prefix: string): () => string {
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    await generateCorpus({ docs, seed, outDir: dir });
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
