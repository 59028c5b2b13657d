/**
 * Type parameters (`IFactory<T>`), inline tags, email autolinks and approximate values (`~1 MB → ~100 KB`) are
 * common in memory banks; the line scanner reads them without loading remark. Its own file, so the module state
 * starts fresh.
 */
import { describe, expect, it } from 'vitest';
import { isRemarkLoaded } from '../../../src/memory-bank/markdown.js';
import { makeFile, parse } from './fixtures.js';

describe('remark on demand: inline HTML, autolinks and tildes', () => {
  it('reads a checklist with type parameters, tags, an email autolink and tildes without loading remark', () => {
    const parsed = parse(
      makeFile(
        'mb/tasks.md',
        [
          '# Tasks',
          '',
          '## In Progress',
          '- [ ] Add **IFactory<T>** and <kbd>Ctrl</kbd> support',
          '- [x] Shrink the state from ~1 MB to ~100 KB',
          '',
          'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>',
          '',
        ].join('\n'),
        ['cursor-tasks'],
      ),
    );
    // Titles drop inline tags (as they did when remark read these spans).
    expect(parsed.records.map((record) => record.title)).toEqual(['Add IFactory and Ctrl support', 'Shrink the state from ~1 MB to ~100 KB']);
    expect(isRemarkLoaded()).toBe(false);
  });
});
