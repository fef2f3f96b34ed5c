/**
 * Which reader a file gets, by its extension (case-insensitive): `.html` and
 * `.htm` are HTML pages, `.md` and `.markdown` Markdown, `.jsonl` and
 * `.ndjson` JSON Lines archives, anything else plain text. Standard input
 * ("-") is read as `--stdin-format` says (default text).
 */
export const INPUT_FORMATS = ["text", "markdown", "html", "jsonl"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export function formatOf(path: string, stdinFormat: InputFormat = "text"): InputFormat {
  if (path === "-") return stdinFormat;
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  switch (m?.[1]!.toLowerCase()) {
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    case "md":
    case "markdown":
      return "markdown";
    case "jsonl":
    case "ndjson":
      return "jsonl";
    default:
      return "text";
  }
}
