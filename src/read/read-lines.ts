/**
 * Read a file line by line, streamed: for JSON Lines archives, which may be far
 * larger than memory allows to read whole. Memory stays bounded by the longest
 * line kept: a line over `maxLineBytes` is skipped as it streams past (its
 * bytes are counted, not kept) and reported as `too-long`.
 *
 * The file's head is sniffed like any file's (decode.ts): binary signatures
 * and NUL bytes stop it with one error. UTF-8 (BOM stripped) and every
 * ASCII-compatible `--encoding` are split on the LF byte (it never occurs
 * inside a multi-byte character of those encodings); UTF-16 files with a BOM
 * are decoded as a stream and split on "\n". A line with invalid bytes is
 * decoded with U+FFFD for them and marked `replaced`. Never throws.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ScanError, SourceFile } from "../model.js";
import { bomOf, encodingName, utf16WithoutBom } from "./decode.js";
import { reasonOf } from "./read-file.js";
import { binarySignature } from "./sniff.js";
import { decodeBytes } from "./text-decoder.js";

export type LineEvent =
  /** One line (without its line break), 1-based `line`; `bytes` are its raw bytes. */
  | { readonly kind: "line"; readonly line: number; readonly text: string; readonly bytes: Uint8Array; readonly replaced: boolean }
  /** A line longer than the limit, skipped. */
  | { readonly kind: "too-long"; readonly line: number; readonly bytes: number }
  /** The file cannot be read (any more): the last event. */
  | { readonly kind: "error"; readonly error: ScanError };

export interface ReadLinesSettings {
  readonly maxLineBytes: number;
  readonly encoding?: string;
  readonly stdin?: string | undefined;
  /** Bytes per read (tests use small chunks to cross every boundary). */
  readonly chunkSize?: number;
}

const SNIFF_BYTES = 8192;

async function* chunksOf(file: SourceFile, s: ReadLinesSettings): AsyncGenerator<Uint8Array> {
  if (file.absolutePath === "-") {
    const all = new TextEncoder().encode(s.stdin ?? "");
    const size = s.chunkSize ?? 1 << 20;
    for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
    return;
  }
  for await (const chunk of createReadStream(file.absolutePath, { highWaterMark: s.chunkSize ?? 1 << 20 })) yield chunk as Buffer;
}

function decodeLine(encoding: string, bytes: Uint8Array): { text: string; replaced: boolean } {
  try {
    return { text: decodeBytes(encoding, bytes, true), replaced: false };
  } catch {
    return { text: decodeBytes(encoding, bytes), replaced: true };
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The lines of a file, streamed. */
export async function* readLines(file: SourceFile, s: ReadLinesSettings): AsyncGenerator<LineEvent> {
  const fail = (code: string, message: string): LineEvent => ({ kind: "error", error: { path: file.path, code, message } });
  if (file.problem) {
    yield fail(file.problem.code, file.problem.message);
    return;
  }
  if (file.absolutePath !== "-") {
    try {
      const st = await stat(file.absolutePath);
      if (st.isDirectory()) return yield fail("not-a-file", "a folder, not a file: skipped");
      if (!st.isFile()) return yield fail("not-a-file", "not a regular file (FIFO, socket or device): skipped");
    } catch (err) {
      const { code, reason } = reasonOf(err);
      return yield fail(code, `cannot read: ${reason}: skipped`);
    }
  }
  const chosen = s.encoding && s.encoding !== "auto" ? encodingName(s.encoding) : null;
  let encoding = chosen ?? "utf-8";
  let stringMode = false;
  let first = true;
  let line = 1;
  // Byte mode: the current line's parts.
  let parts: Uint8Array[] = [];
  let length = 0;
  let skipped = -1; // bytes of a too-long line being skipped, or -1
  // String mode (UTF-16): a streaming decoder and the current line's text.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let pending = "";

  const endLine = function* (tail: Uint8Array): Generator<LineEvent> {
    if (skipped >= 0) {
      yield { kind: "too-long", line, bytes: skipped + tail.length };
      skipped = -1;
    } else {
      let bytes = length === 0 ? tail : concat([...parts, tail], length + tail.length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length > s.maxLineBytes) yield { kind: "too-long", line, bytes: bytes.length };
      else yield { kind: "line", line, bytes, ...decodeLine(encoding, bytes) };
    }
    parts = [];
    length = 0;
    line++;
  };

  try {
    for await (let chunk of chunksOf(file, s)) {
      if (first) {
        first = false;
        const bom = bomOf(chunk);
        if (bom?.encoding.startsWith("utf-32")) return yield fail("unsupported-encoding", `${bom.encoding.toUpperCase()} text is not supported: skipped`);
        const head = chunk.subarray(bom ? bom.length : 0, SNIFF_BYTES);
        const utf16 = bom?.encoding.startsWith("utf-16") ? bom.encoding : chosen?.startsWith("utf-16") ? chosen : head.includes(0) && !chosen ? utf16WithoutBom(head) : null;
        if (utf16) {
          stringMode = true;
          decoder = new TextDecoder(utf16, { ignoreBOM: false });
        } else {
          const signature = binarySignature(head);
          if (signature) return yield fail("binary", `${signature}, not text: skipped`);
          if (head.includes(0)) return yield fail("binary", "binary file (NUL byte), not text: skipped");
          if (bom) {
            encoding = "utf-8";
            chunk = chunk.subarray(bom.length);
          }
        }
      }
      if (stringMode) {
        pending += decoder!.decode(chunk, { stream: true });
        let from = 0;
        let nl: number;
        while ((nl = pending.indexOf("\n", from)) >= 0) {
          const text = pending.slice(from, nl).replace(/\r$/, "");
          from = nl + 1;
          if (skipped >= 0 || text.length * 2 > s.maxLineBytes) yield { kind: "too-long", line, bytes: Math.max(skipped, 0) + text.length * 2 };
          else yield { kind: "line", line, text, bytes: new TextEncoder().encode(text), replaced: text.includes("\ufffd") };
          skipped = -1;
          line++;
        }
        pending = pending.slice(from);
        if (pending.length * 2 > s.maxLineBytes) {
          skipped = Math.max(skipped, 0) + pending.length * 2;
          pending = "";
        }
        continue;
      }
      let at = 0;
      while (at < chunk.length) {
        const nl = chunk.indexOf(10, at);
        const end = nl < 0 ? chunk.length : nl;
        const piece = chunk.subarray(at, end);
        if (nl < 0) {
          if (skipped >= 0) skipped += piece.length;
          else if (length + piece.length > s.maxLineBytes) {
            skipped = length + piece.length;
            parts = [];
            length = 0;
          } else {
            // Copy: a stream may reuse its buffers.
            parts.push(Uint8Array.from(piece));
            length += piece.length;
          }
          break;
        }
        yield* endLine(piece);
        at = nl + 1;
      }
    }
  } catch (err) {
    const { code, reason } = reasonOf(err);
    return yield fail(code, `cannot read at line ${line}: ${reason}`);
  }
  if (stringMode) {
    pending += decoder!.decode();
    if (skipped >= 0) yield { kind: "too-long", line, bytes: skipped + pending.length * 2 };
    else if (pending.length > 0) yield { kind: "line", line, text: pending.replace(/\r$/, ""), bytes: new TextEncoder().encode(pending), replaced: pending.includes("\ufffd") };
    return;
  }
  if (length > 0 || skipped >= 0) yield* endLine(new Uint8Array(0));
}
