/**
 * Read: one whole file's bytes to text (decode.ts says how). Never throws:
 * what cannot be read becomes a `ScanError` whose code says why —
 *
 *   not-a-file   a folder, FIFO, socket or device given or matched as a file
 *   too-large    over `--max-file-size` bytes
 *   unreadable   permission denied, vanished before it was read, I/O error
 *   binary       NUL bytes, control characters, or a binary format's signature
 *   unsupported-encoding  UTF-32
 *   (and whatever discover found: symlink-loop, broken-link, …)
 *
 * and what was read with a doubt carries a warning: `not-utf8` (read as
 * Windows-1252), `encoding-replaced` (invalid bytes replaced with U+FFFD),
 * `changed` (the file changed size while it was being read).
 *
 * JSON Lines files are not read whole: see read-lines.ts.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { ScanError, SourceFile } from "../model.js";
import { decode } from "./decode.js";

export type ReadOutcome =
  | {
      readonly ok: true;
      readonly text: string;
      readonly bytes: Uint8Array;
      /** The file's modification time (null for standard input). */
      readonly modified: Date | null;
      readonly warning?: ScanError;
    }
  | { readonly ok: false; readonly error: ScanError };

export interface ReadFileSettings {
  readonly maxFileSize: number;
  /** `auto` or an encoding label (see decode.ts). */
  readonly encoding?: string;
  /** The file is an HTML page (its declared charset counts). */
  readonly html?: boolean;
  /** Text of standard input, for the input "-". */
  readonly stdin?: string | undefined;
}

function fail(path: string, code: string, message: string): ReadOutcome {
  return { ok: false, error: { path, code, message } };
}

/** Why a file system call failed, for people. */
export function reasonOf(err: unknown): { code: string; reason: string } {
  const code = (err as NodeJS.ErrnoException)?.code ?? "EIO";
  switch (code) {
    case "EACCES":
    case "EPERM":
      return { code: "unreadable", reason: "permission denied" };
    case "ENOENT":
      return { code: "unreadable", reason: "vanished before it could be read" };
    case "ELOOP":
      return { code: "symlink-loop", reason: "symbolic link loop" };
    case "EISDIR":
      return { code: "not-a-file", reason: "a folder, not a file" };
    default:
      return { code: "unreadable", reason: (err as Error)?.message ?? String(err) };
  }
}

/** Read a file expected to be `size` bytes: one read when it still is, more when it grew (up to just past `limit`). */
function readAll(fd: number, size: number, limit: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    const wanted = buffer.length - length;
    const bytesRead = readSync(fd, buffer, length, wanted, length);
    length += bytesRead;
    // A short read of a regular file is its end.
    if (bytesRead < wanted) return buffer.subarray(0, length);
    if (length > limit) return buffer.subarray(0, length);
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
  }
}

/**
 * Read and decode one file; never throws. The file is opened once, without
 * blocking (a FIFO named like a text file must not hang the scan), and
 * checked through its open descriptor, so that it cannot be swapped between
 * the check and the read.
 *
 * The calls are synchronous on purpose: a scan reads files in worker threads
 * (or, with one job, a few at a time ahead of hashing), and four thread-pool
 * round trips per small file (open, stat, read, close) cost more than the
 * reads themselves.
 */
export async function readSource(file: SourceFile, s: ReadFileSettings): Promise<ReadOutcome> {
  if (file.problem) return fail(file.path, file.problem.code, file.problem.message);
  let bytes: Uint8Array;
  let expectedSize = -1;
  let modified: Date | null = null;
  if (file.absolutePath === "-") {
    bytes = new TextEncoder().encode(s.stdin ?? "");
  } else {
    let fd = -1;
    try {
      fd = openSync(file.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
      const st = fstatSync(fd);
      if (st.isDirectory()) return fail(file.path, "not-a-file", "a folder, not a file: skipped");
      if (!st.isFile()) return fail(file.path, "not-a-file", "not a regular file (FIFO, socket or device): skipped");
      if (st.size > s.maxFileSize) {
        return fail(file.path, "too-large", `${st.size} bytes is over the limit of ${s.maxFileSize} (--max-file-size): skipped`);
      }
      expectedSize = st.size;
      modified = st.mtime;
      bytes = readAll(fd, st.size, s.maxFileSize);
    } catch (err) {
      const { code, reason } = reasonOf(err);
      return fail(file.path, code, `cannot read: ${reason}: skipped`);
    } finally {
      if (fd >= 0) {
        try {
          closeSync(fd);
        } catch {
          // Nothing to do: the bytes are read.
        }
      }
    }
    if (bytes.length > s.maxFileSize) {
      return fail(file.path, "too-large", `${bytes.length} bytes is over the limit of ${s.maxFileSize} (--max-file-size): skipped`);
    }
  }
  const decoded = decode(bytes, { encoding: s.encoding ?? "auto", html: s.html === true });
  if (!decoded.ok) return fail(file.path, decoded.error.code, decoded.error.message);
  const changed = expectedSize >= 0 && expectedSize !== bytes.length;
  const warning = decoded.warning
    ? { path: file.path, ...decoded.warning }
    : changed
      ? { path: file.path, code: "changed", message: `changed while being read (${expectedSize} bytes, then ${bytes.length}): read as found` }
      : undefined;
  return { ok: true, text: decoded.text, bytes, modified, ...(warning ? { warning } : {}) };
}
