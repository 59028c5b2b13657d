/**
 * A list item whose first paragraph is one line of a task box and plain text (most checklist items) is read straight
 * from its line: the text node, the checkbox and the paragraph's start after the box (issue #13 "Speed"). Every other
 * item goes the general way (inline reader, then the box taken off). Both must give the tree remark gives, positions
 * included; the rows below put items on either side of the line between the two.
 */
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from '../../../src/memory-bank/line-scanner.js';
import { parseMarkdown } from '../../../src/memory-bank/markdown.js';
import { readShape } from '../../helpers/mdast-shape.js';

function expectSameAsRemark(source: string): void {
  const scanned = scanMarkdown(source);
  expect(scanned, 'the scanner declined').not.toBeNull();
  if (scanned === null) return;
  expect(readShape(scanned)).toEqual(readShape(parseMarkdown(source)));
}

describe('task items read from their line, as remark reads them', () => {
  it.each([
    ['done, open and upper-case boxes', '- [x] Ship the parser\n- [ ] Write the tests\n- [X] Review it\n'],
    ['every bullet and ordered marker', '* [x] star\n\n+ [ ] plus\n\n1. [x] one\n2. [ ] two\n\n10) [X] ten\n'],
    ['nested items and items in a quote', '- [ ] parent\n  - [x] child\n    - [ ] grandchild\n\n> - [x] quoted\n> - [ ] open\n'],
    ['spaces after the box and at the end of the line', '- [x]   spaced out\n- [ ] trailing   \n- [x] both    \n'],
    ['non-ASCII text, emoji and digits', '- [x] Tâche terminée ✅ 100%\n- [ ] 完了したタスク\n- [x] 42\n'],
    ['an item with more blocks after its first line', '- [x] first line\n\n  a paragraph under it\n\n  - [ ] a child\n- [ ] next\n'],
    // The general way: inline syntax after the box, a second line, no text, no space after the box, other boxes.
    ['inline syntax after the box', '- [x] **bold** and `code`\n- [ ] see [docs](d.md)\n- [x] snake_case\n- [ ] a ~ tilde\n'],
    ['a first paragraph of two lines', '- [x] one line\n  and another\n- [ ] lazy\ncontinuation\n'],
    ['boxes with nothing or no space after them', '- [x]\n- [ ] \n- [x]y\n- [x]\n  continued\n'],
    ['markers that are not GFM boxes', '- [-] dash\n- [✅] emoji\n- [~] tilde\n- [xx] two\n'],
  ])('%s', (_name, source) => {
    expectSameAsRemark(source);
  });
});
