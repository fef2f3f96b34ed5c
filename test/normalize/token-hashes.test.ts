import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashString } from "../../src/fingerprint/hash.js";
import { tokenize } from "../../src/normalize/normalize.js";
import { tokenHashes, tokenHashesInto, type TokenHashBuffer } from "../../src/normalize/token-hashes.js";

/** What the fast path must equal: the full tokenizer, token by token. */
function reference(text: string): number[] {
  return tokenize(text).words.map((w) => hashString(w));
}

describe("tokenHashes (the fingerprinting fast path)", () => {
  it.each([
    ["plain ASCII", "Trafficking in Persons is a crime, and a grave human-rights violation."],
    ["curly quotes, dashes and NBSP stay on the fast path", "IOM’s “work” — far\u00a0from over – 2022"],
    ["non-ASCII letters go through the full tokenizer", "António Vitorino, café, ＦＵＬＬ width, ﬁne"],
    ["scripts without spaces", "人口贩运是犯罪 and Ｂ"],
    ["soft hyphen inside a word", "traf\u00adficking"],
    ["empty", ""],
  ])("equals the full tokenizer: %s", (_, text) => {
    expect([...tokenHashes(text)]).toEqual(reference(text));
  });

  it("equals the full tokenizer on any text (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string()), (text) => {
        expect([...tokenHashes(text)]).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("tokenHashesInto (one buffer reused for every paragraph)", () => {
  it("gives each text's own hashes however the texts before it left the buffer (property)", () => {
    // A tiny buffer to start with: it has to grow, on the fast path and on the full tokenizer's.
    const buffer: TokenHashBuffer = { data: new Uint32Array(1), length: 0 };
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary-ascii", maxLength: 400 })), { maxLength: 8 }), (texts) => {
        for (const text of texts) {
          tokenHashesInto(text, buffer);
          expect([...buffer.data.subarray(0, buffer.length)]).toEqual(reference(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("makes room for a text that NFKC turns into more tokens than it has characters", () => {
    const buffer: TokenHashBuffer = { data: new Uint32Array(1), length: 0 };
    const text = "\u00bd\u00bd\u00bd"; // each ½ is 1⁄2: two tokens per character
    tokenHashesInto(text, buffer);
    expect(buffer.length).toBe(reference(text).length);
    expect(buffer.length).toBeGreaterThan(text.length);
    expect([...buffer.data.subarray(0, buffer.length)]).toEqual(reference(text));
  });
});

describe("tokenize's fast path", () => {
  it("agrees with the full Unicode tokenizer on any text, words and offsets (property)", async () => {
    const { tokenize, __testing__ } = await import("../../src/normalize/normalize.js");
    const sameAs = (text: string): void => {
      const fast = tokenize(text);
      const full = __testing__.tokenizeFull(text);
      expect(fast.words).toEqual(full.words);
      expect([...fast.offsets]).toEqual([...full.offsets]);
    };
    sameAs("IOM’s “work” — far\u00a0from over – 2022, COVID-19.");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary-ascii" }), fc.string(), fc.string({ unit: "grapheme" })), (text) => sameAs(text)),
      { numRuns: 500 },
    );
  });
});
