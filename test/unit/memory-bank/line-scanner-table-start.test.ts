/**
 * A paragraph line followed by a delimiter row becomes a table when the header's and the delimiter's cell counts are
 * equal; the delimiter row is split once, for its count and its alignments (issue #13 "Speed"). Tables, paragraphs
 * and the parts the scanner leaves to remark must read as remark reads them, alignments included.
 */
import type { Nodes, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { readShape } from '../../helpers/mdast-shape.js';

function alignments(nodes: readonly Nodes[]): unknown[] {
  return nodes.flatMap((node) => (node.type === 'table' ? [(node as Table).align] : 'children' in node ? alignments(node.children as Nodes[]) : []));
}

describe('a table starts where remark starts one', () => {
  it.each([
    ['every alignment', '| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n'],
    ['a delimiter row without outer pipes', 'a | b\n:-- | --:\nc | d\n'],
    ['a table in a list item', '- item\n\n  | x | y |\n  |---|:-:|\n  | 1 | 2 |\n'],
    ['fewer delimiter cells than header cells', '| a | b | c |\n|---|---|\n| 1 | 2 | 3 |\n'],
    ['more delimiter cells than header cells', '| a | b |\n|---|---|---|\n| 1 | 2 |\n'],
    ['a header without pipes', 'plain text\n---|---\n'],
  ])('%s', (_name, source) => {
    const scanned = scanMarkdown(source);
    expect(scanned, 'the scanner declined').not.toBeNull();
    if (scanned === null) return;
    const remark = parseMarkdown(source);
    expect(readShape(scanned)).toEqual(readShape(remark));
    expect(alignments(scanned.children)).toEqual(alignments(remark.children));
  });
});

/**
 * Every header × delimiter row × container: a header line without a pipe still starts a one-column table when the
 * delimiter row below it has one cell and is not a plain run of dashes (`Text` + `|---|`, `:---`, `---|`); a plain
 * run of dashes underlines a setext heading instead. The scanner read these as a paragraph (issue #13: the scanner
 * and remark must read every file alike).
 */
describe('a table under a header line without pipes starts where remark starts one', () => {
  const headers = ['Text', 'Plain text here', '| T', 'T |', 'T|x', '| a | b |', '`a|b`'];
  const delimiters = ['---', '-', ':--', '--:', ':-:', '|---|', '|---', '---|', '| --- |', '---|---', '|:--|--:|', ' :--- ', '-- -'];
  const wrap: [string, (lines: string[]) => string][] = [
    ['top level', (lines) => lines.join('\n')],
    ['after a paragraph line', (lines) => ['Before', ...lines].join('\n')],
    ['after a blank line and a heading', (lines) => ['# Heading', '', ...lines].join('\n')],
    ['in a list item', (lines) => lines.map((line, index) => (index === 0 ? `- ${line}` : `  ${line}`)).join('\n')],
    ['in a blockquote', (lines) => lines.map((line) => `> ${line}`).join('\n')],
  ];
  const cases = headers.flatMap((header) =>
    delimiters.flatMap((delimiter) => wrap.map(([where, build]) => [`${JSON.stringify(header)} + ${JSON.stringify(delimiter)}, ${where}`, `${build([header, delimiter, 'row'])}\n`] as const)),
  );
  it('reads each case as remark does (or leaves it to remark)', () => {
    const differing: string[] = [];
    let scannedCount = 0;
    for (const [name, source] of cases) {
      const scanned = scanMarkdown(source);
      if (scanned === null) continue;
      scannedCount++;
      if (JSON.stringify(readShape(scanned)) !== JSON.stringify(readShape(parseMarkdown(source)))) differing.push(name);
    }
    expect(differing).toEqual([]);
    // The scanner read most cases itself (declining everything would pass the comparison above).
    expect(scannedCount).toBeGreaterThan(cases.length / 2);
  });
});

