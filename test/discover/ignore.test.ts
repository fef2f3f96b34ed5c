/**
 * Ignore files, table-driven as ripgrep's tests are (r16: a directory
 * pattern at any depth; r25: a rooted pattern; r30: negation), and nested
 * ignore files. Every case with only `.gitignore` files is also checked
 * against git itself (`git ls-files --others --exclude-standard`), when git is
 * installed: statdup must select exactly the files git does not ignore.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { UsageError } from "../../src/errors.js";
import { resolveOptions, type ScanOptions } from "../../src/options.js";
import { type Tree, withTree } from "../helpers/tmp.js";

interface Case {
  /** Files (ignore files included). */
  readonly files: Tree;
  /** The .txt files selected. */
  readonly expected: readonly string[];
  /** Inputs, relative to the tree (default: the tree). */
  readonly inputs?: readonly string[];
  /** Working directory, relative to the tree (default: the tree). */
  readonly cwd?: string;
  readonly options?: Pick<ScanOptions, "gitignore" | "ignoreFile" | "follow">;
  /** Folders to create (a `.git` marks a repository root). */
  readonly dirs?: readonly string[];
}

const GITIGNORE_ONLY: Record<string, Case> = {
  "r16: a directory pattern matches folders at any depth": {
    files: { ".gitignore": "ghi/\n", "ghi/toplevel.txt": "x", "def/ghi/subdir.txt": "x", "def/kept.txt": "x" },
    expected: ["def/kept.txt"],
  },
  "a directory pattern does not match a file of that name": {
    files: { ".gitignore": "notes.txt/\n", "notes.txt": "x", "sub/notes.txt/inside.txt": "x" },
    expected: ["notes.txt"],
  },
  "r25: a rooted pattern matches only beside its ignore file": {
    files: { ".gitignore": "/llvm/\n", "llvm/a.txt": "x", "src/llvm/foo.txt": "x" },
    expected: ["src/llvm/foo.txt"],
  },
  "a slash inside a pattern roots it too": {
    files: { ".gitignore": "docs/old.txt\n", "docs/old.txt": "x", "docs/new.txt": "x", "x/docs/old.txt": "x" },
    expected: ["docs/new.txt", "x/docs/old.txt"],
  },
  "r30: a negation re-includes a file": {
    files: { ".gitignore": "vendor/**\n!vendor/manifest.txt\n", "vendor/manifest.txt": "x", "vendor/other.txt": "x", "main.txt": "x" },
    expected: ["main.txt", "vendor/manifest.txt"],
  },
  "a file cannot be re-included when its folder is ignored": {
    files: { ".gitignore": "build/\n!build/keep.txt\n", "build/keep.txt": "x", "src.txt": "x" },
    expected: ["src.txt"],
  },
  "the last matching pattern of a file wins": {
    files: { ".gitignore": "*.txt\n!keep*.txt\nkeep-not.txt\n", "a.txt": "x", "keep-a.txt": "x", "keep-not.txt": "x", "sub/keep-b.txt": "x" },
    expected: ["keep-a.txt", "sub/keep-b.txt"],
  },
  "comments, blank lines and an escaped #": {
    files: { ".gitignore": "# a comment\n\n\\#hash.txt\n", "#hash.txt": "x", "# a comment": "x", "plain.txt": "x" },
    expected: ["plain.txt"],
  },
  "** between folders": {
    files: { ".gitignore": "a/**/z.txt\n", "a/z.txt": "x", "a/b/c/z.txt": "x", "b/a/z.txt": "x" },
    expected: ["b/a/z.txt"],
  },
  "nested: patterns are relative to the folder of their ignore file": {
    files: { "sub/.gitignore": "/local.txt\nnested/\n", "local.txt": "x", "sub/local.txt": "x", "sub/deeper/local.txt": "x", "sub/nested/a.txt": "x", "nested/a.txt": "x" },
    expected: ["local.txt", "nested/a.txt", "sub/deeper/local.txt"],
  },
  "nested: a deeper file's negation overrides a shallower file's pattern": {
    files: { ".gitignore": "*.draft.txt\n", "sub/.gitignore": "!special.draft.txt\n", "special.draft.txt": "x", "sub/special.draft.txt": "x", "sub/other.draft.txt": "x" },
    expected: ["sub/special.draft.txt"],
  },
  "nested: a deeper file re-includes a folder a shallower file ignores": {
    files: { ".gitignore": "build/\n", "x/.gitignore": "!build/\n", "build/a.txt": "x", "x/build/a.txt": "x", "x/build/deep/b.txt": "x" },
    expected: ["x/build/a.txt", "x/build/deep/b.txt"],
  },
  "nested: an ignore file inside an ignored folder is never read": {
    files: { ".gitignore": "out/\n", "out/.gitignore": "!*\n", "out/a.txt": "x", "in.txt": "x" },
    expected: ["in.txt"],
  },
  "nested: a deeper file ignores what a shallower file re-included": {
    files: { ".gitignore": "*.txt\n!*.keep.txt\n", "sub/.gitignore": "b.keep.txt\n", "a.keep.txt": "x", "sub/b.keep.txt": "x", "sub/c.keep.txt": "x", "sub/d.txt": "x" },
    expected: ["a.keep.txt", "sub/c.keep.txt"],
  },
};

