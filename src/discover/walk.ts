/**
 * Walk one folder for the files to read: a breadth of `readdir` calls with
 * file types, globs matched with picomatch. What fast-glob's walker does not
 * do, this one does:
 *
 * - Symbolic links to folders are followed, but a link back to a folder on the
 *   path that led to it (a loop) is not: it is reported as `symlink-loop`.
 *   fast-glob follows such a link until the path is too long, reading every
 *   file dozens of times.
 * - A link to nothing is reported as `broken-link` when its name matches.
 * - A folder that cannot be listed (permissions, vanished) is reported as
 *   `unreadable` instead of silently skipped.
 * - Matched entries that are not regular files (FIFOs, sockets, devices) are
 *   returned, for read to report as `not-a-file` without opening them.
 *
 * `.git` and `node_modules` are never entered; neither are names starting
 * with a dot, unless an include pattern names one.
 */
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";

export interface WalkRequest {
  /** Absolute folder to walk. */
  readonly root: string;
  /** Globs matched against paths relative to `root` (with `/`). */
  readonly include: readonly string[];
  /** Globs of files or folders to skip, matched against `excludePrefix` + the path relative to `root`. */
  readonly exclude: readonly string[];
  readonly excludePrefix?: string;
}

export interface WalkEntry {
  readonly absolutePath: string;
  readonly problem?: { readonly code: string; readonly message: string };
}

const NEVER_ENTERED = new Set([".git", "node_modules"]);

interface Pending {
  readonly absolute: string;
  /** Relative to the root, with a trailing `/`, or "" for the root. */
  readonly relative: string;
  /** Real paths of this folder and the folders above it on the walked path. */
  readonly ancestors: readonly string[];
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? "EIO";
}

/** The files under `root` that match, and the problems found on the way. Never throws. */
export async function walk(request: WalkRequest): Promise<WalkEntry[]> {
  const bare = (glob: string): string => glob.replace(/^(?:\.\/)+/, "");
  const included = picomatch(request.include.map(bare), { dot: false });
  const excludes = request.exclude.map(bare).flatMap((e) => [e, `${e.replace(/\/+$/, "")}/**`]);
  const excluded = excludes.length > 0 ? picomatch(excludes, { dot: true }) : () => false;
  const prefix = request.excludePrefix ?? "";
  const dotAllowed = request.include.some((g) => /(^|\/)\.[^./]/.test(g));
  const out: WalkEntry[] = [];
  const problem = (absolute: string, code: string, message: string): void => {
    out.push({ absolutePath: absolute, problem: { code, message } });
  };

  let rootReal: string;
  try {
    rootReal = await realpath(request.root);
  } catch (err) {
    problem(request.root, "unreadable", `cannot read folder: ${errorCode(err)}`);
    return out;
  }
  const queue: Pending[] = [{ absolute: request.root, relative: "", ancestors: [rootReal] }];
  for (let next = 0; next < queue.length; next++) {
    const dir = queue[next]!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir.absolute, { withFileTypes: true });
    } catch (err) {
      const code = errorCode(err);
      const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "vanished before it could be listed" : code;
      problem(dir.absolute, "unreadable", `cannot read folder: ${why}: skipped`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      if (NEVER_ENTERED.has(name) || (name.startsWith(".") && !dotAllowed)) continue;
      const absolute = path.join(dir.absolute, name);
      const relative = dir.relative + name;
      if (excluded(prefix + relative)) continue;
      let isDir = entry.isDirectory();
      let real = dir.ancestors[dir.ancestors.length - 1] + path.sep + name;
      if (entry.isSymbolicLink()) {
        try {
          isDir = (await stat(absolute)).isDirectory();
          if (isDir) real = await realpath(absolute);
        } catch (err) {
          const code = errorCode(err);
          if (code === "ELOOP") problem(absolute, "symlink-loop", "symbolic link loop (it points back to itself): skipped");
          else if (included(relative)) problem(absolute, "broken-link", `symbolic link to nothing (${code}): skipped`);
          continue;
        }
        if (isDir && dir.ancestors.includes(real)) {
          problem(absolute, "symlink-loop", `symbolic link loop (it points back to ${path.relative(path.dirname(absolute), real) || "."}): not followed`);
          continue;
        }
      }
      if (isDir) queue.push({ absolute, relative: relative + "/", ancestors: [...dir.ancestors, real] });
      else if (included(relative)) out.push({ absolutePath: absolute });
    }
  }
  return out;
}
