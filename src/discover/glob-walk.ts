/**
 * One fast-glob walk: the files under one folder that match the patterns,
 * and the problems found on the way. fast-glob matches the globs, the
 * excludes and dotfiles, and follows links when asked; this module gives it
 * a `readdir` (fast-glob's `fs` adapter option) that does what fast-glob
 * does not:
 *
 * - A folder that cannot be listed (permissions, vanished) becomes an
 *   `unreadable` problem and an empty listing, so the walk goes on; fast-glob
 *   alone either hides it (`suppressErrors`) or fails the whole walk.
 * - `.git` and `node_modules` are never listed, and entries that ignore
 *   files exclude (ignore-rules.ts) are dropped before fast-glob sees them,
 *   so an ignored folder is never walked.
 * - With `follow` (fast-glob's `followSymbolicLinks`, which alone loops on a
 *   link to an ancestor until paths are too long): a folder reached through
 *   a link whose real path is already on the path that led to it is a
 *   `symlink-loop` and is not listed, and so is a folder behind more than
 *   MAX_LINK_HOPS links (the kernel's ELOOP, for folder chains). Each file
 *   carries a key, the real path of its folder plus its name, so that the
 *   same file reached by two paths is read once.
 *
 * Entries fast-glob matched are then sorted out: folders dropped; symbolic
 * links to files kept (they are files); a link to a folder not followed (and
 * not reported); a link to nothing `broken-link`, a link to itself
 * `symlink-loop`; FIFOs, sockets and devices kept, for read to report as
 * `not-a-file` without opening them.
 */
import type { Dirent } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { IgnoreRules, SourceList } from "./ignore-rules.js";

/** Links a followed path may pass through before it counts as a loop. */
export const MAX_LINK_HOPS = 16;

const NEVER_ENTERED = new Set([".git", "node_modules"]);

export type Problem = { readonly code: string; readonly message: string };

export interface WalkedFile {
  readonly absolutePath: string;
  readonly problem?: Problem;
  /** Identity for de-duplication: the absolute path, or with `follow` the real folder plus the name. */
  readonly key: string;
  /** Followed links on the path (0 without `follow`): of two paths to one file, fewer wins. */
  readonly hops: number;
}

export interface GlobWalkRequest {
  /** fast-glob's `cwd`: `patterns` and `ignore` are relative to it. */
  readonly cwd: string;
  readonly patterns: readonly string[];
  /** Globs of files or folders to skip (fast-glob's `ignore`). */
  readonly ignore: readonly string[];
  /** The absolute folder the walk starts in (the patterns' base). */
  readonly start: string;
  /** Ignore files above `start` are read up to this folder. */
  readonly stop: string;
  readonly dot: boolean;
  readonly follow: boolean;
  readonly rules: IgnoreRules;
  /** Replaces `fs.promises.readdir` (tests make folders unreadable with it, even as root). */
  readonly readdir?: (dir: string) => Promise<Dirent[]>;
}

interface Folder {
  readonly sources: SourceList;
  /** Real path (with `follow` only). */
  readonly real: string | undefined;
  readonly hops: number;
  readonly parent: Folder | undefined;
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? "EIO";
}

function why(code: string): string {
  return code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "vanished before it could be listed" : code;
}

type ReaddirCallback = (err: NodeJS.ErrnoException | null, entries?: Dirent[] | string[]) => void;

