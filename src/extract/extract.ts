/**
 * Extract: one decoded file's text to its document, with metadata and
 * paragraphs whose lines are the file's — by format (format.ts):
 * plain text and Markdown (extract-text.ts), HTML pages (html.ts). JSON Lines
 * archives hold many documents and are streamed record by record instead
 * (jsonl.ts, read-documents.ts).
 */
import type { DateOrder } from "./dates.js";
import { extractPlain, type Extracted } from "./extract-text.js";
import type { InputFormat } from "./format.js";
import { extractHtml } from "./html.js";

export { copyrightHolder, sha256, type Extracted } from "./extract-text.js";

export interface ExtractRequest {
  readonly path: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly format: Exclude<InputFormat, "jsonl">;
  readonly dateOrder?: DateOrder;
}

export function extract(request: ExtractRequest): Extracted {
  if (request.format === "html") return extractHtml(request);
  return extractPlain(request, request.format === "markdown");
}
