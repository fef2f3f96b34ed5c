/**
 * The CI recipes in README.md "Use in CI" work as written, as far as statdup is
 * concerned: the YAML parses, and every `npx statdup check …` command in them
 * (with the CI's variables filled in) runs in a repository like the one they
 * describe and exits 0 or 1 — never 2, a usage error.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/corpus.js";
import { runCli } from "../helpers/cli.js";
import { NEWSROOM, newArticle } from "../helpers/newsroom.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const section = README.slice(README.indexOf("## Use in CI"), README.indexOf("## Configuration"));
const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** `npx statdup …` commands of the section, shell redirections and `||` tails cut, variables filled in. */
const commands = [...section.matchAll(/npx statdup ([^\n`]*)/g)].map((m) =>
  m[1]!
    .replace(/\s*(\|\||>>|#).*$/, "")
    .replace("${{ github.base_ref }}", "main")
    .replace('"$CI_MERGE_REQUEST_DIFF_BASE_SHA"', "HEAD~1")
    .trim(),
);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "statdup-readme-"));
  cpSync(NEWSROOM, path.join(dir, "content"), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "archive");
  git("update-ref", "refs/remotes/origin/main", "HEAD");
  cpSync(path.join(NEWSROOM, "archive", "2022-editorial.md"), path.join(dir, "content", "news", "copy.md"));
  execFileSync("sh", ["-c", `cat > content/news/schools-again.md <<'X'\n${newArticle()}X`], { cwd: dir });
  git("add", "-A");
  git("commit", "-q", "-m", "new articles");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README: Use in CI", () => {
  it("has a GitHub Actions workflow and a GitLab CI job that parse as YAML", () => {
    expect(yamlBlocks).toHaveLength(2);
    const [actions, gitlab] = yamlBlocks.map((y) => parse(y) as Record<string, any>);
    const steps = actions!.jobs["republished-text"].steps as { uses?: string; run?: string }[];
    expect(steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
    expect(steps.some((s) => s.run?.includes("--format github"))).toBe(true);
    expect(gitlab!.statdup.script).toContain('npx statdup check content --since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
  });

  it("its commands are recognised", () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(c).toMatch(/^check content /);
  });

  it.each(commands)("statdup %s: exits 0 or 1, never a usage error", async (command) => {
    const r = await runCli(command.split(/\s+/), { cwd: dir });
    for (const line of r.stderr.split("\n").filter((l) => l !== "")) expect(line).toMatch(/^statdup(?: check: |: wrote )/);
    expect([0, 1]).toContain(r.code);
  });
});
