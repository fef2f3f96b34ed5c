/**
 * Ignore rules, all in this one module (fast-glob never reads `.gitignore`):
 *
 * - `.gitignore` files, unless `--no-gitignore`;
 * - `.statdupignore` files (gitignore syntax), always;
 * - `--ignore-file FILE` (repeatable), gitignore syntax.
 *
 * Patterns are relative to the folder holding the ignore file, as in git:
 * `/x` is rooted there, `dir/` matches folders only, `!x` re-includes, a
 * pattern without a slash matches at any depth below that folder. The
 * matching of one file's patterns is the `ignore` package (the gitignore
 * implementation ESLint and others use); which file wins is decided here, as
 * git and ripgrep do:
 *
 *   a deeper folder's file before a shallower one's; in one folder,
 *   `.statdupignore` before `.gitignore`; `--ignore-file` files last;
 *   the first file with a pattern matching the path (ignoring or `!`
 *   re-including) decides; within a file, its last matching pattern.
 *
 * A path is matched on its own, never through its parents: the walk prunes an
 * ignored folder before listing it (so nothing under it can be re-included,
 * as in git), and a folder the user names as an input is walked even if an
 * ignore file above it names it. Ignore files are read from the folders being
 * walked and from the folders above the walk's start, up to the repository
 * root (the nearest folder with `.git`), else up to the working directory.
 *
 * Case: as git's `core.ignorecase` defaults, case-insensitive on macOS and
 * Windows, case-sensitive elsewhere.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { UsageError } from "../errors.js";

export const GITIGNORE = ".gitignore";
export const STATDUPIGNORE = ".statdupignore";

/** A problem found while reading ignore files (an unreadable one): reported, the scan goes on. */
export interface IgnoreProblem {
  readonly absolutePath: string;
  readonly code: string;
  readonly message: string;
}

/** One ignore file: its rules, and the folder its patterns are relative to. */
export interface IgnoreSource {
  readonly dir: string;
  readonly file: string;
  readonly rules: Ignore;
  /** `dir` with a trailing separator. */
  readonly prefix: string;
  /**
   * By parent folder (relative, no trailing slash; see `ownMatch`): the rules
   * with that folder and those above it re-included, or null when this file
   * ignores none of them.
   */
  readonly unblocked: Map<string, Ignore | null>;
}

/** The ignore files that apply inside one folder, highest precedence first. */
export type SourceList = readonly IgnoreSource[];

export interface IgnoreRulesOptions {
  /** Honour `.gitignore` files (default true). */
  readonly gitignore?: boolean;
  /** More ignore files (`--ignore-file`), absolute or relative to `cwd`. */
  readonly ignoreFiles?: readonly string[];
  readonly cwd: string;
  /** Override the platform default (tests). */
  readonly ignoreCase?: boolean;
}

const IGNORE_CASE = process.platform === "darwin" || process.platform === "win32";

