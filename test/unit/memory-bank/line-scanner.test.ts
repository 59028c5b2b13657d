import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { readShape } from '../../helpers/mdast-shape.js';

/** The scanner must build exactly the tree remark builds, or decline. */
function expectSameAsRemark(source: string): void {
  const scanned = scanMarkdown(source);
  expect(scanned, 'the scanner declined').not.toBeNull();
  if (scanned === null) return;
  expect(readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
}

describe('line scanner: the tree remark builds, from source lines', () => {
  it.each([
    ['ATX headings with closing hashes and trailing spaces', '# Title #\n\n## Sub  \n### Third ###   \n#no heading\n'],
    ['setext headings', 'Title\n=====\n\nSub title\nsecond line\n---\n'],
    ['a rule with trailing spaces', 'text\n\n---  \n\n* * *\n'],
    ['paragraphs with soft and hard breaks', 'one\ntwo  \nthree\\\nfour   \n'],
    ['nested lists, ordered starts, loose items', '- a\n  - b\n    1. c\n    2. d\n\n- e\n\n3) f\n4) g\n'],
    ['an empty item with trailing spaces', '* \n\n## Next\n* [x] done\n'],
    ['task items in every position', '- [ ] open\n- [x] done\n- [X] **bold** first\n- [ ]\n- [x]  two spaces\n- [x]\n  continued\n'],
    ['a list that a paragraph cannot be interrupted by', 'text\n2. not a list\n- but this is\n'],
    ['lazy continuation lines', '- item\ncontinued lazily\n- next\n'],
    ['fenced code, closed, unclosed, in lists', '```ts\nconst a = 1;\n```\n\n- x\n  ~~~\n  code\n  ~~~\n\n```\nopen\n\n'],
    ['indented code and its trailing blank lines', 'para\n\n    code line\n\n    more\n\n\nafter\n'],
    ['block quotes with lists and blank quote lines', '> 1. a\n> 2. b\n>\n> c\nlazy\n\n> - x\n> \n'],
    ['tables, aligned, with escaped pipes and code', '| ID | Task | Status |\n|:---|:----:|-------:|\n| T1 | a \\| b | `x|y` |\n| T2 | **c** | ✅ Done\nrow without pipes\n\nafter\n'],
    ['emphasis and strong by the delimiter-run rules', '**bold** *em* _em_ __strong__ ***both*** snake_case_name *a **b** c* **a*b** 5*3*2 _a_b_ **x **y** z**\n'],
    ['punctuation and emoji beside delimiters', '✅**Done** (**x**) **"q"** 🚀**rocket**\n'],
    ['code spans', '`a` ``b ` c`` ` d ` `unclosed and `x` `` `\n'],
    ['wildcards and escapes', 'OFFER_*, KYC_* \\*not em\\* \\_x\\_ back\\slash\n'],
    ['HTML blocks of every start condition', '<div class="a">\n*x*\n</div>\n\n<!-- note\nmore -->\n<pre>\ncode\n\n</pre>\n\n<custom-tag>\ntext\n\nACT MODE\n</environment_details>\n'],
    ['inline links and images', '[doc](a.md) [**b** `c`](<x y> "t") ![alt *em*](i.png) [a [b](c) d](e) [no link] (x) [x](y\n'],
    ['approximate values with one tilde', 'took ~40% of ~~the time\n'],
    ['an HTML block right after a list ends the list', '- item\n<!-- FILE END -->\n- next\n<div>\nx\n</div>\n\n1. one\n<h2> Title </h2>\n'],
  ])('%s', (_name, source) => {
    expectSameAsRemark(source);
  });

  it.each([
    ['raw HTML', 'a <b>bold</b> word\n'],
    ['autolinks', 'mail <me@example.com>\n'],
    ['strikethrough', 'was ~~old~~ new\n'],
    ['character references', 'a &amp; b\n'],
  ])('reads spans with %s the way remark does (remark reads the span)', (_name, source) => {
    expectSameAsRemark(source);
  });

  it.each([
    ['a link reference definition', '[a]: https://example.com\n\n[b] and [a]\n'],
    ['a definition in the part remark reads', '# A\n\n-\tx\n\n[a]: https://example.com\n\n# B\n\n[a]\n'],
  ])('declines %s, which changes how the whole file reads (the parser then uses remark)', (_name, source) => {
    expect(scanMarkdown(source)).toBeNull();
  });

  it.each([
    ['an HTML block inside a list item', '- item\n\n  <div>\n  x\n  </div>\n'],
    ['tab indentation', '-\tx\n'],
    ['a table right after paragraph text', 'text\n| a | b |\n|---|---|\n| 1 | 2 |\n'],
  ])('leaves %s to remark and builds the same tree', (_name, source) => {
    expectSameAsRemark(source);
  });

  it('has remark read only the part between the top-level headings around what it declines', () => {
    const source = [
      '# Plan', '', '- [ ] first', '', '## Tabbed', '', '- [ ] call the bank', '\t- [ ] ask for the form', '', '```', '# not a heading', '```',
      '', '## After', '', '| ID | Task |', '|----|------|', '| T1 | Build |', '', 'text', '| a | b |', '|---|---|', '', '# End', '- [x] done', '',
    ].join('\n');
    const parts: unknown[] = [];
    const scanned = scanMarkdown(source, undefined, (reason, part) => parts.push({ reason, part }));
    expect(parts).toEqual([
      { reason: 'tab', part: { from: 5, to: 13 } },
      { reason: 'table after paragraph text', part: { from: 14, to: 23 } },
    ]);
    expect(scanned === null ? null : readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
  });
});
