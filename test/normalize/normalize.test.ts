import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText, normalizeToken, tokenize } from "../../src/normalize/normalize.js";
import { readSeed } from "../helpers/corpus.js";

/** Pairs of texts a reader cannot tell apart: they must normalise alike. */
const SAME: ReadonlyArray<readonly [string, string, string]> = [
  ["curly vs straight apostrophe", "IOM\u2019s Counter-Trafficking Data", "IOM's Counter-Trafficking Data"],
  ["left single quote as apostrophe", "IOM\u2018s data", "IOM's data"],
  ["curly vs straight double quotes", "the so-called \u201cdark web\u201d, online", 'the so-called "dark web", online'],
  ["guillemets vs straight quotes", "\u00abchain letters\u00bb", '"chain letters"'],
  ["em dash vs double hyphen", "technology \u2014 and must do so", "technology -- and must do so"],
  ["en dash vs hyphen", "technology \u2013 and must do so", "technology - and must do so"],
  ["unspaced em dash vs spaced hyphen", "connectivity\u2014even among", "connectivity - even among"],
  ["hyphen vs non-breaking hyphen", "Counter\u2011Trafficking", "Counter-Trafficking"],
  ["minus sign vs hyphen", "COVID\u221219", "COVID-19"],
  ["NBSP vs space", "World\u00a0Day against\u00a0Trafficking", "World Day against Trafficking"],
  ["narrow NBSP vs space", "30\u202fJuly 2022", "30 July 2022"],
  ["em space and thin space", "human\u2003rights\u2009violation", "human rights violation"],
  ["ideographic space", "human\u3000rights", "human rights"],
  ["tabs, newlines and runs of spaces", "  human \t rights\r\n\n violation  ", "human rights violation"],
  ["full-width letters (NFKC)", "\uff29\uff2f\uff2d calls on States", "IOM calls on States"],
  ["full-width digits (NFKC)", "\uff12\uff10\uff12\uff12 report", "2022 report"],
  ["fi ligature", "\ufb01nding innovative ways", "finding innovative ways"],
  ["ffl ligature", "ba\ufb04ed", "baffled"],
  ["case", "TRAFFICKING In Persons", "trafficking in persons"],
  ["decomposed vs precomposed accent", "Anto\u0301nio Vitorino", "Ant\u00f3nio Vitorino"],
  ["superscript digit (NFKC)", "COVID-\u00b9\u2079", "COVID-19"],
  ["ellipsis character vs three dots", "countering mi\u2026", "countering mi..."],
  ["Cyrillic case", "\u041f\u0420\u0418\u0412\u0415\u0422 \u043c\u0438\u0440", "\u043f\u0440\u0438\u0432\u0435\u0442 \u041c\u0418\u0420"],
  ["Greek final sigma", "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2"],
];

describe("normalizeText: what a reader cannot see is folded away", () => {
  it.each(SAME)("%s", (_name, a, b) => {
    expect(normalizeText(a)).toBe(normalizeText(b));
    expect(normalizeText(a).length).toBeGreaterThan(0);
  });

  it("gives lower-case words joined by single spaces", () => {
    expect(normalizeText("IOM\u2019s Counter-Trafficking  Data\u00a0Collaborative, the CTDC.")).toBe(
      "iom s counter trafficking data collaborative the ctdc",
    );
  });

  it("keeps words that differ apart", () => {
    expect(normalizeText("labour exploitation")).not.toBe(normalizeText("labor exploitation"));
    expect(normalizeText("trafficking in persons")).not.toBe(normalizeText("persons in trafficking"));
    expect(normalizeText("IOM\u2019s data")).not.toBe(normalizeText("IOMs data"));
  });

  it("keeps digits as words", () => {
    expect(normalizeText("over 90,000 victims in 2022")).toBe("over 90 000 victims in 2022");
  });

  it("drops text without letters or digits", () => {
    expect(normalizeText("\u2014 \u2013 -- ... \u201c\u201d * \u2022")).toBe("");
    expect(tokenize("   ").words).toEqual([]);
  });
});