function toSlash(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

/** A folder path as a rooted gitignore pattern that names exactly it. */
function literalDirPattern(relDir: string): string {
  return "!/" + relDir.replace(/[\\*?[\]]/g, "\\$&") + "/";
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

export class IgnoreRules {
  readonly gitignore: boolean;
  /** Unreadable ignore files found so far. */
  readonly problems: IgnoreProblem[] = [];
  private readonly ignoreCase: boolean;
  private readonly extra: IgnoreSource[] = [];
  /** A folder's own ignore files, by folder. */
  private readonly own = new Map<string, SourceList>();

  constructor(options: IgnoreRulesOptions) {
    this.gitignore = options.gitignore ?? true;
    this.ignoreCase = options.ignoreCase ?? IGNORE_CASE;
    for (const given of options.ignoreFiles ?? []) {
      const file = path.resolve(options.cwd, given);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UsageError(`--ignore-file ${given}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot read (${code ?? "error"})`}`, { cause: err });
      }
      this.extra.push(this.source(path.dirname(file), file, text));
    }
  }

  private source(dir: string, file: string, text: string): IgnoreSource {
    const rules = ignore({ ignoreCase: this.ignoreCase }).add(text.replace(/^\uFEFF/, ""));
    return { dir, file, rules, prefix: dir.endsWith(path.sep) ? dir : dir + path.sep, unblocked: new Map() };
  }

  /** Read `dir`'s own ignore files; `names` lists the folder's entries when known (saves failed reads). */
  private ownSources(dir: string, names?: ReadonlySet<string>): SourceList {
    const known = this.own.get(dir);
    if (known) return known;
    const list: IgnoreSource[] = [];
    for (const name of this.gitignore ? [STATDUPIGNORE, GITIGNORE] : [STATDUPIGNORE]) {
      if (names && !names.has(name)) continue;
      const file = path.join(dir, name);
      try {
        list.push(this.source(dir, file, readFileSync(file, "utf8")));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") continue;
        this.problems.push({ absolutePath: file, code: "unreadable", message: `cannot read ignore file (${code ?? "error"}): its rules are not applied` });
      }
    }
    this.own.set(dir, list);
    return list;
  }

  /**
   * The sources that apply to the entries of `dir`, a folder being listed
   * (`names`: its entries), given those of the folder it was reached from.
   */
  enter(dir: string, names: ReadonlySet<string>, parent: SourceList): SourceList {
    const own = this.ownSources(dir, names);
    return own.length === 0 ? parent : [...own, ...parent];
  }

  /**
   * The sources that apply inside `dir` from the folders above it, up to
   * `stop` (included); nothing when `dir` is not below `stop`.
   */
  above(dir: string, stop: string): SourceList {
    if (!isInside(stop, dir)) return [];
    const folders: string[] = [];
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      folders.push(d);
      if (d === stop || path.dirname(d) === d) break;
    }
    let chain: SourceList = [];
    for (const d of folders.reverse()) {
      const own = this.ownSources(d);
      if (own.length > 0) chain = [...own, ...chain];
    }
    return chain;
  }

  /**
   * One source's verdict on `rel` itself, not through its parents: the
   * `ignore` package answers "ignored" for everything under an ignored
   * folder, so when a parent is ignored by this file (the walk got there
   * because a deeper file re-included it, or the user named it), the same
   * rules are asked again with those parents re-included. Whether a parent is
   * ignored is the same for every entry of a folder: it is worked out once
   * per folder, and the entries of a blocked folder go straight to the rules
   * that re-include it (the plain rules could only say "ignored").
   */
  private ownMatch(source: IgnoreSource, rel: string): { ignored: boolean; unignored: boolean } {
    const end = rel.endsWith("/") ? rel.length - 1 : rel.length;
    const slash = rel.lastIndexOf("/", end - 1);
    if (slash < 0) return source.rules.test(rel);
    const parentDir = rel.slice(0, slash);
    let rules = source.unblocked.get(parentDir);
    if (rules === undefined) {
      const prefixes: string[] = [];
      let blocked = false;
      for (let i = rel.indexOf("/"); i !== -1 && i <= slash; i = rel.indexOf("/", i + 1)) {
        const prefix = rel.slice(0, i);
        prefixes.push(prefix);
        if (source.rules.test(prefix + "/").ignored) blocked = true;
      }
      rules = blocked ? ignore({ ignoreCase: this.ignoreCase }).add(source.rules).add(prefixes.map(literalDirPattern)) : null;
      source.unblocked.set(parentDir, rules);
    }
    return (rules ?? source.rules).test(rel);
  }

  /** Is `absolute` (a folder when `isDir`) ignored by `chain` or the `--ignore-file` files? */
  ignores(absolute: string, isDir: boolean, chain: SourceList): boolean {
    for (const list of [chain, this.extra]) {
      for (const source of list) {
        if (list === this.extra && !isInside(source.dir, absolute)) continue;
        // Paths here are absolute and normalized: below the source's folder, the relative path is the rest.
        const below = absolute.startsWith(source.prefix) && absolute.length > source.prefix.length;
        const rel = (below ? toSlash(absolute.slice(source.prefix.length)) : toSlash(path.relative(source.dir, absolute))) + (isDir ? "/" : "");
        const verdict = this.ownMatch(source, rel);
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
    }
    return false;
  }

  /** Whether any rule could apply under a folder with this chain. */
  active(chain: SourceList): boolean {
    return chain.length > 0 || this.extra.length > 0;
  }
}
