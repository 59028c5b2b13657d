/**
 * applyEdits and appendItems: every byte outside the edited token is kept (CRLF, lone CR, BOM, trailing spaces,
 * tabs, a missing final newline), a stale edit is refused, and appended inbox items carry a marker that reads back.
 */
import { describe, expect, it } from 'vitest';
import type { SourceEdit } from '../../../../src/core/source-edit.js';
import { createDefaultConfig } from '../../../../src/core/config.js';
import { parseFiles } from '../../../../src/memory-bank/parse.js';
import { createSourceEditor } from '../../../../src/memory-bank/writeback/index.js';
import { inboxHeader, readAppendedMarker } from '../../../../src/memory-bank/writeback/append.js';

const editor = createSourceEditor();
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const bom = '\uFEFF';

function edit(line: number, column: number, before: string, after: string): SourceEdit {
  return { key: 'k', field: 'status', line, column, before, after };
}

describe('applyEdits', () => {
  it('replaces only the token, keeping CRLF, a lone CR, tabs, trailing spaces and a missing final newline', () => {
    const input = '# T\r\n- [ ] one  \r\n\t- [ ] two\r- [ ] three';
    const output = decode(editor.applyEdits(encode(input), [edit(2, 3, ' ', 'x'), edit(3, 4, ' ', 'x'), edit(4, 3, ' ', 'x')]));
    expect(output).toBe('# T\r\n- [x] one  \r\n\t- [x] two\r- [x] three');
  });

  it('keeps a UTF-8 BOM, and columns count after it', () => {
    const output = editor.applyEdits(encode(`${bom}**Status:** Pending\n`), [edit(1, 12, 'Pending', 'Done')]);
    expect(decode(output)).toBe(`${bom}**Status:** Done\n`);
    expect([...output.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('applies several edits on one line right to left, whatever their order', () => {
    const output = editor.applyEdits(encode('| a | Todo | Low |\n'), [edit(1, 6, 'Todo', 'Done'), edit(1, 13, 'Low', 'High')]);
    expect(decode(output)).toBe('| a | Done | High |\n');
  });

  it('throws on a stale edit (before not at its line and column), naming what it expected and found', () => {
    expect(() => editor.applyEdits(encode('- [x] one\n'), [edit(1, 3, ' ', 'x')])).toThrow(/stale write-back edit .* expected " ", found "x"/u);
    expect(() => editor.applyEdits(encode('- [ ] one\n'), [edit(5, 3, ' ', 'x')])).toThrow(/no such line/u);
  });

  it('throws on overlapping edits', () => {
    expect(() => editor.applyEdits(encode('Status: Pending\n'), [edit(1, 8, 'Pending', 'Done'), edit(1, 10, 'nd', 'x')])).toThrow(/overlapping/u);
  });

  it('refuses bytes that are not UTF-8 instead of rewriting them', () => {
    expect(() => editor.applyEdits(new Uint8Array([0x2d, 0x20, 0xff, 0x0a]), [])).toThrow(/not valid UTF-8/u);
  });
});

describe('appendItems', () => {
  const items = [
    { title: 'Call the vendor', done: false, marker: 'mb-0123456789abcdef', taskId: 42 },
    { title: 'Ship it', done: true, marker: 'mb-00000000000000aa', taskId: 7 },
  ];

  it('creates a new file: a header line, a blank line, the items (LF)', () => {
    expect(decode(editor.appendItems(null, items))).toBe(
      `${inboxHeader}\n\n- [ ] Call the vendor <!-- membank: mb-0123456789abcdef vikunja #42 -->\n- [x] Ship it <!-- membank: mb-00000000000000aa vikunja #7 -->\n`,
    );
  });

  it("appends in the file's line ending, keeping its BOM and every existing byte", () => {
    const input = `${bom}# Inbox\r\n\r\n- [ ] old  \r\n`;
    const output = decode(editor.appendItems(encode(input), items.slice(0, 1)));
    expect(output).toBe(`${input}- [ ] Call the vendor <!-- membank: mb-0123456789abcdef vikunja #42 -->\r\n`);
  });

  it('ends an unterminated last line first, and appends to an empty file', () => {
    expect(decode(editor.appendItems(encode('# Inbox\n- [ ] old'), items.slice(1)))).toBe(
      '# Inbox\n- [ ] old\n- [x] Ship it <!-- membank: mb-00000000000000aa vikunja #7 -->\n',
    );
    expect(decode(editor.appendItems(encode(''), items.slice(1)))).toBe('- [x] Ship it <!-- membank: mb-00000000000000aa vikunja #7 -->\n');
  });

  it('keeps a title on one line and unable to open a comment that would hide the marker', () => {
    const output = decode(editor.appendItems(null, [{ title: 'Fix <!-- this\nnow', done: false, marker: 'mb-0123456789abcdef', taskId: 1 }]));
    const line = output.split('\n')[2] ?? '';
    expect(line).toBe('- [ ] Fix < !-- this now <!-- membank: mb-0123456789abcdef vikunja #1 -->');
    expect(readAppendedMarker(line)).toEqual({ marker: 'mb-0123456789abcdef', taskId: 1 });
  });

  it('reads the marker and task id back from an appended line, and null from other lines', () => {
    const [, , first] = decode(editor.appendItems(null, items)).split('\n');
    expect(readAppendedMarker(first ?? '')).toEqual({ marker: 'mb-0123456789abcdef', taskId: 42 });
    expect(readAppendedMarker('- [ ] plain item')).toBeNull();
  });

  it('the real parser reads an appended item back as a task with its status, the marker comment out of its title', () => {
    const text = decode(editor.appendItems(null, items));
    const result = parseFiles(
      [{ path: 'memory-bank/vikunja-inbox.md', bank: 'memory-bank', kind: 'task-list', reason: 'test', size: text.length, text, eol: 'lf', extractors: ['checklist'] }],
      { vocabulary: createDefaultConfig().vocabulary },
    );
    expect(result.records.map((record) => [record.status.canonical, record.source.line])).toEqual([
      ['todo', 3],
      ['done', 4],
    ]);
    // An HTML comment is not title text (before parser version 7 it stayed in the title and sync stripped it).
    expect(result.records[0]?.title).toBe('Call the vendor');
  });
});
