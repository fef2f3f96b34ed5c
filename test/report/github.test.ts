/**
 * `--format github`: every line is a workflow command in GitHub's grammar
 * (`::level key=value,…::message`), with the runner's escaping: `%`, CR and LF
 * in the message; also `:` and `,` in property values. Unescaping gives back
 * the file name and message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../src/report/github.js";
import { runCli } from "../helpers/cli.js";
import { makeNewsroom, newArticle, removeNewsroom } from "../helpers/newsroom.js";

/** A workflow command: no raw CR/LF anywhere; no raw `,` or `:` inside a property value. */
const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;
/** After escaping, `%` only starts one of the escapes the runner decodes. */
const ESCAPES_ONLY = /^(?:[^%]|%25|%0D|%0A|%3A|%2C)*$/;

function unescape(s: string): string {
  return s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

function parse(line: string): { level: string; props: Record<string, string>; message: string } {
  const m = COMMAND.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const props = Object.fromEntries(m[2]!.split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), unescape(kv.slice(kv.indexOf("=") + 1))]));
  return { level: m[1]!, props, message: unescape(m[3]!) };
}

describe("escaping (GitHub's toCommandValue / escapeProperty)", () => {
  it.each([
    ["100%", "100%25", "100%25"],
    ["a\r\nb", "a%0D%0Ab", "a%0D%0Ab"],
    ["a: b, c", "a: b, c", "a%3A b%2C c"],
    ["%3A literal", "%253A literal", "%253A literal"],
  ])("%j", (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
    expect(unescape(escapeProperty(raw))).toBe(raw);
  });
});

describe("check --format github", () => {
  let dir: string;
  let lines: string[];
  let code: number;

  beforeAll(async () => {
    dir = makeNewsroom({ "newsroom/news/50%, off: the schools.md": newArticle() });
    const r = await runCli(["check", "newsroom", "--format", "github"], { cwd: dir });
    code = r.code;
    lines = r.stdout.split("\n").filter((l) => l !== "");
    expect(r.stderr).toMatch(/^statdup check: failed: 2 document pairs/);
  });

  afterAll(() => removeNewsroom(dir));

  it("every line follows the workflow-command grammar", () => {
    expect(code).toBe(1);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(COMMAND);
      const m = COMMAND.exec(line)!;
      expect(m[2]).toMatch(ESCAPES_ONLY);
      expect(m[3]).toMatch(ESCAPES_ONLY);
    }
  });

  it("annotates the copy, file relative to the working directory, with its lines and a title", () => {
    const parsed = lines.map(parse);
    const copy = parsed.find((p) => p.props.file === "newsroom/news/50%, off: the schools.md");
    expect(copy).toBeDefined();
    expect(copy!.level).toBe("error");
    expect(copy!.props).toMatchObject({ line: "5", endLine: "5", title: "statdup: republished text" });
    expect(copy!.message).toContain("4 passages republished from newsroom/archive/2022-editorial.md");
    expect(copy!.message).toContain("Fails the check");
  });

  it("prints nothing when the check passes", async () => {
    const r = await runCli(["check", "newsroom/archive", "--format", "github"], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(r.stderr).toMatch(/^statdup check: passed/);
  });

  it("scan writes warnings", async () => {
    const r = await runCli(["scan", "newsroom", "--format", "github"], { cwd: dir });
    expect(r.code).toBe(0);
    const parsed = r.stdout.trimEnd().split("\n").map(parse);
    expect(parsed.map((p) => p.level)).toEqual(["warning", "warning"]);
  });
});
