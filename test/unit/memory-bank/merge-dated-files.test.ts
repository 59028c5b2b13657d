import { describe, expect, it } from 'vitest';
import { lines, makeFile, parse } from './fixtures.js';

const day = (path: string, done: string[], next: string[]) =>
  makeFile(path, lines('# Day', '', '## Done', ...done.map((title) => `- [x] ${title}`), '', '## Next', ...next.map((title) => `- [ ] ${title}`)), ['section-list']);

describe('an item carried through the dated files of one folder is one task', () => {
  it('keeps the first file’s key while later files restate it; its status and place are the latest file’s', () => {
    const two = parse(day('memory-bank/journal/2025-07-01.md', [], ['Translate the email']), day('memory-bank/journal/2025-07-02.md', [], ['Translate the email']));
    const three = parse(
      day('memory-bank/journal/2025-07-01.md', [], ['Translate the email']),
      day('memory-bank/journal/2025-07-02.md', [], ['Translate the email']),
      day('memory-bank/journal/2025-07-03.md', ['Translate the email'], []),
    );
    expect(two.records.map((record) => record.key)).toEqual(['memory-bank/journal/2025-07-01.md#translate-the-email']);
    expect(three.records.map((record) => [record.key, record.status.canonical, record.source.path, record.source.line])).toEqual([
      ['memory-bank/journal/2025-07-01.md#translate-the-email', 'done', 'memory-bank/journal/2025-07-03.md', 4],
    ]);
    expect(three.records[0]?.alsoSeenAt.map((place) => `${place.path}:${place.line}`)).toEqual(['memory-bank/journal/2025-07-01.md:6', 'memory-bank/journal/2025-07-02.md:6']);
  });

  it('orders the files by the dates in their names, not by where a folder lists them', () => {
    const result = parse(day('memory-bank/log/b-2025-07-09.md', ['Ship it'], []), day('memory-bank/log/a-2025-07-10.md', [], ['Ship it']));
    // The later file reopened it: a merely open restatement does not undo work stated done before it.
    expect(result.records.map((record) => [record.key, record.status.canonical, record.source.path])).toEqual([
      ['memory-bank/log/b-2025-07-09.md#ship-it', 'done', 'memory-bank/log/a-2025-07-10.md'],
    ]);
  });

  it('keeps apart files not named by dates, files of other folders, and items under other headings', () => {
    expect(parse(day('memory-bank/sprints/sprint-1.md', ['Update deps'], []), day('memory-bank/sprints/sprint-2.md', [], ['Update deps'])).records).toHaveLength(2);
    expect(parse(day('memory-bank/a/2025-07-01.md', [], ['Update deps']), day('memory-bank/b/2025-07-02.md', [], ['Update deps'])).records).toHaveLength(2);
    const headings = parse(
      makeFile('memory-bank/journal/2025-07-01.md', lines('## Frontend', '- [ ] Write tests'), ['checklist']),
      makeFile('memory-bank/journal/2025-07-02.md', lines('## Backend', '- [ ] Write tests'), ['checklist']),
    );
    expect(headings.records).toHaveLength(2);
  });
});