const MORE: Record<string, Case> = {
  ".statdupignore is honoured, in gitignore syntax": {
    files: { ".statdupignore": "wire/\n/top.txt\n", "wire/a.txt": "x", "top.txt": "x", "sub/top.txt": "x" },
    expected: ["sub/top.txt"],
  },
  ".statdupignore is honoured with --no-gitignore, .gitignore is not": {
    files: { ".statdupignore": "wire/\n", ".gitignore": "drafts/\n", "wire/a.txt": "x", "drafts/b.txt": "x", "c.txt": "x" },
    options: { gitignore: false },
    expected: ["c.txt", "drafts/b.txt"],
  },
  ".statdupignore wins over .gitignore in the same folder": {
    files: { ".gitignore": "drafts/\n", ".statdupignore": "!drafts/\n", "drafts/a.txt": "x" },
    expected: ["drafts/a.txt"],
  },
  "a nested .statdupignore is relative to its folder": {
    files: { "sub/.statdupignore": "/x.txt\n", "x.txt": "x", "sub/x.txt": "x", "sub/deeper/x.txt": "x" },
    expected: ["sub/deeper/x.txt", "x.txt"],
  },
  "--ignore-file: patterns relative to its folder": {
    files: { "rules/extra-ignore": "/x.txt\n*.tmp.txt\n", "x.txt": "x", "rules/x.txt": "x", "rules/deep/a.tmp.txt": "x", "a.tmp.txt": "x" },
    options: { ignoreFile: ["rules/extra-ignore"] },
    expected: ["a.tmp.txt", "x.txt"],
  },
  "--ignore-file comes last: a .gitignore negation wins over it": {
    files: { "extra-ignore": "a.txt\nb.txt\n", ".gitignore": "!a.txt\n", "a.txt": "x", "b.txt": "x", "c.txt": "x" },
    options: { ignoreFile: ["extra-ignore"] },
    expected: ["a.txt", "c.txt"],
  },
  "--ignore-file applies with --no-gitignore": {
    files: { "extra-ignore": "b.txt\n", ".gitignore": "a.txt\n", "a.txt": "x", "b.txt": "x" },
    options: { ignoreFile: ["extra-ignore"], gitignore: false },
    expected: ["a.txt"],
  },
  "a file named on the command line is read even when ignored": {
    files: { ".gitignore": "a.txt\nsecret/\n", "a.txt": "x", "secret/b.txt": "x", "c.txt": "x" },
    inputs: ["a.txt", "secret/b.txt", "c.txt"],
    expected: ["a.txt", "c.txt", "secret/b.txt"],
  },
  "a folder named on the command line is walked even when ignored, its own rules still apply inside": {
    files: { ".gitignore": "archive/\n*.bak.txt\n", "archive/a.txt": "x", "archive/a.bak.txt": "x", "b.txt": "x" },
    inputs: ["archive"],
    expected: ["a.txt"],
  },
  "a glob honours ignore files, also those above its base": {
    files: { ".gitignore": "drafts/\n", "content/.gitignore": "*.old.txt\n", "content/a.txt": "x", "content/a.old.txt": "x", "content/drafts/b.txt": "x", "content/x.md": "x" },
    inputs: ["content/**/*.txt"],
    expected: ["content/a.txt"],
  },
  "ignore files above the folder given are read up to the repository root": {
    files: { ".gitignore": "drafts/\n", "content/a.txt": "x", "content/drafts/b.txt": "x" },
    dirs: [".git"],
    cwd: "content",
    inputs: ["."],
    expected: ["a.txt"],
  },
  "outside a repository, not above the working directory": {
    files: { ".gitignore": "drafts/\n", "content/a.txt": "x", "content/drafts/b.txt": "x" },
    cwd: "content",
    inputs: ["."],
    expected: ["a.txt", "drafts/b.txt"],
  },
  "a .gitignore folder is no ignore file": {
    files: { ".gitignore/x": "a.txt", "a.txt": "x" },
    expected: ["a.txt"],
  },
  "gitignore rules apply to the path walked, with --follow too": {
    files: { ".gitignore": "skip/\n", "real/a.txt": "x", "real/skip/b.txt": "x" },
    options: { follow: true },
    expected: ["real/a.txt"],
  },
};

