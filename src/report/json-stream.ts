/**
 * JSON output in pieces: the text `JSON.stringify(value, null, 2) + "\n"`
 * gives, byte for byte, made one array element at a time for the arrays at the
 * top level (a report's documents, pairs and families), in chunks of about
 * `CHUNK` characters. A 200,000-document report is a quarter of a gigabyte of
 * JSON; built as one string it was the peak of the run's memory, and written
 * this way it is never whole in memory.
 */

/** Characters gathered before a chunk is handed out. */
export const CHUNK = 1 << 16;

/** `JSON.stringify(v, null, 2)` of a value inside an array or object, "null" where JSON has none. */
function stringify(v: unknown): string | undefined {
  return JSON.stringify(v, null, 2);
}

/** Indent every line after the first (JSON strings hold no raw line breaks, so every "\n" is layout). */
function indent(text: string, by: string): string {
  return text.replaceAll("\n", "\n" + by);
}

/** What `JSON.stringify` of `{ x: [v] }` puts before and after v's text, at two spaces a level. */
const ELEMENT_BEFORE = '{\n  "x": [\n'.length;
const ELEMENT_AFTER = "\n  ]\n}".length;

/**
 * An element of an array at the top level, as the whole report's text has it:
 * four spaces in, "null" where JSON has no value. Stringified in place inside
 * a wrapper, so that JSON.stringify writes the indentation: indenting its text
 * afterwards was a second pass over every element (a quarter of the writer's
 * time, 0.2 s of 0.9 s at 200,000 documents).
 */
function arrayElement(v: unknown): string {
  const text = JSON.stringify({ x: [v] }, null, 2);
  return text.slice(ELEMENT_BEFORE, text.length - ELEMENT_AFTER);
}

/**
 * Does JSON.stringify leave this property out? Asked without stringifying it:
 * asking by `stringify(v) === undefined` made the whole report's text at once,
 * the very peak this writer is for (300 MB at 200,000 documents).
 */
function omitted(v: unknown): boolean {
  if (v === undefined || typeof v === "function" || typeof v === "symbol") return true;
  // An object's toJSON decides for it (a Date's, say): only then is it stringified to know.
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") return stringify(v) === undefined;
  return false;
}

export function* jsonChunks(value: unknown): Generator<string> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    yield (stringify(value) ?? "undefined") + "\n";
    return;
  }
  let buffer = "";
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield "{}\n";
    return;
  }
  buffer += "{\n";
  for (let k = 0; k < entries.length; k++) {
    const [key, v] = entries[k]!;
    const comma = k < entries.length - 1 ? "," : "";
    buffer += `  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      buffer += "[\n";
      for (let i = 0; i < v.length; i++) {
        buffer += arrayElement(v[i]) + (i < v.length - 1 ? ",\n" : "\n");
        if (buffer.length >= CHUNK) {
          yield buffer;
          buffer = "";
        }
      }
      buffer += "  ]" + comma + "\n";
    } else {
      buffer += indent(stringify(v)!, "  ") + comma + "\n";
    }
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer + "}\n";
}
