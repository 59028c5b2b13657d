/**
 * The line scanner reads list markers by character codes and tests a continuation line's first character before it
 * tries the block starts that interrupt a paragraph or table (issue #13 "Speed"): both must read every marker, near
 * miss and interruption as remark does.
 */
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { readShape } from '../../helpers/mdast-shape.js';

function expectSameAsRemark(source: string): void {
  const scanned = scanMarkdown(source);
  expect(scanned, 'the scanner declined').not.toBeNull();
  expect(scanned === null ? null : readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
}

describe('line scanner: list markers read by character codes', () => {
  it.each([
    ['nine digits', '123456789. nine\n'],
    ['ten digits (no item)', '1234567890. ten\n'],
    ['a parenthesis', '1) one\n2) two\n'],
    ['a leading zero', '01. one\n'],
    ['zero', '0. zero\n'],
    ['no space after the dot', '1.x\n'],
    ['no space after the bullet', '-x and +y and *z*\n'],
    ['every bullet', '- a\n+ b\n* c\n'],
    ['empty items', '-\n\n1.\n\n- \n'],
    ['a bullet then a dot item', '- a\n1. b\n'],
    ['two spaces and five spaces', '-  two\n\n1.     five\n'],
    ['a digit that starts text', '2025 was a year\n'],
    ['a nested ordered list', '- a\n  3. b\n  4. c\n'],
  ])('%s', (_name, source) => {
    expectSameAsRemark(source);
  });
});

describe('line scanner: what interrupts a paragraph or a table', () => {
  it.each([
    ['a quote', 'para\n> quote\n'],
    ['a heading', 'para\n# heading\n'],
    ['a fence', 'para\n```\ncode\n```\n'],
    ['a tilde fence', 'para\n~~~\ncode\n~~~\n'],
    ['a rule', 'para\n***\n'],
    ['an underscore rule', 'para\n___\n'],
    ['a setext underline', 'para\n---\n'],
    ['a bullet', 'para\n+ item\n'],
    ['an empty bullet (does not interrupt)', 'para\n-\n'],
    ['an ordered item from one', 'para\n1. item\n'],
    ['an ordered item from two (does not interrupt)', 'para\n2. item\n'],
    ['an HTML block', 'para\n<div>\nx\n</div>\n'],
    ['a pipe line', 'para\n|a|\n'],
    ['letters and punctuation', 'para\nmore text\n(aside) and _under_ and !bang\n'],
    ['a table row then a bullet', '| a | b |\n|---|---|\n| 1 | 2 |\n- item\n'],
    ['a table row then a heading', '| a | b |\n|---|---|\n| 1 | 2 |\n## next\n'],
    ['a table row then text', '| a | b |\n|---|---|\n| 1 | 2 |\nplain text\n'],
    ['a table row then a digit', '| a | b |\n|---|---|\n| 1 | 2 |\n3 apples\n'],
  ])('%s', (_name, source) => {
    expectSameAsRemark(source);
  });
});

describe('line scanner: tabs (the file is searched for one once, not every line)', () => {
  it('still leaves the part with a tab to remark when the tab is inside a line, and reads a file without tabs itself', () => {
    const parts: unknown[] = [];
    const source = '# A\n\ntext\n\n# B\n\na\tb\n\n# C\n\nmore\n';
    const scanned = scanMarkdown(source, undefined, (reason, part) => parts.push({ reason, part }));
    expect(parts).toEqual([{ reason: 'tab', part: { from: 5, to: 8 } }]);
    expect(scanned === null ? null : readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
    const none: unknown[] = [];
    scanMarkdown(source.replace('\t', ' '), undefined, (reason, part) => none.push({ reason, part }));
    expect(none).toEqual([]);
  });
});
