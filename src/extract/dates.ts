/**
 * Publication dates stated in a document's text: datelines and forms such as
 * "July 30, 2022", "30 July 2020", "2022-07-30", "30.07.2020".
 *
 * Parsing is chrono-node's strict mode (formal dates only: never "Friday" or
 * "last year"), looked for near the top of the document, where datelines are.
 * A numeric date whose day and month could be swapped (03/04/2020) is taken
 * only when `--date-order` says how to read it; otherwise it is reported as
 * ambiguous and not used — a wrong date is worse than none for provenance.
 * Dotted numeric dates (12.04.2022) are day first: that is the convention
 * wherever dots are used (DIN 5008 and most of Europe); only slashed and
 * dashed ones are ambiguous.
 */
import * as chrono from "chrono-node";

export type DateOrder = "auto" | "dmy" | "mdy";

export interface DateFinding {
  /** ISO `YYYY-MM-DD`, or null when none was found (or only an ambiguous one). */
  readonly date: string | null;
  /** The text of an ambiguous numeric date that was passed over. */
  readonly ambiguous: string | null;
}

const monthFirst = chrono.strict;
const dayFirst = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
/** How far into the text datelines are looked for. */
const HEAD_CHARS = 1200;
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function plausible(year: number): boolean {
  return year >= 1800 && year <= new Date().getUTCFullYear() + 1;
}

/** The first complete, plausible date near the top of `text`. */
export function findDate(text: string, order: DateOrder = "auto"): DateFinding {
  const head = text.slice(0, HEAD_CHARS);
  const parser = order === "dmy" ? dayFirst : monthFirst;
  let ambiguous: string | null = null;
  for (const r of parser.parse(head, REFERENCE)) {
    const s = r.start;
    if (!s.isCertain("year") || !s.isCertain("month") || !s.isCertain("day")) continue;
    const year = s.get("year")!;
    const month = s.get("month")!;
    const day = s.get("day")!;
    if (!plausible(year)) continue;
    const numeric = NUMERIC.exec(r.text.trim());
    if (numeric && order === "auto" && r.text.includes(".")) {
      const first = Number(numeric[1]);
      const second = Number(numeric[2]);
      const y = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
      if (first <= 31 && second <= 12 && plausible(y)) return { date: iso(y, second, first), ambiguous };
    }
    if (numeric && order === "auto") {
      const a = Number(numeric[1]);
      const b = Number(numeric[2]);
      if (a <= 12 && b <= 12 && a !== b) {
        ambiguous ??= r.text.trim();
        continue;
      }
    }
    return { date: iso(year, month, day), ambiguous };
  }
  return { date: null, ambiguous };
}
