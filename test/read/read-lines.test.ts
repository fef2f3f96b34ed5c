/**
 * Streaming lines (JSON Lines files): every chunk boundary, CR LF, a last line
 * without a line break, lines over the limit skipped as they stream past,
 * UTF-16 with a BOM, binary files stopped at the head, standard input.
 */
import fc from "fast-check";
import { mkfifoSync } from "../input/support.js";
import { describe, expect, it } from "vitest";
import type { LineEvent } from "../../src/read/read-lines.js";
import { readLines } from "../../src/read/read-lines.js";
import { withTree } from "../helpers/tmp.js";

async function lines(content: string | Uint8Array, settings: { maxLineBytes?: number; chunkSize?: number; encoding?: string } = {}): Promise<LineEvent[]> {
  return withTree({ "x.jsonl": content }, async (dir) => {
    const out: LineEvent[] = [];
    for await (const e of readLines({ path: "x.jsonl", absolutePath: `${dir}/x.jsonl` }, { maxLineBytes: 1 << 20, ...settings })) out.push(e);
    return out;
  });
}

const texts = (events: LineEvent[]): (string | number)[] => events.map((e) => (e.kind === "line" ? e.text : e.kind === "too-long" ? -e.line : e.error.code));

describe("readLines", () => {
  it("yields each line with its number, without CR LF, and a last line without a line break", async () => {
    const events = await lines('{"a":1}\r\n\n{"b":"é"}\n{"c":3}');
    expect(events.map((e) => (e.kind === "line" ? [e.line, e.text] : e.kind))).toEqual([
      [1, '{"a":1}'],
      [2, ""],
      [3, '{"b":"é"}'],
      [4, '{"c":3}'],
    ]);
  });

  it("splits the same at every chunk size (property)", async () => {
    const line = fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => s.replace(/[\r\n\u0000]/g, ""));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 17 }), async (ls, chunkSize) => {
        const text = ls.join("\n");
        const events = await lines(text, { chunkSize });
        // A final line break ends the last line; it does not start another.
        const expected = text === "" ? [] : text.split("\n").slice(0, text.endsWith("\n") ? -1 : undefined);
        expect(events.map((e) => (e.kind === "line" ? e.text : e.kind))).toEqual(expected);
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  it("skips a line over the limit as it streams past, and goes on with the next", async () => {
    const long = "x".repeat(5000);
    for (const chunkSize of [7, 64, 1 << 16]) {
      const events = await lines(`short\n${long}\nafter\n${long}`, { maxLineBytes: 1000, chunkSize });
      expect(texts(events)).toEqual(["short", -2, "after", -4]);
      const skipped = events.filter((e) => e.kind === "too-long");
      expect(skipped.map((e) => e.kind === "too-long" && e.bytes)).toEqual([5000, 5000]);
    }
  });

  it("marks a line with bytes that are not UTF-8, decoded with U+FFFD", async () => {
    const events = await lines(Uint8Array.from([0x61, 0xff, 0x62, 0x0a, 0x63]));
    expect(events.map((e) => e.kind === "line" && [e.text, e.replaced])).toEqual([
      ["a\ufffdb", true],
      ["c", false],
    ]);
  });

  it("reads UTF-16 with a BOM, and a UTF-8 BOM is not part of the first line", async () => {
    const text = '{"t":"北京"}\n{"t":"é"}\n';
    const le = [0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
    expect(texts(await lines(Uint8Array.from(le), { chunkSize: 5 }))).toEqual(['{"t":"北京"}', '{"t":"é"}']);
    expect(texts(await lines(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])))).toEqual(['{"t":"北京"}', '{"t":"é"}']);
  });

  it("stops a binary file at its head with one error", async () => {
    expect(texts(await lines(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2])))).toEqual(["binary"]);
    expect(texts(await lines(Uint8Array.from([0x7b, 0x7d, 0x0a, 0, 0, 0])))).toEqual(["binary"]);
  });

  it("reads standard input from the text it is given", async () => {
    const out: LineEvent[] = [];
    for await (const e of readLines({ path: "-", absolutePath: "-" }, { maxLineBytes: 100, stdin: "a\nb\n", chunkSize: 1 })) out.push(e);
    expect(texts(out)).toEqual(["a", "b"]);
  });

  it("reports a folder, a FIFO and a file that vanished, without blocking", async () => {
    await withTree({ "dir.jsonl/x": "" }, async (dir) => {
      const fifo = mkfifoSync(`${dir}/fifo.jsonl`);
      const cases: [string, string][] = [
        [`${dir}/dir.jsonl`, "not-a-file"],
        [`${dir}/gone.jsonl`, "unreadable"],
        ...(fifo ? ([[`${dir}/fifo.jsonl`, "not-a-file"]] as [string, string][]) : []),
      ];
      for (const [absolutePath, code] of cases) {
        const out: LineEvent[] = [];
        for await (const e of readLines({ path: "x", absolutePath }, { maxLineBytes: 100 })) out.push(e);
        expect(texts(out)).toEqual([code]);
      }
    });
  });
});
