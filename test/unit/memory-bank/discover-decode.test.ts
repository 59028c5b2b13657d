import { describe, expect, it } from 'vitest';
import { decodeFileBytes, detectEol, encodeUtf16 } from '../../../src/memory-bank/decode.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('decodeFileBytes', () => {
  it('decodes UTF-8 and keeps line endings', () => {
    expect(decodeFileBytes(bytes('# Título\r\nzhōng 中文 ✅\r\n'))).toEqual({
      ok: true,
      text: '# Título\r\nzhōng 中文 ✅\r\n',
      eol: 'crlf',
      hadBom: false,
      encoding: 'utf-8',
      damaged: null,
    });
  });

  it('reads a UTF-8 file with a damaged sequence, replacing only it, and says where (not a re-encoding case)', () => {
    const decoded = decodeFileBytes(bytes('# Café\nmenu du caf', [0xc3], ' matin\n'));
    expect(decoded).toMatchObject({ ok: true, text: '# Café\nmenu du caf\uFFFD matin\n', damaged: { sequences: 1, lines: [2] } });
  });

  it('strips a UTF-8 BOM', () => {
    const decoded = decodeFileBytes(bytes([0xef, 0xbb, 0xbf], '# Title\n'));
    expect(decoded).toEqual({ ok: true, text: '# Title\n', eol: 'lf', hadBom: true, encoding: 'utf-8', damaged: null });
  });

  it.each([
    ['little-endian', 'utf-16le', [0xff, 0xfe]],
    ['big-endian', 'utf-16be', [0xfe, 0xff]],
  ] as const)('reads UTF-16 %s after its byte-order mark (what Windows PowerShell 5 writes), surrogate pairs included', (_name, encoding, mark) => {
    const text = '# Tâches\r\n- [x] Ship 🚀\r\n';
    const units = [...text].flatMap((char) => {
      const codes: number[] = [];
      for (let i = 0; i < char.length; i++) codes.push(char.charCodeAt(i));
      return codes;
    });
    const body = units.flatMap((unit) => (encoding === 'utf-16le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
    expect(decodeFileBytes(bytes([...mark], body))).toEqual({ ok: true, text, eol: 'crlf', hadBom: true, encoding, damaged: null });
    expect(encodeUtf16(text, encoding)).toEqual(bytes([...mark], body));
  });

  it('reports a UTF-16 mark over bytes that are not UTF-16 (an odd length, a lone surrogate), not binary', () => {
    expect(decodeFileBytes(bytes([0xff, 0xfe, 0x41, 0x00, 0x42]))).toMatchObject({ ok: false, reason: 'not-utf16' });
    expect(decodeFileBytes(bytes([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00]))).toMatchObject({ ok: false, reason: 'not-utf16' });
  });

  it('reports NUL bytes as binary, with offset and line', () => {
    expect(decodeFileBytes(bytes('# a\nb', [0], 'c'))).toEqual({
      ok: false,
      reason: 'binary',
      detail: 'NUL byte at offset 5',
      offset: 5,
      line: 2,
    });
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a Latin-1 é', [0xe9, 0x20]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('reports invalid UTF-8: %s', (_name, bad) => {
    const decoded = decodeFileBytes(bytes('ok\n', bad, '\n'));
    expect(decoded).toMatchObject({ ok: false, reason: 'not-utf8', offset: 3, line: 2 });
    if (!decoded.ok) expect(decoded.detail).toMatch(/^invalid UTF-8 at byte 3 \(bytes [0-9a-f ]+\)$/);
  });

  it('counts the BOM in the offset of an invalid byte', () => {
    expect(decodeFileBytes(bytes([0xef, 0xbb, 0xbf], 'x', [0xff]))).toMatchObject({ ok: false, offset: 4 });
  });
});

describe('detectEol', () => {
  it.each([
    ['one line', 'none'],
    ['a\nb\n', 'lf'],
    ['a\r\nb\r\n', 'crlf'],
    ['a\r\nb\nc', 'mixed'],
    ['', 'none'],
  ] as const)('%j → %s', (text, eol) => {
    expect(detectEol(text)).toBe(eol);
  });
});