/** The files under `request.start` matching the patterns, and the problems met. Never throws for the file system. */
export async function globWalk(request: GlobWalkRequest): Promise<WalkedFile[]> {
  const { rules, follow } = request;
  const listDir = request.readdir ?? ((dir: string) => fsp.readdir(dir, { withFileTypes: true }));
  const problems = new Map<string, Problem>();
  const folders = new Map<string, Folder>();
  /** Entries seen as symbolic links while listing (with `follow`: folders behind them are checked for loops). */
  const links = new Set<string>();
  const above = (dir: string): Folder => ({ sources: rules.above(dir, request.stop), real: undefined, hops: 0, parent: undefined });
  /**
   * A folder fast-glob starts in without having listed its parent: `start`,
   * or the base of an include glob such as `docs/**\/*.md`. Below `start`,
   * it is skipped when it, or a folder between, is ignored.
   */
  const walkRoot = (dir: string): Folder | undefined => {
    if (dir === request.start) return above(dir);
    const rel = path.relative(request.start, dir);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return above(dir);
    let d = request.start;
    for (const name of rel.split(path.sep)) {
      d = path.join(d, name);
      if (NEVER_ENTERED.has(name) || rules.ignores(d, true, above(d).sources)) return undefined;
    }
    return above(dir);
  };

  const list = async (dir: string): Promise<Dirent[]> => {
    const parent = folders.get(path.dirname(dir)) ?? walkRoot(dir);
    if (!parent) return [];
    let real: string | undefined;
    let hops = parent.hops;
    if (follow) {
      if (links.has(dir) || parent.real === undefined) {
        try {
          real = await fsp.realpath(dir);
        } catch (err) {
          problems.set(dir, { code: "unreadable", message: `cannot read folder: ${why(errorCode(err))}: skipped` });
          return [];
        }
        if (links.has(dir)) hops++;
      } else {
        real = path.join(parent.real, path.basename(dir));
      }
      for (let up: Folder | undefined = parent; up; up = up.parent) {
        if (up.real === real) {
          problems.set(dir, { code: "symlink-loop", message: `symbolic link loop (it points back to ${path.relative(path.dirname(dir), real) || "."}): not followed` });
          return [];
        }
      }
      if (hops > MAX_LINK_HOPS) {
        problems.set(dir, { code: "symlink-loop", message: `too many levels of symbolic links (over ${MAX_LINK_HOPS}): not followed` });
        return [];
      }
    }
    let entries: Dirent[];
    try {
      entries = await listDir(dir);
    } catch (err) {
      problems.set(dir, { code: "unreadable", message: `cannot read folder: ${why(errorCode(err))}: skipped` });
      return [];
    }
    const sources = rules.enter(dir, new Set(entries.map((e) => e.name)), parent.sources);
    folders.set(dir, { sources, real, hops, parent });
    const check = rules.active(sources);
    const kept = entries.filter((e) => !NEVER_ENTERED.has(e.name) && !(check && rules.ignores(path.join(dir, e.name), e.isDirectory(), sources)));
    if (follow) for (const e of kept) if (e.isSymbolicLink()) links.add(path.join(dir, e.name));
    return kept;
  };

  const readdir = (dir: string, options: unknown, callback?: ReaddirCallback): void => {
    const done = (typeof options === "function" ? options : callback) as ReaddirCallback;
    const withTypes = typeof options === "object" && options !== null && (options as { withFileTypes?: boolean }).withFileTypes === true;
    list(path.resolve(dir)).then(
      (entries) => done(null, withTypes ? entries : entries.map((e) => e.name)),
      (err: NodeJS.ErrnoException) => done(err),
    );
  };

  const entries = await fg([...request.patterns], {
    cwd: request.cwd,
    ignore: [...request.ignore],
    dot: request.dot,
    followSymbolicLinks: follow,
    onlyFiles: false,
    objectMode: true,
    // Relative entries, resolved here: fast-glob's absolute paths turn a backslash in a
    // file name (legal on POSIX) into a separator, and the file would not be found.
    absolute: false,
    fs: { readdir: readdir as unknown as NonNullable<fg.Options["fs"]>["readdir"] },
  });

  const out: WalkedFile[] = [];
  for (const [absolutePath, problem] of problems) out.push({ absolutePath, problem, key: absolutePath, hops: 0 });
  for (const entry of entries) {
    const absolutePath = path.resolve(request.cwd, entry.path);
    if (problems.has(absolutePath) || entry.dirent.isDirectory()) continue;
    if (entry.dirent.isSymbolicLink()) {
      // Without follow, any link; with it, only those whose target could not be read.
      try {
        if ((await fsp.stat(absolutePath)).isDirectory()) continue; // a link to a folder: not followed
      } catch (err) {
        const code = errorCode(err);
        const problem =
          code === "ELOOP"
            ? { code: "symlink-loop", message: "symbolic link loop (it points back to itself): skipped" }
            : { code: "broken-link", message: `symbolic link to nothing (${code}): skipped` };
        out.push({ absolutePath, problem, key: absolutePath, hops: 0 });
        continue;
      }
    }
    const folder = folders.get(path.dirname(absolutePath));
    const key = follow && folder?.real !== undefined ? path.join(folder.real, path.basename(absolutePath)) : absolutePath;
    out.push({ absolutePath, key, hops: folder?.hops ?? 0 });
  }
  for (const p of rules.problems.splice(0)) out.push({ absolutePath: p.absolutePath, problem: { code: p.code, message: p.message }, key: p.absolutePath, hops: 0 });
  return out;
}
