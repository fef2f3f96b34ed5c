/**
 * Discover: expand the inputs (folders, files, globs, "-" for standard input)
 * into a sorted list of files, with the paths users see.
 *
 * Paths are relative to the folder given when there is exactly one folder
 * argument, else to the working directory, always with `/` separators.
 * Folders are walked by walk.ts (`.git` and `node_modules` never entered,
 * symbolic link loops reported, not followed). A file named explicitly is read
 * whatever its extension. Order is by path (code units), so the same tree
 * gives the same order on every machine.
 *
 * Problems found here (a link loop, a folder that cannot be listed, a broken
 * link named explicitly) become entries with a `problem`, which the read stage
 * reports like any unreadable file: discover itself only fails (UsageError,
 * exit 2) for an input that does not exist.
 */
import { lstatSync, statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { UsageError } from "../errors.js";
import type { SourceFile } from "../model.js";
import { walk } from "./walk.js";

export interface DiscoverRequest {
  readonly inputs: readonly string[];
  readonly cwd: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

function toSlash(p: string): string {
  return p.split(path.sep).join("/");
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

/** Expand inputs to files; a path that does not exist is a usage error (exit 2). */
export async function discover(request: DiscoverRequest): Promise<SourceFile[]> {
  const { cwd, include, exclude } = request;
  const folders = request.inputs.filter((i) => i !== "-" && kindOf(path.resolve(cwd, i)) === "dir");
  const base = request.inputs.length === 1 && folders.length === 1 ? path.resolve(cwd, folders[0]!) : cwd;
  const found = new Map<string, SourceFile>();
  const add = (absolute: string, problem?: SourceFile["problem"]): void => {
    const rel = toSlash(path.relative(base, absolute)) || path.basename(absolute);
    if (!found.has(absolute)) found.set(absolute, { path: rel, absolutePath: absolute, ...(problem ? { problem } : {}) });
  };

  for (const input of request.inputs) {
    if (input === "-") {
      found.set("-", { path: "-", absolutePath: "-" });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    const kind = kindOf(absolute);
    if (kind === "dir") {
      for (const e of await walk({ root: absolute, include, exclude })) add(e.absolutePath, e.problem);
    } else if (kind === "file" || kind === "other") {
      add(absolute); // named explicitly: read it whatever its extension; read reports non-files
    } else if (kind === "broken") {
      add(absolute, { code: "broken-link", message: "symbolic link to nothing: skipped" });
    } else if (picomatch.scan(toSlash(input)).isGlob) {
      const { base: globBase, glob } = picomatch.scan(toSlash(input));
      const root = path.resolve(cwd, globBase || ".");
      if (kindOf(root) !== "dir") continue;
      const prefix = globBase ? toSlash(path.relative(cwd, root)) + "/" : "";
      for (const e of await walk({ root, include: [glob], exclude, excludePrefix: prefix === "/" ? "" : prefix })) add(e.absolutePath, e.problem);
    } else {
      throw new UsageError(`${input}: no such file or directory`);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
