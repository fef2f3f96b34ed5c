/**
 * `statdup init`: write a starter `statdup.config.json` in the working
 * directory. JSON has no comments, so the file explains itself in a `"//"` key
 * (a list of lines) and points editors at the schema with `"$schema"`.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { CliIo } from "./io.js";

export const INIT_FILE = "statdup.config.json";
const SCHEMA_IN_PACKAGE = "node_modules/statdup/docs/statdup-config.schema.json";

/** The schema's path relative to `dir`: the nearest installed copy, else where a local install puts it. */
function schemaPath(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, ...SCHEMA_IN_PACKAGE.split("/"));
    if (existsSync(candidate)) {
      const rel = path.relative(dir, candidate).split(path.sep).join("/");
      return rel.startsWith(".") ? rel : `./${rel}`;
    }
    if (path.dirname(d) === d) return `./${SCHEMA_IN_PACKAGE}`;
  }
}

export function starterConfig(dir: string): Record<string, unknown> {
  return {
    $schema: schemaPath(dir),
    "//": [
      "statdup configuration. Keys are the command-line options in camelCase; flags given on the command line win.",
      "Paths (inputs, output, baseline) and allow globs are relative to this file.",
      "statdup check fails when two documents share text (exit 1), unless one of these lets the pair pass:",
      "  maxSimilarity: fail only when a pair's similarity > this (0..1)",
      "  maxCoverage: fail only when more than this share of a document is found in another (0..1)",
      "  allow: globs of documents that may copy and be copied; allowFamily: globs of documents whose text anyone may republish",
      "  baseline: a file of accepted findings; write it with: statdup check --write-baseline .statdup-baseline.json",
      "See README.md, 'Use in CI', and the schema for every key.",
    ],
    inputs: ["."],
    exclude: [],
    minCoverage: 0.3,
    allow: [],
    allowFamily: [],
  };
}

export function runInit(flags: { force?: boolean }, io: CliIo): number {
  const file = path.join(io.cwd, INIT_FILE);
  if (existsSync(file) && flags.force !== true) throw new UsageError(`${INIT_FILE} already exists (use --force to overwrite it)`);
  writeFileSync(file, JSON.stringify(starterConfig(io.cwd), null, 2) + "\n");
  io.stdout.write(`Wrote ${INIT_FILE}. Try: statdup check\n`);
  return 0;
}
