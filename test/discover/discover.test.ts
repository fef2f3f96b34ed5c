/**
 * Discover: folders walked once each (symbolic link loops reported, not
 * followed), default extensions, excludes, globs, dot folders, and problems
 * handed on as entries instead of thrown.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { UsageError } from "../../src/errors.js";
import { resolveOptions } from "../../src/options.js";
import { mkfifoSync } from "../input/support.js";
import { type Tree, withTree } from "../helpers/tmp.js";

async function found(files: Tree, setup: (dir: string) => void, inputs: (dir: string) => string[], options: { exclude?: string[]; include?: string[] } = {}) {
  return withTree(files, async (dir) => {
    setup(dir);
    const o = resolveOptions({ inputs: inputs(dir), cwd: dir, ...options });
    const list = await discover(o);
    return list.map((f) => (f.problem ? `${f.path} !${f.problem.code}` : f.path));
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

  it("follows a link to a folder once, and reports a link back to an ancestor as a loop", async () => {
    const list = await found(
      { "a/x.txt": "x", "other/y.txt": "y" },
      (dir) => {
        symlinkSync("..", path.join(dir, "a", "up"));
        symlinkSync(path.join(dir, "other"), path.join(dir, "a", "elsewhere"));
        symlinkSync("self.txt", path.join(dir, "self.txt"));
        symlinkSync("missing.txt", path.join(dir, "dangling.txt"));
        symlinkSync("missing.bin", path.join(dir, "dangling.bin"));
      },
      (dir) => [dir],
    );
    expect(list).toEqual([
      "a/elsewhere/y.txt",
      "a/up !symlink-loop",
      "a/x.txt",
      "dangling.txt !broken-link",
      "other/y.txt",
      "self.txt !symlink-loop",
    ]);
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