async function select(dir: string, c: Case): Promise<string[]> {
  const cwd = path.join(dir, c.cwd ?? ".");
  const o = resolveOptions({ inputs: [...(c.inputs ?? [dir])], cwd, ...c.options });
  return (await discover(o)).map((f) => (f.problem ? `${f.path} !${f.problem.code}` : f.path)).filter((p) => p.endsWith(".txt"));
}

const git = spawnSync("git", ["--version"]).status === 0;
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };

/** What git leaves untracked and not ignored, .txt only, sorted as statdup sorts. */
function gitSelects(dir: string): string[] {
  spawnSync("git", ["init", "-q"], { cwd: dir, env: gitEnv });
  const out = spawnSync("git", ["ls-files", "--others", "--exclude-standard", "-z"], { cwd: dir, env: gitEnv, encoding: "utf8" });
  return out.stdout
    .split("\0")
    .filter((p) => p.endsWith(".txt"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe(".gitignore, as git reads it", () => {
  it.each(Object.entries(GITIGNORE_ONLY))("%s", async (_name, c) => {
    await withTree(c.files, async (dir) => {
      expect(await select(dir, c)).toEqual(c.expected);
      if (git) expect(gitSelects(dir)).toEqual(c.expected);
    });
  });

  it("--no-gitignore reads what .gitignore files exclude", async () => {
    const files = { ".gitignore": "a.txt\nsub/\n", "a.txt": "x", "sub/b.txt": "x", "sub/.gitignore": "*\n" };
    await withTree(files, async (dir) => {
      expect(await select(dir, { files, expected: [], options: { gitignore: false } })).toEqual(["a.txt", "sub/b.txt"]);
    });
  });
});

describe(".statdupignore, --ignore-file, and inputs named explicitly", () => {
  it.each(Object.entries(MORE))("%s", async (_name, c) => {
    await withTree(c.files, async (dir) => {
      for (const d of c.dirs ?? []) mkdirSync(path.join(dir, d), { recursive: true });
      if (c.options?.follow) {
        const { symlinkSync } = await import("node:fs");
        symlinkSync("real", path.join(dir, "link"));
      }
      expect(await select(dir, c)).toEqual(c.expected);
    });
  });

  it("an --ignore-file that does not exist is a usage error", async () => {
    await withTree({ "a.txt": "x" }, async (dir) => {
      await expect(discover(resolveOptions({ inputs: [dir], cwd: dir, ignoreFile: ["nope"] }))).rejects.toBeInstanceOf(UsageError);
    });
  });
});
