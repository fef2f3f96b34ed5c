/**
 * JSON output in pieces: the text `JSON.stringify(value, null, 2) + "\n"`
 * gives, byte for byte, made one array element at a time for the arrays at the
 * top level (a report's documents, pairs and families), in chunks of about
 * `CHUNK` characters. A 200,000-document report is a quarter of a gigabyte of
 * JSON; built as one string it was the peak of the run's memory, and written
 * this way it is never whole in memory.
 */

/** Characters gathered before a chunk is handed out. */
const CHUNK = 1 << 16;

/** `JSON.stringify(v, null, 2)` of a value inside an array or object, "null" where JSON has none. */
function stringify(v: unknown): string | undefined {
  return JSON.stringify(v, null, 2);
}

/** Indent every line after the first (JSON strings hold no raw line breaks, so every "\n" is layout). */
function indent(text: string, by: string): string {
  return text.replaceAll("\n", "\n" + by);
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
        buffer += "    " + indent(stringify(v[i]) ?? "null", "    ") + (i < v.length - 1 ? ",\n" : "\n");
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
