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
