/**
 * Bytes to text: byte order marks, sniffing binary formats, UTF-16 without a
 * BOM, invalid UTF-8, legacy encodings (Windows-1252 smart quotes, which Node
 * 20's own decoder gets wrong), declared HTML charsets and --encoding.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binarySignature } from "../../src/read/sniff.js";
import { decode, declaredCharset, utf8Census } from "../../src/read/decode.js";
import { decodeBytes } from "../../src/read/text-decoder.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]));
  }
  return Uint8Array.from(out);
}

const QUOTED = "“Smart quotes” – and the café’s €5 menu™";
/** QUOTED in Windows-1252. */
const QUOTED_1252 = bytes(0x93, ...utf8("Smart quotes"), 0x94, 0x20, 0x96, ...utf8(" and the caf"), 0xe9, 0x92, ...utf8("s "), 0x80, ...utf8("5 menu"), 0x99);

describe("decode: text", () => {
  it.each<[string, Uint8Array, string]>([
    ["UTF-8", utf8("héllo wörld"), "héllo wörld"],
    ["UTF-8 with a BOM (removed)", concat(bytes(0xef, 0xbb, 0xbf), utf8("héllo")), "héllo"],
    ["UTF-16 LE with a BOM", utf16("héllo 北京", false), "héllo 北京"],
    ["UTF-16 BE with a BOM", utf16("héllo 北京", true), "héllo 北京"],
    ["UTF-16 LE without a BOM (NUL in every other byte)", utf16("plain ASCII text saved by a Windows tool", false, false), "plain ASCII text saved by a Windows tool"],
    ["UTF-16 BE without a BOM", utf16("plain ASCII text saved big-endian", true, false), "plain ASCII text saved big-endian"],
    ["CRLF kept (segmentation handles it)", utf8("a\r\nb"), "a\r\nb"],
    ["empty", new Uint8Array(0), ""],
  ])("%s", (_, input, text) => {
    const out = decode(input);
    expect(out.ok && out.text).toBe(text);
    expect(out.ok && out.warning).toBeUndefined();
  });

  it("reads Windows-1252 smart quotes, dashes, € and ™ as those characters, with a warning", () => {
    const out = decode(QUOTED_1252);
    expect(out.ok && out.text).toBe(QUOTED);
    expect(out.ok && out.warning?.code).toBe("not-utf8");
  });

  it("decodes every byte 0x80-0x9F of Windows-1252 as the Encoding Standard says (Node 20's TextDecoder does not)", () => {
    const text = decodeBytes("windows-1252", Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(text).toBe("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ");
  });

  it("replaces a few invalid bytes in mostly-UTF-8 text with U+FFFD and says how many", () => {
    const out = decode(concat(utf8("naïve café — "), bytes(0xff, 0xfe), utf8(" déjà vu")));
    expect(out.ok && out.text).toBe("naïve café — \ufffd\ufffd déjà vu");
    expect(out.ok && out.warning).toEqual({ code: "encoding-replaced", message: "2 bytes that are not valid UTF-8 replaced with U+FFFD" });
  });

  it("uses the charset an HTML page declares for bytes that are not UTF-8", () => {
    const page = concat(utf8('<html><head><meta charset="windows-1251"></head><body>'), bytes(0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2), utf8("</body></html>"));
    const out = decode(page, { html: true });
    expect(out.ok && out.text).toContain("Привет");
    expect(out.ok && out.warning).toBeUndefined();
    expect(declaredCharset(utf8('<?xml version="1.0" encoding="ISO-8859-2"?><html>'))).toBe("iso-8859-2");
    expect(declaredCharset(utf8('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'))).toBe("shift_jis");
  });

  it("keeps valid UTF-8 as UTF-8 whatever charset a page declares", () => {
    const out = decode(utf8('<meta charset="iso-8859-1"><p>café</p>'), { html: true });
    expect(out.ok && out.text).toContain("café");
  });

  it("--encoding decodes files without a BOM; a BOM still wins", () => {
    expect(decode(bytes(0xcf, 0xf0, 0xe8), { encoding: "windows-1251" })).toMatchObject({ ok: true, text: "При" });
    expect(decode(bytes(0x82, 0xa0), { encoding: "shift_jis" })).toMatchObject({ ok: true, text: "あ" });
    expect(decode(concat(bytes(0xef, 0xbb, 0xbf), utf8("é")), { encoding: "windows-1251" })).toMatchObject({ ok: true, text: "é" });
    const bad = decode(bytes(0x82), { encoding: "shift_jis" });
    expect(bad.ok && bad.warning?.code).toBe("encoding-replaced");
  });
});

describe("decode: not text", () => {
  it.each<[string, Uint8Array, string, RegExp]>([
    ["NUL bytes", concat(utf8("abc"), bytes(0, 1, 2, 0xff, 0, 7, 9)), "binary", /NUL/],
    ["a PDF", concat(utf8("%PDF-1.7\n%"), bytes(0xe2, 0xe3, 0xcf, 0xd3), utf8("\n1 0 obj")), "binary", /PDF/],
    ["a PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "binary", /PNG/],
    ["a JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46), "binary", /JPEG/],
    ["a ZIP (DOCX, EPUB)", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0), "binary", /ZIP/],
    ["gzip", bytes(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0), "binary", /gzip/],
    ["control characters", Uint8Array.from({ length: 100 }, (_, i) => (i % 2 ? 0x41 : 0x02)), "binary", /control/],
    ["UTF-32", bytes(0xff, 0xfe, 0, 0, 0x68, 0, 0, 0), "unsupported-encoding", /UTF-32/],
  ])("%s", (_, input, code, message) => {
    const out = decode(input);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe(code);
      expect(out.error.message).toMatch(message);
    }
  });

  it("does not mistake text that starts like a weak signature for binary", () => {
    expect(binarySignature(utf8("BMW drivers gathered on Sunday."))).toBeNull();
    expect(binarySignature(utf8("MZ Publishing announced a new series."))).toBeNull();
    expect(binarySignature(utf8("GIF89 is an old format, the article says."))).toBeNull();
  });

  it("counts well-formed multi-byte sequences and stray bytes", () => {
    expect(utf8Census(utf8("aé€𝄞"))).toEqual({ multibyte: 3, invalid: 0 });
    expect(utf8Census(bytes(0xe9, 0x41, 0xc3))).toEqual({ multibyte: 0, invalid: 2 });
  });
});

describe("decode: properties", () => {
  it("never throws, and says either text or why not (random bytes)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom("auto", "windows-1252", "shift_jis", "utf-16le"), (input, encoding) => {
        const out = decode(input, { encoding, html: input.length % 2 === 0 });
        if (out.ok) expect(typeof out.text).toBe("string");
        else expect(out.error.code).toMatch(/^(binary|unsupported-encoding)$/);
      }),
      { seed: 5, numRuns: 400 },
    );
  });

  it("gives back any UTF-8 text without NUL or control characters unchanged (random Unicode)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 300 }).map((s) => s.replace(/[\u0000-\u0008\u000e-\u001f\ufeff]/g, ""));
    fc.assert(
      fc.property(text, (s) => {
        const out = decode(utf8(s));
        expect(out).toMatchObject({ ok: true, text: s });
      }),
      { seed: 6, numRuns: 400 },
    );
  });
});
