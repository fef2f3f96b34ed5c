/**
 * Discover: fast-glob walks, default extensions, excludes, globs, dotfiles,
 * symbolic links (not followed by default; with --follow, loops reported and
 * each file read once), and problems (unreadable folders, broken links)
 * handed on as entries instead of thrown. Ignore files: ignore.test.ts.
 */
import { chmodSync, mkdirSync, symlinkSync, type Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { MAX_LINK_HOPS } from "../../src/discover/glob-walk.js";
import { UsageError } from "../../src/errors.js";
import { resolveOptions, type ScanOptions } from "../../src/options.js";
import { IS_ROOT, mkfifoSync } from "../input/support.js";
import { type Tree, withTree } from "../helpers/tmp.js";

type Extra = Pick<ScanOptions, "exclude" | "include" | "dot" | "follow" | "gitignore" | "ignoreFile"> & { readdir?: (dir: string) => Promise<Dirent[]> };

async function found(files: Tree, setup: (dir: string) => void, inputs: (dir: string) => string[], options: Extra = {}) {
  const { readdir: list, ...scanOptions } = options;
  return withTree(files, async (dir) => {
    setup(dir);
    const o = resolveOptions({ inputs: inputs(dir), cwd: dir, ...scanOptions });
    const result = await discover({ ...o, ...(list ? { readdir: list } : {}) });
    return result.map((f) => (f.problem ? `${f.path} !${f.problem.code}` : f.path));
  });
}

describe("discover", () => {
  it("reads the default extensions, skips others, .git, node_modules and dot folders", async () => {
    const list = await found(
      {
        "a.txt": "x",
        "b.MD": "x",
        "c.markdown": "x",
        "d.html": "x",
        "e.htm": "x",
        "f.jsonl": "x",
        "g.ndjson": "x",
        "h.json": "x",
        "i.pdf": "x",
        ".git/j.txt": "x",
        "node_modules/k.txt": "x",
        ".cache/l.txt": "x",
        "sub/m.txt": "x",
      },
      () => undefined,
      (dir) => [dir],
    );
    // Globs are case-sensitive, as fast-glob's were: b.MD needs --include.
    expect(list).toEqual(["a.txt", "c.markdown", "d.html", "e.htm", "f.jsonl", "g.ndjson", "sub/m.txt"]);
  });

  const links = (dir: string): void => {
    symlinkSync("..", path.join(dir, "a", "up"));
    symlinkSync(path.join(dir, ".shared"), path.join(dir, "a", "elsewhere"));
    symlinkSync("../other", path.join(dir, "a", "again"));
    symlinkSync("a/x.txt", path.join(dir, "linked.txt"));
    symlinkSync("self.txt", path.join(dir, "self.txt"));
    symlinkSync("missing.txt", path.join(dir, "dangling.txt"));
    symlinkSync("missing.bin", path.join(dir, "dangling.bin"));
  };
  const linkTree = { "a/x.txt": "x", "other/y.txt": "y", ".shared/z.txt": "z" };

  it.skipIf(path.sep === "\\")("finds a file with a backslash in its name (legal on POSIX) under that name", async () => {
    expect(await found({ "a\\b.txt": "x", "sub/c\\d.md": "y" }, () => {}, (dir) => [dir])).toEqual(["a\\b.txt", "sub/c\\d.md"]);
  });

  it("does not follow links to folders by default, reads links to files, and reports broken links and link loops", async () => {
    // Was (walk.ts, links always followed): a/elsewhere/… listed and a/up reported as a loop.
    expect(await found(linkTree, links, (dir) => [dir])).toEqual(["a/x.txt", "dangling.txt !broken-link", "linked.txt", "other/y.txt", "self.txt !symlink-loop"]);
  });

  it("with --follow: follows links to folders, reports a link back to an ancestor as a loop, and reads each file once", async () => {
    expect(await found(linkTree, links, (dir) => [dir], { follow: true })).toEqual([
      "a/elsewhere/z.txt", // .shared is a dot folder: only reached through the link
      "a/up !symlink-loop",
      "a/x.txt",
      "dangling.txt !broken-link",
      "linked.txt",
      "other/y.txt", // also a/again/y.txt: the path through no link is kept
      "self.txt !symlink-loop",
    ]);
  });

  it("with --follow: a loop through two links, and a chain of more than MAX_LINK_HOPS links, are not followed", async () => {
    const loop = await found(
      { "p/a.txt": "a", "q/b.txt": "b" },
      (dir) => {
        symlinkSync("../q", path.join(dir, "p", "to-q"));
        symlinkSync("../p", path.join(dir, "q", "to-p"));
      },
      (dir) => [path.join(dir, "p")],
      { follow: true },
    );
    expect(loop).toEqual(["a.txt", "to-q/b.txt", "to-q/to-p !symlink-loop"]);

    const n = MAX_LINK_HOPS + 2;
    const chain: Record<string, string> = {};
    for (let i = 0; i <= n; i++) chain[`.d${i}/f${i}.txt`] = "x";
    const list = await found(
      chain,
      (dir) => {
        for (let i = 0; i < n; i++) symlinkSync(`../.d${i + 1}`, path.join(dir, `.d${i}`, "next"));
      },
      (dir) => [path.join(dir, ".d0")],
      { follow: true },
    );
    const deepest = Array.from({ length: MAX_LINK_HOPS + 1 }, () => "next").join("/");
    expect(list).toContain(`${deepest} !symlink-loop`);
    expect(list.filter((p) => !p.includes("!"))).toHaveLength(MAX_LINK_HOPS + 1);
  });

  it("reports a folder that cannot be listed, and reads everything else", async () => {
    const files = { "a.txt": "x", "locked/b.txt": "x", "open/c.txt": "x", "open/locked/d.txt": "x" };
    const denied = async (dir: string): Promise<Dirent[]> => {
      if (path.basename(dir) === "locked") throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      return readdir(dir, { withFileTypes: true });
    };
    expect(await found(files, () => undefined, (dir) => [dir], { readdir: denied })).toEqual(["a.txt", "locked !unreadable", "open/c.txt", "open/locked !unreadable"]);
  });

  it.skipIf(IS_ROOT)("reports a folder without read permission (not as root, who reads it)", async () => {
    const list = await withTree({ "a.txt": "x", "locked/b.txt": "x" }, async (dir) => {
      chmodSync(path.join(dir, "locked"), 0o000);
      try {
        return (await discover(resolveOptions({ inputs: [dir], cwd: dir }))).map((f) => (f.problem ? `${f.path} !${f.problem.code}` : f.path));
      } finally {
        chmodSync(path.join(dir, "locked"), 0o755);
      }
    });
    expect(list).toEqual(["a.txt", "locked !unreadable"]);
  });

  it("reads dotfiles and dot folders only with --dot, and never .git", async () => {
    const files = { "a.txt": "x", ".hidden.txt": "x", ".cache/b.txt": "x", ".git/c.txt": "x", "sub/.d/e.txt": "x" };
    expect(await found(files, () => undefined, (dir) => [dir])).toEqual(["a.txt"]);
    expect(await found(files, () => undefined, (dir) => [dir], { dot: true })).toEqual([".cache/b.txt", ".hidden.txt", "a.txt", "sub/.d/e.txt"]);
    expect(await found(files, () => undefined, (dir) => [dir], { include: [".cache/*.txt"] })).toEqual([".cache/b.txt"]);
  });

  it("walks a folder named like a file, and returns a FIFO for read to report", async () => {
    const list = await found(
      { "x.txt/inside.txt": "x" },
      (dir) => {
        mkfifoSync(path.join(dir, "pipe.txt"));
      },
      (dir) => [dir],
    );
    expect(list.filter((p) => p !== "pipe.txt")).toEqual(["x.txt/inside.txt"]);
  });

  it("honours --exclude for files and folders, and --include", async () => {
    const files = { "keep.txt": "x", "drafts/a.txt": "x", "old.txt": "x", "deep/drafts/b.txt": "x", "notes.rst": "x" };
    expect(await found(files, () => undefined, (dir) => [dir], { exclude: ["drafts", "old.txt"] })).toEqual(["deep/drafts/b.txt", "keep.txt"]);
    expect(await found(files, () => undefined, (dir) => [dir], { exclude: ["**/drafts"] })).toEqual(["keep.txt", "old.txt"]);
    expect(await found(files, () => undefined, (dir) => [dir], { include: ["**/*.rst"] })).toEqual(["notes.rst"]);
    expect(await found(files, () => undefined, (dir) => [dir], { include: ["./**/*.rst"], exclude: ["./drafts/"] })).toEqual(["notes.rst"]);
  });

  it("expands globs relative to the working directory, and names files explicitly whatever their extension", async () => {
    const files = { "archive/2020/a.md": "x", "archive/2021/b.md": "x", "archive/c.txt": "x", "notes": "x" };
    expect(await found(files, () => undefined, () => ["archive/**/*.md"])).toEqual(["archive/2020/a.md", "archive/2021/b.md"]);
    expect(await found(files, () => undefined, () => ["notes", "archive/c.txt"])).toEqual(["archive/c.txt", "notes"]);
    expect(await found(files, () => undefined, () => ["nothing/**/*.md"])).toEqual([]);
  });

  it("reports an explicitly named broken link, and fails only for an input that does not exist", async () => {
    const list = await found({}, (dir) => symlinkSync("gone.txt", path.join(dir, "link.txt")), () => ["link.txt"]);
    expect(list).toEqual(["link.txt !broken-link"]);
    await expect(found({}, () => undefined, () => ["missing.txt"])).rejects.toBeInstanceOf(UsageError);
  });

  it("lists every file of a wide and deep tree once, in path order", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`d${i % 3}/e${i % 5}/f${i}.txt`] = "x";
    const list = await found(files, (dir) => mkdirSync(path.join(dir, "empty")), (dir) => [dir]);
    expect(list).toHaveLength(30);
    expect([...list].sort()).toEqual(list);
  });
});
