import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyrightHolder } from "../../src/extract/extract-text.js";

/** The whole-text pattern copyrightHolder replaced (it tried every character): the reference. */
const REFERENCE =
  /(?:^|\n)[ \t]*(?:copyright[ \t]*(?:©|\(c\))?|©)[ \t]*\d{4}(?:[ \t]*[-–][ \t]*\d{4})?[ \t,]*(?:by[ \t]+)?([A-Z][^.,|\n]{2,60}?)(?=[ \t]*(?:[.,|]|all rights|\n|$))/i;
const reference = (text: string): string | null => REFERENCE.exec(text)?.[1]!.trim() ?? null;

describe("copyrightHolder", () => {
  it.each([
    ["Copyright 2012 Dominica News Online, all rights reserved", "Dominica News Online"],
    ["body text\n  © 2020-2022 The Daily Planet. All rights reserved.", "The Daily Planet"],
    ["Copyright (c) 2019 by Acme Media | Terms", "Acme Media"],
    ["This text mentions copyright 2012 Someone inside a line.", null],
    ["Copyright notice without a year", null],
    ["first\nCopyright 2001 First Holder.\nCopyright 2002 Second Holder.", "First Holder"],
    ["We love copyright.\n© 2015 Real Holder", "Real Holder"],
  ])("%j -> %j", (text, holder) => {
    expect(copyrightHolder(text)).toBe(holder);
  });

  it("finds what the whole-text pattern finds (property over texts made of copyright-ish pieces)", () => {
    const piece = fc.constantFrom("Copyright", "copyright", "COPYRIGHT", "Copy", "c", "©", "(c)", " ", "\t", "\n", "2012", "-", "–", "2014", ",", ".", "|", "by ", "Acme News", "all rights", "x", "Some words");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(copyrightHolder(text)).toBe(reference(text));
      }),
      { seed: 48, numRuns: 3000 },
    );
  });
});
