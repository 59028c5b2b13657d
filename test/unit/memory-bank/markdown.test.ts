import type { List } from 'mdast';
import { describe, expect, it } from 'vitest';
import {
  buildSections,
  normaliseLineEndings,
  parseMarkdown,
  readLine,
  readListItemHead,
  readTableRows,
  splitTableLine,
} from '../../../src/memory-bank/markdown.js';

function firstList(source: string): List {
  const node = parseMarkdown(source).children.find((child) => child.type === 'list');
  if (node === undefined || node.type !== 'list') throw new Error('no list');
  return node;
}

describe('markdown helpers', () => {
  it('keeps line numbers when CRLF is normalised', () => {
    const crlf = '# A\r\n\r\n- [ ] one\r\n- [x] two\r\n';
    const tree = parseMarkdown(normaliseLineEndings(crlf));
    const list = tree.children[1];
    expect(list?.type).toBe('list');
    if (list?.type !== 'list') return;
    expect(list.children.map((item) => readLine(item))).toEqual([3, 4]);
  });

  it.each([
    ['- [ ] open', ' ', false, 'open'],
    ['- [x] done', 'x', false, 'done'],
    ['* [X] upper', 'X', false, 'upper'],
    ['+ [✅] emoji', '✅', false, 'emoji'],
    ['1. [-] started', '-', false, 'started'],
    ['- [~] partly', '~', false, 'partly'],
    ['- [ ]* 2.3 Optional test', ' ', true, '2.3 Optional test'],
    ['- [x]* 4.3 Optional done', 'x', true, '4.3 Optional done'],
    ['- plain bullet', null, false, 'plain bullet'],
  ] as const)('reads %j', (source, checkbox, optional, text) => {
    const list = firstList(`${source}\n`);
    const item = list.children[0];
    if (item === undefined) throw new Error('no item');
    const head = readListItemHead(`${source}\n`, item, list);
    expect(head.checkbox).toBe(checkbox);
    expect(head.optional).toBe(optional);
    expect(head.text).toBe(text);
  });

  it('reads checkboxes at any indent', () => {
    const source = '- [ ] parent\n     - [x] five spaces\n';
    const list = firstList(source);
    const nested = list.children[0]?.children[1];
    if (nested?.type !== 'list') throw new Error('no nested list');
    const item = nested.children[0];
    if (item === undefined) throw new Error('no item');
    expect(readListItemHead(source, item, nested).checkbox).toBe('x');
  });

  it('splits table lines keeping pipes in code spans and escaped pipes', () => {
    expect(splitTableLine('| A | `a|b` | c \\| d |')).toEqual(['A', '`a|b`', 'c | d']);
    expect(splitTableLine('| :--- | ---: |')).toEqual([':---', '---:']);
  });

  it('reads table rows from source lines', () => {
    const source = '| ID | Task | Status |\n| :--- | :--- | :--- |\n| PM-1 | Use `x|y` | ✅ Done |\n';
    const tree = parseMarkdown(source);
    const table = tree.children[0];
    if (table?.type !== 'table') throw new Error('no table');
    const rows = readTableRows(source.split('\n'), table);
    expect(rows.header).toEqual(['ID', 'Task', 'Status']);
    expect(rows.rows).toEqual([{ cells: ['PM-1', 'Use `x|y`', '✅ Done'], line: 3 }]);
  });

  it('nests sections by depth', () => {
    const root = buildSections(parseMarkdown('intro\n# A\n## B\ntext\n## C\n# D\n'));
    expect(root.nodes).toHaveLength(1);
    expect(root.children.map((section) => section.title)).toEqual(['A', 'D']);
    expect(root.children[0]?.children.map((section) => section.title)).toEqual(['B', 'C']);
  });
});
