/**
 * Binary signatures: the first bytes of file formats that are never text, so
 * that a PDF or an image saved with a `.txt` or `.html` name is skipped with
 * a reason that names it, even when no NUL byte comes early.
 */

interface Signature {
  readonly name: string;
  readonly bytes: readonly number[];
  /** Offset of `bytes` in the file. */
  readonly at?: number;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { name: "PDF document", bytes: ascii("%PDF-") },
  { name: "PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: "JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { name: "GIF image", bytes: ascii("GIF8") },
  { name: "WebP image", bytes: ascii("WEBP"), at: 8 },
  { name: "BMP image", bytes: ascii("BM") },
  { name: "TIFF image", bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: "TIFF image", bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: "ICO image", bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: "ZIP archive (or DOCX, EPUB, ODT)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "gzip archive", bytes: [0x1f, 0x8b] },
  { name: "bzip2 archive", bytes: ascii("BZh") },
  { name: "xz archive", bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: "7-Zip archive", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: "Zstandard archive", bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: "RAR archive", bytes: ascii("Rar!") },
  { name: "OLE document (DOC, XLS, MSG)", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: "ELF executable", bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: "Windows executable", bytes: ascii("MZ") },
  { name: "WebAssembly module", bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: "SQLite database", bytes: ascii("SQLite format 3\0") },
  { name: "MP3 audio", bytes: ascii("ID3") },
  { name: "Ogg media", bytes: ascii("OggS") },
  { name: "RIFF media (WAV, AVI)", bytes: ascii("RIFF") },
  { name: "MP4/QuickTime media", bytes: ascii("ftyp"), at: 4 },
  { name: "Matroska/WebM media", bytes: [0x1a, 0x45, 0xdf, 0xa3] },
];

/** Formats whose signature is also plausible at the start of a text file: need a control byte too. */
const WEAK = new Set(["BMP image", "Windows executable", "bzip2 archive", "MP3 audio", "RIFF media (WAV, AVI)", "GIF image", "Ogg media", "RAR archive"]);

function hasControlByte(head: Uint8Array): boolean {
  for (const b of head.subarray(0, 512)) if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) return true;
  return false;
}

/** The name of the binary format `head` starts with, or null. */
export function binarySignature(head: Uint8Array): string | null {
  for (const s of SIGNATURES) {
    const at = s.at ?? 0;
    if (head.length < at + s.bytes.length) continue;
    if (!s.bytes.every((b, i) => head[at + i] === b)) continue;
    if (WEAK.has(s.name) && !hasControlByte(head)) continue;
    return s.name;
  }
  return null;
}