describe("tokenize: scripts", () => {
  it("gives one token per Han, Kana character", () => {
    expect(tokenize("\u4eba\u53e3\u8d29\u5356\u662f\u72af\u7f6a").words).toEqual(["\u4eba", "\u53e3", "\u8d29", "\u5356", "\u662f", "\u72af", "\u7f6a"]);
    expect(tokenize("\u3072\u3089\u304c\u306a\u30ab\u30bf\u30ab\u30ca").words).toHaveLength(8);
  });

  it("splits CJK from adjacent Latin words", () => {
    expect(tokenize("IOM\u56fd\u9645\u79fb\u6c11\u7ec4\u7ec7report").words).toEqual(["iom", "\u56fd", "\u9645", "\u79fb", "\u6c11", "\u7ec4", "\u7ec7", "report"]);
  });

  it("full-width CJK punctuation separates tokens", () => {
    expect(tokenize("\u72af\u7f6a\u3002\u53d7\u5bb3\u8005\uff0c\u4fdd\u62a4").words).toEqual(["\u72af", "\u7f6a", "\u53d7", "\u5bb3", "\u8005", "\u4fdd", "\u62a4"]);
  });

  it("keeps Cyrillic words whole", () => {
    expect(tokenize("\u0422\u043e\u0440\u0433\u043e\u0432\u043b\u044f \u043b\u044e\u0434\u044c\u043c\u0438 \u2014 \u044d\u0442\u043e \u043f\u0440\u0435\u0441\u0442\u0443\u043f\u043b\u0435\u043d\u0438\u0435.").words).toEqual([
      "\u0442\u043e\u0440\u0433\u043e\u0432\u043b\u044f",
      "\u043b\u044e\u0434\u044c\u043c\u0438",
      "\u044d\u0442\u043e",
      "\u043f\u0440\u0435\u0441\u0442\u0443\u043f\u043b\u0435\u043d\u0438\u0435",
    ]);
  });

  it("keeps Arabic words whole, with their vowel marks", () => {
    // "الاتجار بالبشر جريمة" — trafficking in persons is a crime; the second word with a shadda.
    const words = tokenize("\u0627\u0644\u0627\u062a\u062c\u0627\u0631 \u0628\u0627\u0644\u0628\u0634\u0651\u0631 \u062c\u0631\u064a\u0645\u0629\u060c").words;
    expect(words).toHaveLength(3);
    expect(words[1]).toBe("\u0628\u0627\u0644\u0628\u0634\u0651\u0631");
  });

  it("keeps Devanagari words whole (combining vowel signs are part of the word)", () => {
    expect(tokenize("\u092e\u093e\u0928\u0935 \u0924\u0938\u094d\u0915\u0930\u0940").words).toEqual(["\u092e\u093e\u0928\u0935", "\u0924\u0938\u094d\u0915\u0930\u0940"]);
  });
});

describe("normalizeToken", () => {
  it("folds case and compatibility forms of one word", () => {
    expect(normalizeToken("TRAFFICKING")).toBe("trafficking");
    expect(normalizeToken("\uff34\uff52\uff41\uff46\uff46\uff49\uff43")).toBe("traffic");
    expect(normalizeToken("\ufb01nancial")).toBe("financial");
  });

  it("is a fixed point", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (s) => {
        const once = normalizeToken(s);
        expect(normalizeToken(once)).toBe(once);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe("tokenize: offsets point back into the original text", () => {
  function checkOffsets(text: string): void {
    const { words, offsets } = tokenize(text);
    expect(offsets.length).toBe(words.length * 2);
    let previousStart = 0;
    words.forEach((word, i) => {
      const start = offsets[2 * i]!;
      const end = offsets[2 * i + 1]!;
      expect(start).toBeLessThan(end);
      expect(end).toBeLessThanOrEqual(text.length);
      expect(start).toBeGreaterThanOrEqual(previousStart);
      previousStart = start;
      const slice = text.slice(start, end);
      const folded = normalizeText(slice);
      // The slice normalises to the token, or (for an NFKC expansion such as "½")
      // to a run of tokens among which it is found.
      expect(folded === word || folded.split(" ").includes(word)).toBe(true);
    });
  }

  it.each([
    ["ASCII with punctuation", "IOM's Counter-Trafficking Data Collaborative, the CTDC."],
    ["curly quotes, dashes, NBSP", "IOM\u2019s \u201cdark web\u201d\u2014online\u00a0platforms"],
    ["full width and ligatures", "\uff29\uff2f\uff2d \ufb01nding \u00bd of \u2474"],
    ["CJK mixed", "IOM\u56fd\u9645\u79fb\u6c11\u7ec4\u7ec7 report \u3002"],
    ["astral characters", "\ud835\udc00\ud835\udc01 bold \ud83d\ude00 smile \ud840\udc00"],
  ])("%s", (_name, text) => checkOffsets(text));

  it("for a whole seed page", () => {
    const text = readSeed("000");
    checkOffsets(text);
    const { words, offsets } = tokenize(text);
    // ASCII words: the slice is exactly the word, up to case.
    const i = words.indexOf("collaborative");
    expect(text.slice(offsets[2 * i]!, offsets[2 * i + 1]!)).toBe("Collaborative");
  });

  it("for any string (property)", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), checkOffsets), { seed: 7, numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), checkOffsets), { seed: 8, numRuns: 1000 });
  });
});

