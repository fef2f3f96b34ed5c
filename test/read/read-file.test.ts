/**
 * Reading one whole file: every way it can fail is a ScanError with a code,
 * never an exception, and nothing blocks (a FIFO named like a text file).
 */
import { chmodSync, utimesSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSource, type ReadOutcome } from "../../src/read/read-file.js";
import { IS_ROOT, mkfifoSync } from "../input/support.js";
import { withTree } from "../helpers/tmp.js";

const settings = { maxFileSize: 100 };

function codeOf(out: ReadOutcome): string {
  return out.ok ? (out.warning?.code ?? "ok") : out.error.code;
}

describe("readSource", () => {
  it("reads a file, with its modification time", async () => {
    await withTree({ "a.txt": "héllo\n" }, async (dir) => {
      utimesSync(`${dir}/a.txt`, new Date("2021-03-04T05:06:07Z"), new Date("2021-03-04T05:06:07Z"));
      const out = await readSource({ path: "a.txt", absolutePath: `${dir}/a.txt` }, settings);
      expect(out).toMatchObject({ ok: true, text: "héllo\n", modified: new Date("2021-03-04T05:06:07Z") });
    });
  });

  it("reads standard input from the text it is given, with no modification time", async () => {
    const out = await readSource({ path: "-", absolutePath: "-" }, { ...settings, stdin: "from a pipe" });
    expect(out).toMatchObject({ ok: true, text: "from a pipe", modified: null });
  });

  it("reports a folder, a file over the limit and a file that vanished", async () => {
    await withTree({ "x.txt/inner.txt": "x", "big.txt": "y".repeat(101), "ok.txt": "z".repeat(100) }, async (dir) => {
      expect(codeOf(await readSource({ path: "x.txt", absolutePath: `${dir}/x.txt` }, settings))).toBe("not-a-file");
      const big = await readSource({ path: "big.txt", absolutePath: `${dir}/big.txt` }, settings);
      expect(codeOf(big)).toBe("too-large");
      expect(!big.ok && big.error.message).toBe("101 bytes is over the limit of 100 (--max-file-size): skipped");
      expect(codeOf(await readSource({ path: "ok.txt", absolutePath: `${dir}/ok.txt` }, settings))).toBe("ok");
      const gone = await readSource({ path: "gone.txt", absolutePath: `${dir}/gone.txt` }, settings);
      expect(gone).toEqual({ ok: false, error: { path: "gone.txt", code: "unreadable", message: "cannot read: vanished before it could be read: skipped" } });
    });
  });

  it("does not block on a FIFO: it is not a regular file", async () => {
    await withTree({}, async (dir) => {
      if (!mkfifoSync(`${dir}/pipe.txt`)) return; // no mkfifo on this system
      expect(codeOf(await readSource({ path: "pipe.txt", absolutePath: `${dir}/pipe.txt` }, settings))).toBe("not-a-file");
    });
  });

  // Root reads a chmod 000 file all the same (tests run as root in this project's
  // containers), so the case only means something for other users.
  it.skipIf(IS_ROOT)("reports a file without read permission", async () => {
    await withTree({ "locked.txt": "secret" }, async (dir) => {
      chmodSync(`${dir}/locked.txt`, 0o000);
      const out = await readSource({ path: "locked.txt", absolutePath: `${dir}/locked.txt` }, settings);
      expect(out).toEqual({ ok: false, error: { path: "locked.txt", code: "unreadable", message: "cannot read: permission denied: skipped" } });
    });
  });

  it("reports what discover already found, without touching the disk", async () => {
    const out = await readSource({ path: "loop", absolutePath: "/nonexistent/loop", problem: { code: "symlink-loop", message: "loop" } }, settings);
    expect(out).toEqual({ ok: false, error: { path: "loop", code: "symlink-loop", message: "loop" } });
  });

  it("decodes as --encoding says, and sniffs HTML charsets only for HTML", async () => {
    const page = Uint8Array.from([...new TextEncoder().encode('<meta charset="koi8-r">'), 0xf0, 0xd2, 0xc9]);
    await withTree({ "p.html": page, "p.txt": page }, async (dir) => {
      const html = await readSource({ path: "p.html", absolutePath: `${dir}/p.html` }, { ...settings, html: true });
      expect(html.ok && html.text.endsWith("При")).toBe(true);
      const text = await readSource({ path: "p.txt", absolutePath: `${dir}/p.txt` }, settings);
      expect(codeOf(text)).toBe("not-utf8");
      const chosen = await readSource({ path: "p.txt", absolutePath: `${dir}/p.txt` }, { ...settings, encoding: "koi8-r" });
      expect(chosen.ok && chosen.text.endsWith("При")).toBe(true);
    });
  });
});
