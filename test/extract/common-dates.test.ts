/**
 * The common dateline forms read without chrono (common-dates.ts) must give
 * every line the same date, the same dateline judgement and the same passed-over
 * ambiguous date as chrono does: checked line by line against lineDate with
 * chrono alone, on generated lines built to trip it and on the lines near the
 * top of a generated corpus's articles.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { commonDate } from "../../src/extract/common-dates.js";
import { findDate, lineDate, type DateOrder } from "../../src/extract/dates.js";
import { generatedCorpus } from "../helpers/generated.js";

/** What lineDate makes of a line, with or without the common forms. */
function judge(line: string, first: boolean, order: DateOrder, commonForms: boolean): unknown {
  const ambiguous = { text: null as string | null };
  return { found: lineDate(line, first, order, ambiguous, commonForms), ambiguous: ambiguous.text };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

describe("commonDate: the forms it reads", () => {
  it.each<[string, string, { text: string; year: number; month: number; day: number } | null]>([
    ["month first", "July 30, 2022", { text: "July 30, 2022", year: 2022, month: 7, day: 30 }],
    ["month first, no comma", "By Jane Doe | July 3 2022", { text: "July 3 2022", year: 2022, month: 7, day: 3 }],
    ["day first", "Jane Doe | 30 July 2022", { text: "30 July 2022", year: 2022, month: 7, day: 30 }],
    ["ISO, after 'on' (which chrono leaves out of it)", "Posted on 2022-07-30 by the editors", { text: "2022-07-30", year: 2022, month: 7, day: 30 }],
    ["dotted, day first", "Jane Doe — 08.09.2019", { text: "08.09.2019", year: 2019, month: 9, day: 8 }],
    ["a day the month does not have", "31 June 2022", null],
    ["29 February of a common year", "February 29, 2023", null],
    ["29 February of a leap year", "February 29, 2024", { text: "February 29, 2024", year: 2024, month: 2, day: 29 }],
    ["day first after 'on', which chrono takes in", "Posted on 30 July 2022 by Jane", { text: "on 30 July 2022", year: 2022, month: 7, day: 30 }],
    ["a weekday (chrono takes it in)", "Monday, July 30, 2022", null],
    ["a time zone after it (chrono takes it in)", "July 30, 2022 EST", null],
    ["two dates", "July 30, 2022 | 2022-07-31", null],
    ["another number", "Page 2 | July 30, 2022", null],
    ["a month name in the word beside it", "Marketing, July 30, 2022", null],
    ["a month name beyond a bar", "Marketing | July 30, 2022", { text: "July 30, 2022", year: 2022, month: 7, day: 30 }],
    ["part of a longer number", "12.08.09.2019", null],
    ["with a time", "2022-07-30T10:00", null],
    ["lower-case month", "30 july 2022", null],
    // Found by review: each is a line on which chrono's answer differs from the date alone.
    ["an era after it, in any case (chrono reads 'be' as the Buddhist era)", "July 30, 2022 be", null],
    ["an ordinal before it (chrono reads a range from the 1st)", "first – 30 July 2022", null],
    ["an underscore beside it (a word character to chrono)", "Download: 2022-07-30_minutes.pdf", null],
    ["a time zone before a non-ASCII letter", "1.6.2022 ESTé", null],
    ["a time of day after it", "2022-07-01  o'clock", null],
    ["a month name past a slash", "13.6.2000 / Sept. – %", null],
  ])("%s", (_, line, expected) => {
    expect(commonDate(line, "auto")).toEqual(expected);
  });

  it("leaves month-first dotted dates to chrono", () => {
    expect(commonDate("08.09.2019", "mdy")).toBeNull();
    expect(commonDate("08.09.2019", "dmy")).toEqual({ text: "08.09.2019", year: 2019, month: 9, day: 8 });
  });
});

describe("commonDate agrees with chrono", () => {
  const word = fc.constantFrom(
    "By", "by", "BY", "Jane", "Doe", "Simon", "Posted", "posted", "on", "On", "Updated", "Published", "at", "the", "of", "in", "a", "week", "within",
    "days", "ago", "noon", "today", "EST", "PT", "GMT", "UTC", "(ET)", "ESTé", "Mon", "Monday,", "Tue.", "Sunday", "Sat", "|", "·", "•", "—", "-", "--", ",", ".",
    ":", "/", "_", "Jan", "Sept.", "Staff", "Reporter", "Desk", "Newsroom", "Read", "more", "Courier", "independent", "journalism", "since", "Dateline", "Date:",
    "T", "and", "or", "AD", "Ad", "BC", "bc", "be", "ce", "morning", "evening", "tonight", "midnight", "pm", "p.m.", "A.M.", "o'clock", "(", ")", "–", "∙",
    "end", "weekend", "Mark", "Marie", "Karen", "first", "fourth", "fifth", "twenty", "thirtieth", "é", "İ", "Ω",
  );
  const day = fc.integer({ min: 0, max: 32 });
  const month = fc.integer({ min: 0, max: 13 });
  const year = fc.constantFrom(1066, 1799, 1800, 1999, 2000, 2022, 2024, 2026, 2027, 2030, 2565);
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  const monthName = (m: number, lower: boolean): string => {
    const name = MONTHS[(((m - 1) % 12) + 12) % 12]!;
    return lower ? name.toLowerCase() : name;
  };
  const date = fc.oneof(
    fc.tuple(month, day, year, fc.boolean(), fc.boolean()).map(([m, d, y, comma, lower]) => `${monthName(m, lower)} ${d}${comma ? "," : ""} ${y}`),
    fc.tuple(day, month, year, fc.boolean()).map(([d, m, y, comma]) => `${d} ${monthName(m, false)}${comma ? "," : ""} ${y}`),
    fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
    fc.tuple(day, month, year, fc.boolean()).map(([d, m, y, padded]) => (padded ? `${pad(d, 2)}.${pad(m, 2)}.${y}` : `${d}.${m}.${y}`)),
    fc.tuple(day, month, year).map(([d, m, y]) => `${pad(d, 2)}/${pad(m, 2)}/${y}`),
    fc.constantFrom("10:15", "2022", "3rd", "4th of July", "2022-07-30T10:00"),
  );
  const piece = fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: date });
  // What lies between two pieces: nothing at all too, so that words touch a date.
  const glue = fc.constantFrom(" ", " ", " ", "  ", " | ", ", ", "", "_", "\t", "\u00a0");
  const order = fc.constantFrom<DateOrder>("auto", "dmy", "mdy");

  it("gives every generated line the same date, dateline judgement and ambiguous date as chrono alone", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, glue), { minLength: 1, maxLength: 7 }), fc.boolean(), order, (pieces, first, o) => {
        const line = pieces.map(([p, g]) => p + g).join("");
        if (commonDate(line, o)) read++;
        expect(judge(line, first, o, true)).toEqual(judge(line, first, o, false));
      }),
      { numRuns: Number(process.env["DATES_RUNS"] ?? 4000) },
    );
    // The generator must reach the reader, or the comparison says nothing (about 5% of lines do).
    expect(read).toBeGreaterThan(Number(process.env["DATES_RUNS"] ?? 4000) / 100);
  });

  describe("on a generated corpus's articles", () => {
    const corpus = generatedCorpus(400, 11, "statdup-dates-");

    it("reads most of their datelines, each as chrono does", () => {
      let dated = 0;
      let read = 0;
      for (const file of fg.sync("**/*.{txt,md}", { cwd: corpus() })) {
        const text = readFileSync(path.join(corpus(), file), "utf8");
        const lines = text.slice(0, 1200).split(/\r?\n/).filter((l) => l.trim() !== "");
        lines.forEach((line, i) => {
          if (!/\d{4}/.test(line)) return;
          dated++;
          if (commonDate(line, "auto")) read++;
          for (const o of ["auto", "dmy", "mdy"] as const) expect(judge(line, i === 0, o, true), line).toEqual(judge(line, i === 0, o, false));
        });
      }
      expect(dated).toBeGreaterThan(300);
      // Most datelines take the common forms: the point of reading them without chrono.
      expect(read / dated).toBeGreaterThan(0.6);
    });
  });

  it("leaves findDate's answers on the documented forms as they were", () => {
    expect(findDate("Statement\n\nPosted on 2022-07-30 by the editors").date).toBe("2022-07-30");
    expect(findDate("Statement\n\nJane Doe — 30.07.2020").date).toBe("2020-07-30");
    expect(findDate("Statement\n\nJuly 31, 2022 EST").date).toBe("2022-07-31");
  });
});
