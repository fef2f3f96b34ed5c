/**
 * `--since REF`: the files changed since a Git revision, as a pull-request
 * check sees them. That is `git diff --name-only REF` (committed and uncommitted
 * changes of tracked files, compared with REF's tree) plus untracked files that
 * are not ignored (a new article not yet added), run in the repository of the
 * working directory. Returned as absolute paths. Any git failure (no
 * repository, unknown revision, git missing) is a UsageError (exit 2) that says
 * what git said.
 */
import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";

function git(args: readonly string[], cwd: string, ref: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const code = (err as NodeJS.ErrnoException).code;
      const said = String(stderr).trim().split(/\r?\n/)[0] || err.message;
      const why = code === "ENOENT" ? "git is not installed (or not on PATH)" : `git ${args[0]} failed: ${said}`;
      reject(new UsageError(`--since ${ref}: ${why}`, { cause: err }));
    });
  });
}

function names(out: string): string[] {
  return out.split("\u0000").filter((n) => n.length > 0);
}

export async function gitChangedFiles(ref: string, cwd: string): Promise<string[]> {
  if (ref.startsWith("-")) throw new UsageError(`--since ${ref}: not a Git revision`);
  const top = (await git(["rev-parse", "--show-toplevel"], cwd, ref)).trim();
  const [diff, untracked] = await Promise.all([
    git(["diff", "--name-only", "-z", ref, "--"], top, ref),
    git(["ls-files", "--others", "--exclude-standard", "-z"], top, ref),
  ]);
  // git answers with real paths; map them back under the working directory as given
  // (which may go through a symbolic link, as /tmp does on macOS).
  const realCwd = realpathSync(cwd);
  const files = new Set(
    [...names(diff), ...names(untracked)].map((n) => path.resolve(cwd, path.relative(realCwd, path.resolve(top, ...n.split("/"))))),
  );
  return [...files].sort();
}
