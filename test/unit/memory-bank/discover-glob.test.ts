import { describe, expect, it } from 'vitest';
import { compileGlob, findMatchingGlob } from '../../../src/memory-bank/discover-glob.js';

describe('compileGlob', () => {
  it.each([
    ['notes/ai', 'notes/ai', true],
    ['notes/ai', 'notes/ai/x.md', false],
    ['notes/*', 'notes/ai', true],
    ['notes/*', 'notes/ai/x', false],
    ['notes/**', 'notes/ai/x/y.md', true],
    ['**/memory', 'a/b/memory', true],
    ['**/memory', 'memory', true],
    ['*.tmp', 'deep/down/file.tmp', true],
    ['drafts', 'a/drafts', true],
    ['docs/**/*.md', 'docs/a/b/c.md', true],
    ['docs/**/*.md', 'docs/c.md', true],
    ['docs/?.md', 'docs/a.md', true],
    ['docs/{a,b}.md', 'docs/b.md', true],
    ['docs/{a,b}.md', 'docs/c.md', false],
    ['./plans/', 'plans', true],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });

  it('returns the first matching pattern', () => {
    expect(findMatchingGlob('x/y.tmp', ['*.md', '*.tmp', 'x/**'])).toBe('*.tmp');
    expect(findMatchingGlob('x/y.md', [])).toBeNull();
  });
});
