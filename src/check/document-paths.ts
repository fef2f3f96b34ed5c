/**
 * From a report path back to the file on disk, and on to the other bases paths
 * are written against (the working directory, a baseline file's folder).
 *
 * Report paths are relative to the folder given when there is exactly one
 * folder argument, else to the working directory (DESIGN.md, discover.ts); a
 * document inside a JSON Lines file is `file.jsonl#<id>`; standard input is `-`.
 */
import { statSync } from "node:fs";
import path from "node:path";

export interface DocumentPaths {
  /** The folder report paths are relative to. */
  readonly base: string;
  /** Absolute path of the file a document comes from, or undefined for standard input. */
  absolute(reportPath: string): string | undefined;
  /** The document's path relative to `dir`, with `/` separators (`#<id>` kept); `-` stays `-`. */
  relativeTo(dir: string, reportPath: string): string;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toSlash(p: string): string {
  return p.split(path.sep).join("/");
}

/** Split `file.jsonl#id` into the file and the `#id` suffix ("" when there is none). */
function splitRecord(reportPath: string): [string, string] {
  const hash = reportPath.indexOf("#");
  return hash < 0 ? [reportPath, ""] : [reportPath.slice(0, hash), reportPath.slice(hash)];
}

export function documentPaths(inputs: readonly string[], cwd: string): DocumentPaths {
  const folders = inputs.filter((i) => i !== "-" && isDirectory(path.resolve(cwd, i)));
  const base = inputs.length === 1 && folders.length === 1 ? path.resolve(cwd, folders[0]!) : cwd;
  const absolute = (reportPath: string): string | undefined =>
    reportPath === "-" ? undefined : path.resolve(base, ...splitRecord(reportPath)[0].split("/"));
  return {
    base,
    absolute,
    relativeTo(dir, reportPath) {
      if (reportPath === "-") return "-";
      const [file, record] = splitRecord(reportPath);
      return toSlash(path.relative(dir, path.resolve(base, ...file.split("/")))) + record;
    },
  };
}
