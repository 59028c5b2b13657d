/**
 * Turns a file's bytes into text, or says why it cannot: binary content (NUL bytes) or invalid UTF-8.
 * Strips a UTF-8 byte-order mark and records the line endings seen. A file opening with a UTF-16 byte-order mark
 * (what Windows PowerShell 5's `Out-File` and `>` write) is read as UTF-16. Pure: no I/O.
 */

/** Line ending seen in a file. */
export type EolStyle = 'lf' | 'crlf' | 'mixed' | 'none';

/** The encodings membank reads and writes back: UTF-8, and UTF-16 when a byte-order mark says so. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A file that decoded as text. */
export interface DecodedText {
  ok: true;
  /** The text with the BOM (if any) removed; line endings kept as found. */
  text: string;
  eol: EolStyle;
  /** Whether a byte-order mark was found and stripped. */
  hadBom: boolean;
  encoding: TextEncodingName;
  /**
   * Set when the file is UTF-8 (it holds valid multi-byte characters) with some damaged byte sequences: they were
   * replaced by U+FFFD and the rest was read. Null for clean files.
   */
  damaged: { sequences: number; lines: number[]; detail: string } | null;
}

/** A file that is not text membank reads. */
export interface UndecodableBytes {
  ok: false;
  reason: 'binary' | 'not-utf8' | 'not-utf16';
  /** One line for messages: what was found and where. */
  detail: string;
  /** 0-based byte offset of the first offending byte, when known. */
  offset: number | null;
  /** 1-based line of the first offending byte, when known. */
  line: number | null;
}

/** How many leading bytes are checked for NUL (git uses the same heuristic). */
const binarySniffBytes = 8000;

const utf8Bom = [0xef, 0xbb, 0xbf] as const;

/** One decoder for every file (a non-streaming `decode` keeps no state between calls; replaced after a failure). */
let strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The UTF-16 encoding a file's byte-order mark names (`FF FE` little-endian, `FE FF` big-endian), or null. */
export function readUtf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** A UTF-16 file's text after its byte-order mark, or null when its bytes are not valid UTF-16 (an odd length, a lone surrogate). */
export function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string | null {
  if (bytes.length % 2 !== 0) return null;
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
  } catch {
    // The decoder's error is the answer: not UTF-16 (the caller reports the file).
    return null;
  }
}

/** Text as UTF-16 bytes with the byte-order mark of `encoding` (the encoder for files read by `decodeUtf16`). */
export function encodeUtf16(text: string, encoding: 'utf-16le' | 'utf-16be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const little = encoding === 'utf-16le';
  out[0] = little ? 0xff : 0xfe;
  out[1] = little ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = little ? unit & 0xff : unit >> 8;
    out[3 + i * 2] = little ? unit >> 8 : unit & 0xff;
  }
  return out;
}

/**
 * Decodes bytes as UTF-8 (fatal on invalid sequences), after checking for NUL bytes, which mark a binary file; a
 * UTF-16 byte-order mark first decodes them as UTF-16.
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedText | UndecodableBytes {
  const utf16 = readUtf16Bom(bytes);
  if (utf16 !== null) {
    const text = decodeUtf16(bytes, utf16);
    if (text !== null && !text.includes('\0')) return { ok: true, text, eol: detectEol(text), hadBom: true, encoding: utf16, damaged: null };
    return {
      ok: false,
      reason: text === null ? 'not-utf16' : 'binary',
      detail: text === null ? `a ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} byte-order mark, but bytes that are not valid UTF-16 after it` : `NUL character in UTF-16 text`,
      offset: null,
      line: null,
    };
  }
  const nul = findNulByte(bytes, binarySniffBytes);
  if (nul !== -1) {
    return {
      ok: false,
      reason: 'binary',
      detail: `NUL byte at offset ${nul}`,
      offset: nul,
      line: countLineAt(bytes, nul),
    };
  }
  const hadBom = bytes.length >= 3 && bytes[0] === utf8Bom[0] && bytes[1] === utf8Bom[1] && bytes[2] === utf8Bom[2];
  const body = hadBom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = strictDecoder.decode(body);
  } catch {
    strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const scan = scanUtf8(body);
    const offset = scan.invalid[0] ?? null;
    const at = offset === null ? 0 : offset + (hadBom ? 3 : 0);
    // Valid multi-byte characters beside the bad bytes: a UTF-8 file that was damaged (cut mid-character, a
    // stray byte), not a file in another encoding. Read it, replacing only the damaged sequences.
    if (scan.validMultibyte > 0 && scan.validMultibyte >= scan.invalid.length) {
      const lines = [...new Set(scan.invalid.map((index) => countLineAt(bytes, index + (hadBom ? 3 : 0))))];
      const sample = Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      const damagedText = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
      return {
        ok: true,
        text: damagedText,
        eol: detectEol(damagedText),
        hadBom,
        encoding: 'utf-8',
        damaged: {
          sequences: scan.invalid.length,
          lines,
          detail: `${scan.invalid.length} damaged byte sequence${scan.invalid.length === 1 ? '' : 's'} among ${scan.validMultibyte} valid UTF-8 characters, first at byte ${at} (bytes ${sample})`,
        },
      };
    }
    const sample = Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return {
      ok: false,
      reason: 'not-utf8',
      detail: `invalid UTF-8 at byte ${at} (bytes ${sample})`,
      offset: at,
      line: countLineAt(bytes, at),
    };
  }
  return { ok: true, text, eol: detectEol(text), hadBom, encoding: 'utf-8', damaged: null };
}

/** Says which line endings a text uses: `lf`, `crlf`, `mixed`, or `none` (a single line). */
export function detectEol(text: string): EolStyle {
  // Most files have no CR at all: then every break is a lone LF.
  if (!text.includes('\r')) return text.includes('\n') ? 'lf' : 'none';
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf > 0 && lf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}

/** 1-based line number of a byte offset (counts LF bytes before it). */
function countLineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Finds the first NUL byte within the first `limit` bytes, or -1. */
function findNulByte(bytes: Uint8Array, limit: number): number {
  return (bytes.length > limit ? bytes.subarray(0, limit) : bytes).indexOf(0);
}

/**
 * Scans bytes as UTF-8 (TextDecoder does not say where it failed): offsets of invalid sequences (each skipped
 * one byte at a time) and how many valid multi-byte characters there are.
 */
function scanUtf8(bytes: Uint8Array): { invalid: number[]; validMultibyte: number } {
  const invalid: number[] = [];
  let validMultibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = readUtf8Sequence(bytes, i);
    if (length === 0) {
      invalid.push(i);
      i += 1;
      continue;
    }
    if (length > 1) validMultibyte += 1;
    i += length;
  }
  return { invalid, validMultibyte };
}

/** Length of the valid UTF-8 sequence at `i` (1–4), or 0 when the bytes there are not one. */
function readUtf8Sequence(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  if (b < 0x80) return 1;
  let need: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) {
    need = 1;
    min = 0x80;
  } else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    min = 0x800;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    min = 0x10000;
  } else {
    return 0;
  }
  let cp = b & (0xff >> (need + 2));
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}
