/**
 * The line scanner reads a paragraph's inline content on first use (issue #13 "Speed"): the extractors read most
 * paragraphs by their source lines, so a paragraph nobody reads inline is never tokenised, and a construct in it
 * that only remark reads (strikethrough) loads no remark. Read, it is exactly what remark reads. Its own file, so
 * the module state (remark not loaded) starts fresh.
 */
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { isRemarkLoaded, parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { readShape } from '../../helpers/mdast-shape.js';
import { makeFile, parse } from './fixtures.js';

describe('paragraph phrasing read on first use', () => {
  it('parses a checklist under a paragraph with strikethrough without loading remark', () => {
    const parsed = parse(
      makeFile('mb/progress.md', ['# Progress', '', 'The ~~old~~ new plan, see <!-- note --> and a &amp; b.', '', '- [ ] Write the parser', '- [x] Ship it', ''].join('\n'), [
        'cursor-tasks',
      ]),
    );
    expect(parsed.records.map((record) => record.title)).toEqual(['Write the parser', 'Ship it']);
    expect(isRemarkLoaded()).toBe(false);
  });

  it.each([
    ['strikethrough, a comment and a reference in a paragraph', '# T\n\nThe ~~old~~ new <!-- c --> a &amp; b\n\n- [ ] x\n'],
    ['a later paragraph of a list item', '- [ ] task\n\n  more ~~text~~ &amp; here\n'],
    ['a paragraph in a quote', '> quoted ~~x~~ &copy;\n'],
  ])('reads %s as remark does, when read', (_name, source) => {
    const scanned = scanMarkdown(source);
    expect(scanned).not.toBeNull();
    expect(scanned === null ? null : readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
  });

  it('reads a paragraph whose text reads differently alone as remark reads it in its file', () => {
    // Alone, `a &amp; b` + `===` is a setext heading; as a lazy line in the quote it is paragraph text.
    const source = 'Intro\n\n> a &amp; b\n===\n\nafter\n';
    const scanned = scanMarkdown(source);
    expect(scanned).not.toBeNull();
    expect(scanned === null ? null : readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
  });
});
