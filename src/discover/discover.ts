/**
 * Discover: expand the inputs (folders, files, globs, "-" for standard input)
 * into a sorted list of files, with the paths users see.
 *
 * Paths are relative to the folder given when there is exactly one folder
 * argument, else to the working directory, always with `/` separators.
 * Folders and globs are walked with fast-glob (glob-walk.ts): `.git` and
 * `node_modules` never entered; dotfiles only with `dot`; `exclude` globs;
 * `.gitignore` (unless `gitignore: false`), `.statdupignore` and
 * `ignoreFile` rules (ignore-rules.ts); symbolic links to folders followed
 * only with `follow`, loops reported and not followed, and the same file
 * reached by two paths read once (the path through fewer links, else the
 * first in path order). A file named explicitly is read whatever its
 * extension, and even when an ignore file or `exclude` names it: the user
 * asked for it. Order is by path (code units), so the same tree gives the
 * same order on every machine.
 *
 * Problems found here (a link loop, a folder that cannot be listed, a broken
 * link) become entries with a `problem`, which the read stage reports like
 * any unreadable file: discover itself only fails (UsageError, exit 2) for an
 * input that does not exist or an `ignoreFile` that cannot be read.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { repositoryRoot } from "../config/load-config.js";
import { UsageError } from "../errors.js";
import type { SourceFile } from "../model.js";
import { globWalk, type GlobWalkRequest, type WalkedFile } from "./glob-walk.js";
import { IgnoreRules } from "./ignore-rules.js";

export interface DiscoverRequest {
  readonly inputs: readonly string[];
  readonly cwd: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Read files and folders whose names start with a dot (default false). */
  readonly dot?: boolean;
  /** Follow symbolic links to folders (default false). */
  readonly follow?: boolean;
  /** Honour `.gitignore` files (default true; `.statdupignore` always is). */
  readonly gitignore?: boolean;
  /** More ignore files, gitignore syntax, patterns relative to each file's folder. */
  readonly ignoreFile?: readonly string[];
  /** Replaces the folder listing (tests). */
  readonly readdir?: GlobWalkRequest["readdir"];
}

function toSlash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

function kindOf(absolute: string): "file" | "dir" | "other" | "broken" | "missing" {
  try {
    const st = statSync(absolute);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch (err) {
    try {
      lstatSync(absolute);
      return (err as NodeJS.ErrnoException).code === "ELOOP" ? "other" : "broken";
    } catch {
      return "missing";
    }
  }
}

/** `./drafts/` → `drafts` and `drafts/**`: a glob skips the files it matches and everything under the folders it matches. */
function excludeGlobs(exclude: readonly string[]): string[] {
  return exclude.flatMap((e) => {
    const bare = e.replace(/^(?:\.\/)+/, "").replace(/\/+$/, "");
    return bare === "" ? [] : [bare, `${bare}/**`];
  });
}

/** Where ignore files above a walk's start stop being read: the repository root, else the working directory (when the start is inside it). */
function ignoreStop(start: string, cwd: string): string {
  const repo = repositoryRoot(start);
  if (repo) return repo;
  const rel = path.relative(cwd, start);
  return rel.startsWith("..") || path.isAbsolute(rel) ? start : cwd;
}

function realFolder(file: string): string {
  try {
    return realpathSync(path.dirname(file));
  } catch {
    return path.dirname(file);
  }
}

/** Expand inputs to files; a path that does not exist is a usage error (exit 2). */
export async function discover(request: DiscoverRequest): Promise<SourceFile[]> {
  const { cwd, include, exclude } = request;
  const rules = new IgnoreRules({ cwd, gitignore: request.gitignore ?? true, ignoreFiles: request.ignoreFile ?? [] });
  const walkOptions = { dot: request.dot ?? false, follow: request.follow ?? false, rules, ...(request.readdir ? { readdir: request.readdir } : {}) };
  const folders = request.inputs.filter((i) => i !== "-" && kindOf(path.resolve(cwd, i)) === "dir");
  const base = request.inputs.length === 1 && folders.length === 1 ? path.resolve(cwd, folders[0]!) : cwd;
  // Walked paths are absolute and normalized: below `base`, the relative path is the rest (path.relative is the slow way).
  const basePrefix = base.endsWith(path.sep) ? base : base + path.sep;
  const relative = (absolute: string): string =>
    absolute.startsWith(basePrefix) && absolute.length > basePrefix.length && !absolute.endsWith(path.sep)
      ? toSlash(absolute.slice(basePrefix.length))
      : toSlash(path.relative(base, absolute)) || path.basename(absolute);

  const found = new Map<string, SourceFile & { hops: number }>();
  const add = (absolute: string, problem?: SourceFile["problem"], key = absolute, hops = 0): void => {
    const file = { path: relative(absolute), absolutePath: absolute, ...(problem ? { problem } : {}), hops };
    const known = found.get(key);
    if (!known || hops < known.hops || (hops === known.hops && file.path < known.path)) found.set(key, file);
  };
  const addWalked = (files: readonly WalkedFile[]): void => {
    for (const f of files) add(f.absolutePath, f.problem, f.key, f.hops);
  };

  for (const input of request.inputs) {
    if (input === "-") {
      found.set("-", { path: "-", absolutePath: "-", hops: 0 });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    const kind = kindOf(absolute);
    if (kind === "dir") {
      const patterns = include.map((g) => g.replace(/^(?:\.\/)+/, ""));
      addWalked(await globWalk({ cwd: absolute, patterns, ignore: excludeGlobs(exclude), start: absolute, stop: ignoreStop(absolute, cwd), ...walkOptions }));
    } else if (kind === "file" || kind === "other") {
      // Named explicitly: read it whatever its extension; read reports non-files.
      add(absolute, undefined, request.follow ? path.join(realFolder(absolute), path.basename(absolute)) : absolute);
    } else if (kind === "broken") {
      add(absolute, { code: "broken-link", message: "symbolic link to nothing: skipped" });
    } else if (fg.isDynamicPattern(toSlash(input))) {
      const glob = toSlash(input);
      const start = path.resolve(cwd, fg.generateTasks([glob])[0]?.base ?? ".");
      if (kindOf(start) !== "dir") continue;
      // Excludes are relative to the working directory; an absolute glob gives absolute paths to match them against.
      const excludes = excludeGlobs(exclude);
      const ignore = path.isAbsolute(input) ? [...excludes, ...excludes.map((e) => `${fg.convertPathToPattern(cwd)}/${e}`)] : excludes;
      addWalked(await globWalk({ cwd, patterns: [glob], ignore, start, stop: ignoreStop(start, cwd), ...walkOptions }));
    } else {
      throw new UsageError(`${input}: no such file or directory`);
    }
  }
  return [...found.values()]
    .map(({ hops: _hops, ...file }) => file)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
