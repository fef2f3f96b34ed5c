import * as chrono from "chrono-node/en";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDate, mayHoldCompleteDate, type DateOrder } from "../../src/extract/dates.js";

describe("findDate: the date forms articles state", () => {
  it.each<[string, string, DateOrder, string | null]>([
    ["month name first", "Statement\n\nJuly 30, 2022\n\nText.", "auto", "2022-07-30"],
    ["day first with month name", "Statement\n\n30 July 2020\n\nText.", "auto", "2020-07-30"],
    ["ISO", "Statement\n\nPosted on 2022-07-30 by the editors", "auto", "2022-07-30"],
    ["dotted numeric dates are day first", "Statement\n\n30.07.2020", "auto", "2020-07-30"],
    ["dotted, day and month both under 13", "Statement\n\n04.03.2020", "auto", "2020-03-04"],
    ["abbreviated month", "Statement\n\nBy Jane Doe | 12 Jan 2021", "auto", "2021-01-12"],
    ["a date in the title is used when nothing else is", "IOM Director General Statement – July 30, 2022\n\nText.", "auto", "2022-07-30"],
    ["a dateline wins over a date in the title", "On January 28, 1835 the ship sailed\n\nBy Jane | 12 March 2021", "auto", "2021-03-12"],
    [
      "a headline about a date below the site's chrome gives way to the dateline under it",
      "Skip to content\n\nMidland Courier: independent journalism since 1957\n\nOn May 9 1958\n\nPosted on March 21, 2022 by James Torres\n\nText.",
      "auto",
      "2022-03-21",
    ],
    ["a short line that is mostly a date is the date when nothing surer follows", "Statement\n\nMonday, July 30, 2022 at 10:15\n\nText.", "auto", "2022-07-30"],
    ["slashed date, unambiguous", "Statement\n\n25/12/2020", "auto", "2020-12-25"],
    ["slashed date, ambiguous: left undated", "Statement\n\n03/04/2020", "auto", null],
    ["slashed date, read day first", "Statement\n\n03/04/2020", "dmy", "2020-04-03"],
    ["slashed date, read month first", "Statement\n\n03/04/2020", "mdy", "2020-03-04"],
    ["relative phrases are not dates", "Within Half an Hour\n\nTen days after the storm, for a week, in the second round.", "auto", null],
    ["weekday alone is not a date", "Friday\n\nText.", "auto", null],
    ["a date does not run across a blank line", "In affirming this we need First\n\nAugust 24, 2021", "auto", "2021-08-24"],
    ["a year alone is not a date", "According to the 2022 report, 90,000 victims were identified.", "auto", null],
    ["implausible years are ignored", "Statement\n\nJuly 30, 1066", "auto", null],
    [
      "a date mentioned in a paragraph of prose is not the publication date",
      "Grand jury report\n\nThe company, which was founded on April 7, 1923, in a small shop on the river, has grown into the largest employer of the county.",
      "auto",
      null,
    ],
  ])("%s", (_, text, order, expected) => {
    expect(findDate(text, order).date).toBe(expected);
  });

  it.each<[string, string, string | null]>([
    ["a date alone, padded past a hundred characters with spaces", "Title here\n" + " ".repeat(95) + "July 30, 2022", "2022-07-30"],
    ["a date alone, followed by a rule", "Title here\nJuly 30, 2022 " + "=".repeat(95), "2022-07-30"],
    ["a long line that is mostly a date and a time", "Title here\n" + " ".repeat(90) + "July 30, 2022 at 10:15 am", "2022-07-30"],
    ["a padded dateline before a shorter dated line", "Title here\n" + "\t".repeat(90) + "Monday, July 30, 2022\nMarch 1, 2020", "2022-07-30"],
  ])("a long line is still a dateline when it holds little else: %s", (_, text, expected) => {
    expect(findDate(text).date).toBe(expected);
  });

  it("reads a dateline that runs past the part of the text searched to its end, not cut", () => {
    // The searched part ends inside the date: cut there, "2022-07-30" would read as "2022-07-3", 3 July.
    const dateline = "Posted on 2022-07-30 by the editors";
    const text = `Title\n${"y".repeat(1200 - 7 - "Posted on 2022-07-3".length)}\n${dateline}\nBody.`;
    expect(text.slice(0, 1200).endsWith("Posted on 2022-07-3")).toBe(true);
    expect(findDate(text).date).toBe("2022-07-30");
    // With CRLF line ends, a dated line of 100 characters (the most a line without dateline words may
    // have) that runs past the limit: read to its end without its "\r", it is still 100.
    const crlf = `Title\r\n${"y".repeat(1180)}\r\n${"In Salem: 2022-07-30, a note".padEnd(100, " x")}\r\nBody`;
    expect(findDate(crlf).date).toBe("2022-07-30");
    // A line that runs far past it is still cut there: no date is looked for beyond.
    const far = `Title\n${"y".repeat(1180)} ${"z".repeat(400)} July 30, 2022\nBody.`;
    expect(findDate(far).date).toBeNull();
  });

  it("passes over a long line of prose, and the ambiguous date in it", () => {
    const prose = "The committee, which met on 03/04/2020 in the old town hall by the river, heard from forty witnesses over three long days and then adjourned until the spring.";
    expect(findDate(`Title here\n${prose}`)).toEqual({ date: null, ambiguous: null });
    // Short, it would be a likely dateline whose date cannot be read either way.
    expect(findDate("Title here\nMet on 03/04/2020").ambiguous).toBe("03/04/2020");
  });

  it("reports the ambiguous date it passed over, so the user can be told", () => {
    expect(findDate("Statement\n\n03/04/2020", "auto")).toEqual({ date: null, ambiguous: "03/04/2020" });
    expect(findDate("Statement\n\n03/04/2020", "dmy").ambiguous).toBeNull();
  });
});

