/**
 * Random bytes and random Unicode, in every format, to the reader and to the
 * whole pipeline: no exception escapes, and every input becomes a document or
 * a problem — never nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDocuments, type DocumentEvent } from "../../src/extract/read-documents.js";
import { scan } from "../../src/index.js";
import { withTree } from "../helpers/tmp.js";

const EXTENSIONS = ["txt", "md", "html", "jsonl"] as const;

const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom("<p>", "</p>", "<div class=\"comments\">", "</div>", "<br>", "<script>", "</script>", "<article>", "<pre>", "<!--", "-->", "&amp;", "&#", "<meta charset=\"koi8-r\">", "<title>", "<time datetime=\"2020-13-45\">", "<svg>", "<![CDATA[", "<"),
      fc.string({ unit: "grapheme", maxLength: 20 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const jsonlish = fc
  .array(
    fc.oneof(
      fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), text: fc.oneof(fc.string({ unit: "grapheme" }), fc.array(fc.string()), fc.integer()), date: fc.string() }).map((r) => JSON.stringify(r)),
      fc.json(),
      fc.string({ unit: "binary", maxLength: 30 }),
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join("\n"));

const markdownish = fc
  .array(fc.oneof(fc.constantFrom("---\n", "+++\n", "title: [x\n", "date: 03/04/2020\n", "# ", "*", "`", "```\n", "[a](", ")", "\n\n", "> "), fc.string({ unit: "grapheme", maxLength: 20 })), { maxLength: 30 })
  .map((parts) => parts.join(""));

const content: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.string({ unit: "grapheme", maxLength: 500 }),
  htmlish,
  jsonlish,
  markdownish,
);

async function eventsOf(name: string, data: string | Uint8Array): Promise<DocumentEvent[]> {
  return withTree({ [name]: data }, async (dir) => {
    const out: DocumentEvent[] = [];
    for await (const e of readDocuments({ path: name, absolutePath: `${dir}/${name}` }, { maxFileSize: 1 << 20, dateOrder: "auto", mtime: true })) out.push(e);
    return out;
  });
}

describe("random input", () => {
  it("the reader: every file gives a document or an error, and nothing is thrown (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTENSIONS), content, async (ext, data) => {
        const events = await eventsOf(`x.${ext}`, data);
        expect(events.some((e) => e.kind === "document" || e.problem.severity === "error")).toBe(true);
        for (const e of events) {
          if (e.kind === "problem") expect(e.problem.code).not.toBe("internal-error");
          else for (const p of e.paragraphs) expect(p.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: 41, numRuns: 300 },
    );
  });

  it("the pipeline: every file appears as a document or in errors, and the scan finishes (property)", async () => {
    const files = fc.uniqueArray(fc.tuple(fc.constantFrom(...EXTENSIONS), fc.integer({ min: 0, max: 9 }), content), {
      minLength: 1,
      maxLength: 5,
      selector: ([ext, n]) => `${n}.${ext}`,
    });
    await fc.assert(
      fc.asyncProperty(files, async (list) => {
        const tree = Object.fromEntries(list.map(([ext, n, data]) => [`${n}.${ext}`, data]));
        const report = await withTree(tree, (dir) => scan({ inputs: [dir], cwd: dir }));
        for (const name of Object.keys(tree)) {
          const seen =
            report.documents.some((d) => d.path === name || d.path.startsWith(`${name}#`)) ||
            report.errors.some((e) => e.severity === "error" && (e.path === name || e.path.startsWith(`${name}:`) || e.path.startsWith(`${name}#`)));
          expect(seen, name).toBe(true);
        }
        expect(report.errors.map((e) => e.code)).not.toContain("internal-error");
        expect(report.documents.map((d) => d.path)).toEqual([...report.documents.map((d) => d.path)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { seed: 42, numRuns: 60 },
    );
  }, 60_000);
});
