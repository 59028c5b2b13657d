/**
 * The fast inline reader reads a leading GFM task box (`[x] `, `[ ] `, `[X] `) as literal text and the rest alone
 * (issue #13 "Speed": most checklist items start with one, and the box used to send every such item through the
 * tokenizer); the nodes must be exactly those remark builds for the whole text.
 */
import type { PhrasingContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { readInline } from '../../../src/memory-bank/inline.js';
import { readPhrasingWithRemark, withoutPositions } from '../../helpers/mdast-shape.js';

function readFast(text: string): PhrasingContent[] | null {
  return readInline(text);
}

describe('readInline reads a leading task box as text before the rest, as remark reads the whole text', () => {
  it.each([
    ['a plain item', '[x] Ship the parser'],
    ['an open box and emphasis', '[ ] **Write** the *tests* for `a|b`'],
    ['an upper-case box, a link and an image', '[X] see [the notes](notes.md) and ![logo](l.png "t")'],
    ['a bracket closed later', '[x] a] (b) and [c]'],
    ['a link right after the box', '[ ] [docs](d.md) first'],
    ['delimiter runs at the rest\'s start', '[x] _a_ and *b* and __C__'],
    ['spaces after the box', '[x]   spaced'],
    ['an escaped bracket', '[x] \\[not a link\\](x)'],
    ['a hard break', '[x] line one\\\nline two'],
    ['an autolink and a tag', '[ ] <https://a.b> and <b>x</b>'],
    ['a box that is a link', '[x](y) z'],
    ['a box with no space after it', '[x]y z*'],
  ])('%s', (_name, text) => {
    const fast = readFast(text);
    expect(fast, 'the fast reader declined').not.toBeNull();
    expect(withoutPositions(fast ?? [])).toEqual(readPhrasingWithRemark(text));
  });

  it('declines a rest it does not read, as it declines the whole text', () => {
    expect(readFast('[x] a &amp; b')).toBeNull();
    expect(readFast('[ ] ~~done~~')).toBeNull();
    // A name between double underscores (`__init__`) is left to remark, which keeps it a name (`keepDunderNames`).
    expect(readFast('[x] Split __init__.py')).toBeNull();
  });
});