describe("mayHoldCompleteDate: the filter in front of chrono", () => {
  const REFERENCE = new Date(Date.UTC(2000, 0, 1));
  const dayFirst = new chrono.Chrono(chrono.configuration.createConfiguration(true, true));
  /** A date chrono reads with year, month and day all stated, the year in four digits, not relative: what findDate takes. */
  const chronoFindsDate = (line: string): boolean =>
    [chrono.strict, dayFirst].some((parser) =>
      parser
        .parse(line, REFERENCE)
        .some(
          (r) =>
            r.start.isCertain("year") &&
            r.start.isCertain("month") &&
            r.start.isCertain("day") &&
            !r.tags().has("result/relativeDate") &&
            /\b\d{4}\b/.test(r.text),
        ),
    );
  const piece = fc.oneof(
    fc.constantFrom("By", "Jane", "Doe", "|", "·", "—", "--", "Posted", "on", "at", "since", "independent", "journalism", "the", "fourth", "of", "first", "Monday,", "Sept.", "sept", "Jan", "JULY", "may", "March", "december", "ago", "within", "days", "years", "10:15", "a.m."),
    fc.integer({ min: 1, max: 31 }).map(String),
    fc.integer({ min: 1800, max: 2030 }).map(String),
    fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1900, max: 2030 }), fc.constantFrom(".", "/", "-")).map(([d, m, y, sep]) => [d, m, y].join(sep)),
    fc.tuple(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  );

  it("never turns away a line in which chrono finds a complete date", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const line = pieces.join(" ");
        if (chronoFindsDate(line)) expect(mayHoldCompleteDate(line)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("turns away a year alone, such as a site's tagline, and the dates are still found below it", () => {
    expect(mayHoldCompleteDate("Midland Courier: independent journalism since 1957")).toBe(false);
    expect(mayHoldCompleteDate("The 2022 report")).toBe(false);
    expect(mayHoldCompleteDate("By Jane Doe | 05.03.2021")).toBe(true);
    expect(mayHoldCompleteDate("Posted on March 5 by Jane, 2021")).toBe(true);
    expect(findDate("Midland Courier: independent journalism since 1957\n\nBy Jane Doe | 05.03.2021\n\nText.").date).toBe("2021-03-05");
  });

  it("keeps a date whose only digits are the year's, its month named", () => {
    for (const line of ["The Fourth of July, 2022", "Sept. first, 2021", "the fourthofjuly 2022"]) expect(mayHoldCompleteDate(line)).toBe(true);
    expect(findDate("Statement\n\nThe Fourth of July, 2022\n\nText.").date).toBe("2022-07-04");
    expect(findDate("Statement\n\nSept. first, 2021\n\nText.").date).toBe("2021-09-01");
  });

  it("takes no date from a relative phrase with a four-digit number", () => {
    // chrono counts these from its reference date and calls the result certain.
    // With a fifth digit or a month name the line passes mayHoldCompleteDate: chrono is asked, and its answer turned down.
    for (const text of ["Title\n\nPosted 1000 days ago", "Title\n\nUpdated 2000 days ago by 12 editors", "Title\n\nwithin 1800 days, May"]) expect(findDate(text).date).toBeNull();
  });
});
