/**
 * The cache a scan uses: the null object when `--cache` is off, else the disk
 * cache in the folder for this run's settings.
 *
 * The settings hash covers everything a file's events depend on besides the
 * file itself: fingerprinting (shingle size, min words, window, bands, rows,
 * seed), reading and extraction (max file size, date order, mtime, encoding,
 * JSON Lines fields, stdin format), the strategy, statdup's major.minor and a
 * digest of its code, the cache format, and the platform's byte order. Settings that act after
 * fingerprinting (threshold, min coverage, boilerplate, the policy, the report
 * format) are not in it: changing them keeps the cache.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedOptions } from "../options.js";
import { fingerprintParamsOf } from "../fingerprint/fingerprint-files.js";
import { VERSION } from "../version.js";
import { DiskFingerprintCache } from "./disk-cache.js";
import { NO_CACHE, type FingerprintCache } from "./fingerprint-cache.js";
import { SHARD_FORMAT } from "./shard-codec.js";

/** statdup's own modules: dist/ when installed, src/ under the tests. */
const CODE_ROOT = fileURLToPath(new URL("../", import.meta.url));
let code: string | undefined;

/**
 * A digest of statdup's own code (every module's name and text, about 5 ms):
 * stricter than major.minor, so that a cache never outlives a change to how
 * files are read or fingerprinted, released or not.
 */
export function codeDigest(): string {
  if (code !== undefined) return code;
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith(".d.ts")) hash.update(`${path.relative(CODE_ROOT, full)}\0`).update(readFileSync(full));
    }
  };
  walk(CODE_ROOT);
  return (code = hash.digest("hex"));
}

/** What a file's cached events depend on, besides the file. */
export function cacheSettings(o: ResolvedOptions): Record<string, unknown> {
  return {
    statdup: VERSION.split(".").slice(0, 2).join("."),
    code: codeDigest(),
    format: SHARD_FORMAT,
    endianness: os.endianness(),
    strategy: o.cacheStrategy,
    ...fingerprintParamsOf(o),
    maxFileSize: o.maxFileSize,
    dateOrder: o.dateOrder,
    mtime: o.mtime,
    encoding: o.encoding,
    stdinFormat: o.stdinFormat,
    jsonlFields: o.jsonlFields,
  };
}

/** 16 hex digits naming the cache folder of these settings. */
export function cacheSettingsHash(o: ResolvedOptions): string {
  return createHash("sha256").update(JSON.stringify(cacheSettings(o))).digest("hex").slice(0, 16);
}

/**
 * Every option the report depends on (all of them but the cache's own, the
 * number of workers and standard input, which is never cached), and the code:
 * under the same, the same files give the same report.
 */
export function reportOptions(o: ResolvedOptions): string {
  const { jobs: _jobs, cache: _cache, cacheLocation: _location, cacheStrategy: _strategy, stdin: _stdin, ...rest } = o;
  // groupApart's test is a function, which JSON leaves out; its rule stays in.
  return JSON.stringify({ code: codeDigest(), options: rest });
}

/** The cache for a scan; `warn` receives what goes wrong with it (never an error of the scan). */
export function openCache(o: ResolvedOptions, warn: (message: string) => void): FingerprintCache {
  if (!o.cache) return NO_CACHE;
  return new DiskFingerprintCache({
    location: o.cacheLocation,
    settings: cacheSettingsHash(o),
    reportOptions: reportOptions(o),
    strategy: o.cacheStrategy,
    maxFileSize: o.maxFileSize,
    stdinFormat: o.stdinFormat,
    warn,
    cwd: o.cwd,
  });
}
