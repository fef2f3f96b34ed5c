/**
 * Read: bytes to text. UTF-8 with or without BOM, UTF-16 LE/BE with BOM.
 * Binary files (a NUL byte in the first 8 KiB without a UTF-16 BOM), files over
 * the size limit, and things that are not regular files become a `ScanError`
 * with a code saying why; bytes that are not valid UTF-8 are read as
 * Windows-1252 (the usual legacy encoding of web text) with a warning, so that
 * no text is silently dropped.
 */
import { readFile, stat } from "node:fs/promises";
import type { ScanError, SourceFile } from "../model.js";

export type ReadOutcome =
  | { readonly ok: true; readonly text: string; readonly bytes: Uint8Array; readonly warning?: ScanError }
  | { readonly ok: false; readonly error: ScanError };

const SNIFF_BYTES = 8192;

function fail(path: string, code: string, message: string): ReadOutcome {
  return { ok: false, error: { path, code, message } };
}

/** Decode bytes to text, or say why they are not text. */
export function decode(path: string, bytes: Uint8Array): ReadOutcome {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, bytes, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, bytes, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  }
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return fail(path, "binary", "binary file (NUL byte), not text: skipped");
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, bytes, text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    return {
      ok: true,
      bytes,
      text: new TextDecoder("windows-1252").decode(body),
      warning: { path, code: "not-utf8", message: "not valid UTF-8: read as Windows-1252" },
    };
  }
}

/** Read and decode one file; never throws. */
export async function readSource(file: SourceFile, maxFileSize: number, stdin?: string): Promise<ReadOutcome> {
  if (file.absolutePath === "-") {
    const text = stdin ?? "";
    return { ok: true, text, bytes: new TextEncoder().encode(text) };
  }
  try {
    const st = await stat(file.absolutePath);
    if (!st.isFile()) return fail(file.path, "not-a-file", "not a regular file: skipped");
    if (st.size > maxFileSize) {
      return fail(file.path, "too-large", `${st.size} bytes is over the limit of ${maxFileSize} (--max-file-size): skipped`);
    }
    return decode(file.path, await readFile(file.absolutePath));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "EIO";
    const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "vanished before it could be read" : (err as Error).message;
    return fail(file.path, "unreadable", `cannot read: ${reason}`);
  }
}
