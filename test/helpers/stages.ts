/**
 * The scan's stages up to document pairs, run one by one on a folder (one job,
 * no file dates), for tests that look at what passes between them.
 */
import { MemoryLshIndex } from "../../src/candidates/memory-lsh-index.js";
import { discover } from "../../src/discover/discover.js";
import { readSettingsOf } from "../../src/extract/read-settings.js";
import { fingerprintFiles, fingerprintParamsOf } from "../../src/fingerprint/fingerprint-files.js";
import type { FingerprintedDocument } from "../../src/fingerprint/fingerprint.js";
import { findBoilerplate } from "../../src/match/boilerplate.js";
import { documentPairs } from "../../src/match/document-pairs.js";
import { matchParagraphs } from "../../src/match/paragraph-matches.js";
import { uniqueParagraphs } from "../../src/match/unique-paragraphs.js";
import { resolveOptions } from "../../src/options.js";

export async function pairStages(dir: string) {
  const o = resolveOptions({ inputs: [dir], cwd: dir, mtime: false, jobs: 1 });
  const files = await discover(o);
  let docs: FingerprintedDocument[] = [];
  for await (const events of fingerprintFiles({ files, read: readSettingsOf(o), params: fingerprintParamsOf(o), jobs: 1 }))
    for (const e of events) if (e.kind === "document") docs.push(e.document);
  docs = docs.sort((a, b) => (a.path < b.path ? -1 : 1)).map((d, i) => ({ ...d, id: i }));
  const units = uniqueParagraphs(docs);
  const edges = await matchParagraphs(units, new MemoryLshIndex({ bands: o.bands }), o.threshold, 1);
  const mask = findBoilerplate(docs, units, edges, { minDocs: o.boilerplateMinDocs, minWords: o.minWords });
  const result = documentPairs(docs, units, edges, mask, { minCoverage: o.minCoverage, minWords: o.minWords });
  return { docs, units, edges, mask, ...result };
}
