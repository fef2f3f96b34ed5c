/**
 * JSON Lines field names (jsonl.ts), apart from the extraction code so that
 * options.ts can name the defaults without loading the extractors.
 */
export interface JsonlFields {
  readonly text: string;
  readonly id: string;
  readonly date: string;
  readonly title: string;
  readonly url: string;
}

export const DEFAULT_JSONL_FIELDS: JsonlFields = Object.freeze({ text: "text", id: "id", date: "date", title: "title", url: "url" });
