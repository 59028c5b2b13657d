/**
 * The fast inline reader (issue #13 "Speed") reads autolinks, raw HTML tags on one line and tildes that cannot pair
 * up as strikethrough itself, and must build exactly the phrasing nodes remark builds for them; what it still
 * leaves to remark (comments, tags across lines, real strikethrough) it declines.
 */
import type { PhrasingContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { readInline } from '../../../src/memory-bank/inline.js';
import { readPhrasingWithRemark, withoutPositions } from '../../helpers/mdast-shape.js';

function readFast(text: string): PhrasingContent[] | null {
  return readInline(text);
}

describe('readInline reads these itself, as remark does', () => {
  it.each([
    ['type parameters that are HTML tags', 'IFactory<T> / IFactory<T, TParams>: Factoría'],
    ['text that is no tag', 'Partial<Weirdo | undefined> and <function_calls> and <state_snapshot> a < b > c <> < a> <1a> <a =b> <a b=> <a b"c"> <a/b>'],
    ['open and closing tags with attributes', '<invoke name="prework"> </content> <a href=\'x\' b c=d/> <br/> <br /> <x-y:z a-b_c.d=1> <a\tb="1"\t> <a b = "c" > </b >'],
    ['attribute values a tag cannot have', '<a b=`c`> <a b=c"d> <a b="c"d> <a b="c'],
    ['emphasis around tags', '**<b>x</b>** <b>**x**</b> _<i>_ *a<br>*'],
    ['URI autolinks', '<http://a.b/c?d=e> <ab:c> <mailto:x@y> <http://a b> <http://a<b> <a:b>'],
    ['scheme length limits', '<abcdefghijabcdefghijabcdefghijab:x> <abcdefghijabcdefghijabcdefghijabc:x>'],
    ['email autolinks and near misses', 'Copilot <223556219+Copilot@users.noreply.github.com> <a.b-c+d@x-y.example.org> <me@-x.com> <me@x-.com> <me@x..com> <me!@x.com>'],
    ['approximate values with single tildes', '~1 MB state → ~100 KB compressed, ~8 GB → ~2 GB'],
    ['tildes that cannot close', 'took ~40% of ~~the time; if [ -f ~/.x ] && [ -r ~/.y ]; a ~b ~c'],
    ['tildes after words with no opener before them', 'a~, b~,'],
    ['runs of three tildes', 'x ~~~a~~~'],
  ])('%s', (_name, sample) => {
    const text = `x ${sample}`;
    const fast = readFast(text);
    expect(fast, 'the fast reader declined').not.toBeNull();
    expect(withoutPositions(fast ?? [])).toEqual(readPhrasingWithRemark(text));
  });
});

describe('readInline leaves to remark what it does not read', () => {
  it.each([
    ['strikethrough', 'x ~a~ and ~~b~~'],
    ['a tilde pair inside words', 'x a~b~c'],
    ['an HTML comment', 'x <!-- c -->'],
    ['a processing instruction', 'x <?php ?>'],
    ['a tag across lines', 'x <a\nb="c">'],
    ['a quoted value across lines', 'x <a b="\nc">'],
    ['a tag inside link text', 'x [<b>x</b>](y)'],
    ['a character reference', 'x a &amp; b'],
  ])('%s', (_name, text) => {
    expect(readFast(text)).toBeNull();
  });
});
