/**
 * The byte model write-back edits against: a UTF-8 file (or a UTF-16 one, with its byte-order mark) split into
 * lines whose breaks (`\r\n`, `\n`, a lone `\r`, as the parser counts them) and BOM are kept apart from the text,
 * so a file is rebuilt byte for byte in its own encoding.
 */
import { InternalError } from '../../core/errors.js';
import { decodeUtf16, encodeUtf16, readUtf16Bom, type TextEncodingName } from '../decode.js';

/** One line of a file: its text and the break that ends it (empty on a last line without one). */
export interface SourceLine {
  text: string;
  eol: string;
}

/** A file's text split into lines, with its BOM and encoding (UTF-16 files always have a BOM). */
export interface SourceText {
  bom: boolean;
  encoding: TextEncodingName;
  lines: SourceLine[];
}

const bomBytes = [0xef, 0xbb, 0xbf] as const;

/**
 * Splits a file's bytes into lines (UTF-8, or UTF-16 after its byte-order mark; throws when the bytes are neither,
 * since they cannot be edited safely).
 */
export function readSourceText(bytes: Uint8Array, path = '(bytes)'): SourceText {
  const utf16 = readUtf16Bom(bytes);
  if (utf16 !== null) {
    const text = decodeUtf16(bytes, utf16);
    if (text === null) throw new InternalError(`${path}: not valid UTF-16, so write-back cannot edit it without changing other bytes`);
    return { bom: true, encoding: utf16, lines: splitLines(text) };
  }
  const bom = bytes.length >= 3 && bytes[0] === bomBytes[0] && bytes[1] === bomBytes[1] && bytes[2] === bomBytes[2];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch (error) {
    throw new InternalError(`${path}: not valid UTF-8, so write-back cannot edit it without changing other bytes`, {
      cause: error,
    });
  }
  return { bom, encoding: 'utf-8', lines: splitLines(text) };
}

/** Splits text into lines at `\r\n`, `\n` and a lone `\r`, keeping each break. */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length || lines.length === 0) lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** Joins lines back into bytes in the file's encoding, with the BOM when the file had one. */
export function writeSourceText(source: SourceText): Uint8Array {
  const text = source.lines.map((line) => line.text + line.eol).join('');
  if (source.encoding !== 'utf-8') return encodeUtf16(text, source.encoding);
  const body = new TextEncoder().encode(text);
  if (!source.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(bomBytes, 0);
  out.set(body, 3);
  return out;
}

/** The line break a file mostly uses (LF for a file without one). */
export function dominantEol(lines: readonly SourceLine[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) if (line.eol !== '') counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) {
    if (count > bestCount) {
      best = eol;
      bestCount = count;
    }
  }
  return best;
}

/** True when write-back can edit the bytes: valid UTF-8 (after any BOM), or valid UTF-16 after a UTF-16 BOM. */
export function isEditableText(bytes: Uint8Array): boolean {
  const utf16 = readUtf16Bom(bytes);
  if (utf16 !== null) return decodeUtf16(bytes, utf16) !== null;
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    // The decoder's error is the answer: not UTF-8.
    return false;
  }
}
