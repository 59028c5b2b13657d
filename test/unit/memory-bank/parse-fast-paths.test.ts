import type { List, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import { readListItemHead, readTableRows } from '../../../src/memory-bank/markdown.js';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { splitTableLine } from '../../../src/memory-bank/table-line.js';
import { collapseWhitespace, createVocabulary, stripInlineMarkdown } from '../../../src/memory-bank/vocabulary.js';
import { cleanTitle, namesWork, readIdCell } from '../../../src/memory-bank/extractors/text.js';

// The parser's fast paths (issue #13 "Speed") must answer exactly what the plain code they skip would answer.

describe('collapseWhitespace', () => {
  it('folds whitespace runs and trims, like replace(/\\s+/g, " ").trim(), and returns clean text as it is', () => {
    const samples = ['plain title', '  lead and trail  ', 'two  spaces', 'tab\there', 'line\nbreak', 'nbsp\u00a0here', 'ideographic\u3000space', '', ' ', '\t\n', 'a \n b'];
    for (const sample of samples) expect(collapseWhitespace(sample)).toBe(sample.replace(/\s+/g, ' ').trim());
  });
});

describe('splitTableLine', () => {
  it('keeps escaped pipes and pipes in code spans in their cell, and splits them in GFM mode', () => {
    expect(splitTableLine('| a \\| b | `c|d` | e |')).toEqual(['a | b', '`c|d`', 'e']);
    expect(splitTableLine('| a \\| b | `c|d` | e |', { pipesInCode: 'split' })).toEqual(['a | b', '`c', 'd`', 'e']);
    // An unclosed backtick run opens no code span: the pipe after it splits.
    expect(splitTableLine('| `a | b |')).toEqual(['`a', 'b']);
    expect(splitTableLine('a | b')).toEqual(['a', 'b']);
    expect(splitTableLine('| a | b \\|')).toEqual(['a', 'b |']);
    expect(splitTableLine('')).toEqual(['']);
  });
});

describe('vocabulary answers are the same from the cache and for long titles', () => {
  const vocabulary = createVocabulary();

  it('recognises placeholders, short or dressed in Markdown, and never a long plain title', () => {
    for (const text of ['(none)', 'None yet', '**TBD**', 'Nothing yet', '_Пока нет_', '…']) expect(vocabulary.isPlaceholder(text)).toBe(true);
    for (const text of ['Nothing yet to do for the parser', 'Implement the parser part 12', 'none of the tests failed today']) {
      expect(vocabulary.isPlaceholder(text)).toBe(false);
    }
    // Asked twice: the cached answer is the computed one.
    expect(vocabulary.isPlaceholder('(none)')).toBe(true);
    expect(vocabulary.matchSection('Completed Tasks')).toBe(vocabulary.matchSection('Completed Tasks'));
    expect(vocabulary.matchSection('Completed Tasks')).toBe('done');
    expect(vocabulary.matchField('**Status**')).toBe('status');
    expect(vocabulary.matchField('**Status**')).toBe('status');
  });

  it('reads titles and ids as before', () => {
    expect(cleanTitle('  **Fix**  the\tbug -- ')).toBe('Fix the bug');
    expect(cleanTitle(stripInlineMarkdown('- : Title'))).toBe('Title');
    expect(readIdCell('PM-003')).toBe('PM-003');
    expect(readIdCell('Task 36')).toBe('Task 36');
    expect(readIdCell('not an id')).toBeNull();
  });

  it('namesWork: a title names work when one word is neither a status nor a number', () => {
    expect(namesWork('Done', vocabulary)).toBe(false);
    expect(namesWork('Planning complete 12', vocabulary)).toBe(false);
    expect(namesWork('Fix the login bug', vocabulary)).toBe(true);
    expect(namesWork('RCF-1.0', vocabulary, 'RCF-1.0')).toBe(false);
    // Called again right after an early stop: the word scan starts from the beginning.
    expect(namesWork('Done then write docs', vocabulary)).toBe(true);
    expect(namesWork('Done', vocabulary)).toBe(false);
  });
});

describe('nodes read once', () => {
  it('numbers the items of a long ordered list by position, and reads a head the same way twice', () => {
    const source = `${Array.from({ length: 300 }, (_, index) => `${index + 5}. Item ${index}`).join('\n')}\n`;
    const tree = scanMarkdown(source);
    const list = tree?.children[0] as List;
    expect(list.start).toBe(5);
    const item = list.children[250];
    if (item === undefined) throw new Error('no item 250');
    const head = readListItemHead(source, item, list);
    expect(head.ordinal).toBe(255);
    expect(head.text).toBe('Item 250');
    expect(readListItemHead(source, item, list)).toEqual(head);
  });

  it('builds a table node’s rows and cells when they are first read, as remark would', () => {
    const source = '| ID | Task |\n|----|------|\n| T1 | **Build** it |\n';
    const table = scanMarkdown(source)?.children[0] as Table;
    expect(table.type).toBe('table');
    expect(readTableRows(source.split('\n'), table)).toEqual({ header: ['ID', 'Task'], rows: [{ cells: ['T1', '**Build** it'], line: 3 }] });
    expect(table.children).toHaveLength(2);
    expect(table.children[1]?.children[1]?.children).toEqual([{ type: 'strong', children: [{ type: 'text', value: 'Build' }] }, { type: 'text', value: ' it' }]);
    expect(Object.keys(table)).toEqual(['type', 'align', 'children', 'position']);
  });
});
