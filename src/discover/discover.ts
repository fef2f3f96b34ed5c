/**
 * Discover: expand the inputs (folders, files, globs, "-" for standard input)
 * into a sorted list of files, with the paths users see.
 *
 * Paths are relative to the folder given when there is exactly one folder
 * argument, else to the working directory, always with `/` separators.
 * `.git` and `node_modules` are never entered. Order is by path (code units),
 * so the same tree gives the same order on every machine.
 */
import { statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { UsageError } from "../errors.js";
import type { SourceFile } from "../model.js";

const ALWAYS_SKIPPED = ["**/.git/**", "**/node_modules/**"];

export interface DiscoverRequest {
  readonly inputs: readonly string[];
  readonly cwd: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

function toSlash(p: string): string {
  return p.split(path.sep).join("/");
}

function kindOf(absolute: string): "file" | "dir" | "other" | "missing" {
  try {
    const st = statSync(absolute);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

/** Expand inputs to files; a path that does not exist is a usage error (exit 2). */
export async function discover(request: DiscoverRequest): Promise<SourceFile[]> {
  const { cwd, include, exclude } = request;
  const ignore = [...ALWAYS_SKIPPED, ...exclude.flatMap((e) => [e, `${e.replace(/\/+$/, "")}/**`])];
  const folders = request.inputs.filter((i) => i !== "-" && kindOf(path.resolve(cwd, i)) === "dir");
  const base = request.inputs.length === 1 && folders.length === 1 ? path.resolve(cwd, folders[0]!) : cwd;
  const found = new Map<string, SourceFile>();
  const add = (absolute: string): void => {
    const rel = toSlash(path.relative(base, absolute)) || path.basename(absolute);
    if (!found.has(absolute)) found.set(absolute, { path: rel, absolutePath: absolute });
  };

  for (const input of request.inputs) {
    if (input === "-") {
      found.set("-", { path: "-", absolutePath: "-" });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    const kind = kindOf(absolute);
    if (kind === "dir") {
      const entries = await fg([...include], { cwd: absolute, ignore, onlyFiles: true, dot: false, followSymbolicLinks: true, suppressErrors: true, absolute: true });
      for (const e of entries) add(path.normalize(e));
    } else if (kind === "file" || kind === "other") {
      add(absolute); // named explicitly: read it whatever its extension; read reports non-files
    } else if (fg.isDynamicPattern(toSlash(input))) {
      const entries = await fg(toSlash(input), { cwd, ignore, onlyFiles: true, dot: false, suppressErrors: true, absolute: true });
      for (const e of entries) add(path.normalize(e));
    } else {
      throw new UsageError(`${input}: no such file or directory`);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
