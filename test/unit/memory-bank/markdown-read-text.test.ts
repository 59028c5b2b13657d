/**
 * `readText` is the parser's own reading of a node's plain text (issue #13 "Speed"): it must read every node as
 * mdast-util-to-string does with its defaults, on the trees remark builds, the line scanner builds, and odd
 * hand-made nodes (empty image alt, HTML, nodes without text) — but for code that reading inline Markdown would change
 * (`` `<head>` ``), which keeps its backticks so that titles made of the text keep the code.
 */
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown, readText } from '../../../src/memory-bank/markdown.js';
import { stripInlineMarkdown } from '../../../src/memory-bank/vocabulary.js';

function everyNode(node: Nodes): Nodes[] {
  return [node, ...('children' in node ? node.children.flatMap((child) => everyNode(child)) : [])];
}

const sources = [
  '# Title with `code` and *emphasis* ##',
  'A paragraph with ![an image](a.png) and ![](empty.png), <b>html</b>, a [link **strong**](u "t") and a hard  \nbreak.',
  '- [x] Done <!-- note --> &amp; ~~struck~~\n  - [ ] nested ***both*** _under_\n\n> quoted <https://example.com> and <me@example.com>',
  '| A | `B \\| C` |\n|---|:-:|\n| **x** | ![alt *em*](i.png) |',
  '<div>\nblock html\n</div>\n\n```ts\ncode\n```\n\n    indented\n\n---\n\nSetext\n===',
];

describe('readText', () => {
  it('keeps the backticks of code that reading inline Markdown would change, and only of such code', () => {
    const cases: [string, string][] = [
      ['Load the font in `<head>`', 'Load the font in `<head>`'],
      ['Type it as `Array<Album>` now', 'Type it as `Array<Album>` now'],
      // `<Album[]>` is no tag to CommonMark (a name, then `[`): read as text, the code needs no backticks.
      ['Type it as `Promise<Album[]>` now', 'Type it as Promise<Album[]> now'],
      // A name between double underscores reads as the name (`dunderName`): its code needs no backticks.
      ['Rename `__main__.py`', 'Rename __main__.py'],
      ['Skip ``a ` b **x**`` here', 'Skip ``a ` b **x**`` here'],
      ['`--json` on every command', '--json on every command'],
      ['Keep `sync_state.db` here', 'Keep sync_state.db here'],
    ];
    for (const [source, text] of cases) {
      for (const tree of [parseMarkdown(source), scanMarkdown(source)]) {
        const paragraph = tree?.children[0];
        if (paragraph === undefined) continue;
        expect(readText(paragraph), source).toBe(text);
        // Stripped as a title is, the text keeps the code as written: `<head>` is not read as HTML a second time.
        expect(stripInlineMarkdown(readText(paragraph)), source).toBe(stripInlineMarkdown(source));
      }
    }
  });

  it.each(sources)('reads every node of remark’s and the scanner’s trees as mdast-util-to-string does: %j', (source) => {
    const trees: Root[] = [parseMarkdown(source)];
    const scanned = scanMarkdown(source);
    if (scanned !== null) trees.push(scanned);
    for (const tree of trees) {
      for (const node of everyNode(tree)) expect(readText(node)).toBe(toString(node));
    }
  });

  it('reads hand-made nodes as mdast-util-to-string does', () => {
    const nodes: Nodes[] = [
      { type: 'image', url: 'a.png', alt: '' },
      { type: 'image', url: 'a.png', alt: null },
      { type: 'image', url: 'a.png', alt: 'Alt' },
      { type: 'html', value: '<br>' },
      { type: 'break' },
      { type: 'thematicBreak' },
      { type: 'paragraph', children: [] },
      { type: 'paragraph', children: [{ type: 'break' }, { type: 'text', value: 'a' }, { type: 'image', url: 'b', alt: 'b' }] },
      { type: 'link', url: 'u', children: [{ type: 'emphasis', children: [{ type: 'inlineCode', value: 'c' }] }] },
    ];
    for (const node of nodes) expect(readText(node)).toBe(toString(node));
  });
});