describe("normalizeText properties", () => {
  const arbitraries = {
    grapheme: fc.string({ unit: "grapheme", maxLength: 80 }),
    "grapheme-composite": fc.string({ unit: "grapheme-composite", maxLength: 80 }),
    binary: fc.string({ unit: "binary", maxLength: 80 }),
    "binary-ascii": fc.string({ unit: "binary-ascii", maxLength: 80 }),
  } as const;

  it.each(Object.keys(arbitraries) as (keyof typeof arbitraries)[])("is idempotent over %s strings", (kind) => {
    fc.assert(
      fc.property(arbitraries[kind], (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { seed: 1234, numRuns: 3000 },
    );
  });

  it("is idempotent on tricky characters (property over a focused alphabet)", () => {
    const tricky = fc.constantFrom(
      "a", "Z", "\u0130", "\u0131", "\u00df", "\u1e9e", "\u03a3", "\u03c2", "\u0301", "\u0308", "\u3099", "\uff76", "\uff9e",
      "\u00bd", "\u2474", "\ufb01", "\u2126", "\u212b", "\u1100", "\u1161", "\u11a8", "\u4e00", "\u2f00", "\u0e01", "\u0e48",
      " ", "\u00a0", "-", "\u2019", "\u00ad", "\u200d", "\ud835\udc00", "\u01c5", "\u0345", "\u0390", "\u1f88",
    );
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 20 }), (parts) => {
        const s = parts.join("");
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { seed: 99, numRuns: 5000 },
    );
  });

  // Sentences made of words, apostrophes and quotes, as copies of one text would carry them.
  const word = fc.constantFrom("iom", "IOM", "States", "trafficking", "persons", "victims", "labour", "COVID", "19", "data", "\u00e9t\u00e9");
  const joiner = fc.constantFrom(" ", "'", "\u2019", "-", "\u2014", " - ", ", ", ". ", " \"", "\" ", " \u201c", "\u201d ");
  const sentence = fc
    .tuple(word, fc.array(fc.tuple(joiner, word), { maxLength: 15 }))
    .map(([first, rest]) => first + rest.map(([j, w]) => j + w).join(""));

  it("extra whitespace or NBSP between words changes nothing", () => {
    const space = fc.constantFrom(" ", "  ", "\u00a0", "\t", "\u2009", "\u202f", "\u3000", " \u00a0 ", "\n");
    fc.assert(
      fc.property(sentence, fc.array(space, { minLength: 40, maxLength: 40 }), (s, spaces) => {
        let k = 0;
        const spaced = s.replace(/ /g, () => spaces[k++ % spaces.length]!);
        expect(normalizeText(spaced)).toBe(normalizeText(s));
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  it("swapping straight and curly quotes changes nothing", () => {
    const toCurly = (s: string): string => {
      let open = true;
      return s.replace(/'/g, "\u2019").replace(/"/g, () => ((open = !open) ? "\u201d" : "\u201c"));
    };
    const toStraight = (s: string): string => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
    fc.assert(
      fc.property(sentence, (s) => {
        const n = normalizeText(s);
        expect(normalizeText(toCurly(s))).toBe(n);
        expect(normalizeText(toStraight(s))).toBe(n);
      }),
      { seed: 6, numRuns: 1000 },
    );
  });

  it("dashes of every kind between words are equal", () => {
    const dash = fc.constantFrom("-", "--", " - ", " -- ", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", " \u2014 ", "\u2212");
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 8 }), dash, (words, d) => {
        expect(normalizeText(words.join(d))).toBe(normalizeText(words.join(" ")));
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe("invisible characters inside a word (a reader sees one word)", () => {
  it("a soft hyphen inside a word is ignored", () => {
    // HTML pages carry &shy; (U+00AD) as a line-break hyphenation hint; it is invisible
    // unless the line breaks there (DESIGN.md: line-break hyphenation is normalised).
    expect(normalizeText("traf\u00adficking in per\u00adsons")).toBe("trafficking in persons");
  });

  it("a zero-width space or joiner inside a word is ignored", () => {
    expect(normalizeText("traf\u200bficking")).toBe("trafficking");
    expect(normalizeText("traf\u2060ficking")).toBe("trafficking");
  });
});
