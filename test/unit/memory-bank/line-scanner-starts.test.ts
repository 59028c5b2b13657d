/**
 * The line scanner tests a line's first character before each block pattern (issue #13 "Speed"): every block start
 * must still read as remark reads it, and lines that merely look close must still be paragraph text.
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

describe('line scanner: block starts by their first character', () => {
  it.each([
    ['every bullet marker and ordered delimiter', '- a\n\n+ b\n\n* c\n\n1. d\n\n10) e\n\n123456789. f\n'],
    ['markers that start no item', '-a\n+b\n*c\n1.d\n1234567890. g\n'],
    ['rules of each character, spaced', '***\n\n- - -\n\n___\n\n * * *\n\ntext\n\n_ _ _ _\n'],
    ['fences of backticks and tildes, and what is not a fence', '```js\nx\n```\n\n~~~\ny\n~~~\n\n`` not a fence\n\n~~ not either\n'],
    ['headings and near misses', '# one\n\n###### six\n\n####### seven\n\n#nospace\n\n \\# escaped\n'],
    ['setext underlines of both kinds, and lines that only look like one', 'Title\n===\n\nSub\n---\n\nText\n= not\n\nText\n-- - \n\nText\n==x\n'],
    ['rules ruled out by their second character, and near misses', '- -\n\n* *x\n\n-- -\n\n_  _\t_\n\n- * -\n\n*  *  *  \n\n- - - x\n\n---\t\n\n+ + +\n'],
    ['delimiter rows and underlines ruled in or out by their first character', '| a | b |\n:-|-:\n\nText\n=\n\n| h |\n| - |\n\nText\n|x|\n\nText\n: not\n\nText\n-x\n'],
    ['starts inside list items and quotes', '- # heading in item\n- ```\n  code\n  ```\n- ---\n\n> - a\n> ***\n> # h\n'],
  ])('%s', (_name, source) => {
    expectSameAsRemark(source);
  });
});
