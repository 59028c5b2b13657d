import { describe, expect, it } from 'vitest';
import { readHeadingDate } from '../../../src/memory-bank/dated-entries.js';
import { lines, makeFile, parse } from './fixtures.js';

describe('readHeadingDate: the date a log entry heading carries', () => {
  it.each([
    ['2025-03-09 — Parser groundwork', '2025-03-09'],
    ['[2025-04-03] Sync polish', '2025-04-03'],
    ['Session 4 (2025-05-01)', '2025-05-01'],
    ['5 May 2025', '2025-05-05'],
    ['Wednesday, 7 May 2025', '2025-05-07'],
    ['Friday, May 9, 2025 — Infra', '2025-05-09'],
    ['12.05.2025: Notes', '2025-05-12'],
  ])('%s → %s', (title, date) => {
    expect(readHeadingDate(title, undefined)).toBe(date);
  });

  it.each(['Phase 1.2', 'Release 0.1', 'v2.0.1', 'Sprint 2', 'Week 19', 'Plans for 2025'])('%s carries none', (title) => {
    expect(readHeadingDate(title, undefined)).toBeNull();
  });

  it('reads an ambiguous date day first when the file writes its dates so', () => {
    expect(readHeadingDate('04/03/2025 — Notes', undefined, true)).toBe('2025-03-04');
    expect(readHeadingDate('04/03/2025 — Notes', undefined, false)).toBe('2025-04-03');
  });

  it("reads a Roo timestamp moved off the heading's line", () => {
    expect(readHeadingDate('Update on Task: Export', '2025-05-10 12:41:08')).toMatch(/^2025-05-10/u);
  });
});

const journal = (...entries: string[]): string => lines('# Progress', '', ...entries);
const day1 = ['## 2025-03-09 — Parser', '', '### Next steps', '- [ ] Add CSV export', '- [ ] Write the docs', ''];
const day2 = ['## 2025-03-10 — Tests', '', '### Done', '- [x] Add CSV export', '', '### Next steps', '- [ ] Write the docs', ''];
const day3 = ['## 2025-03-11 — Release', '', '### Next steps', '- [ ] Write the docs', '- [ ] Tag 0.1', ''];

const readJournal = (text: string) => parse(makeFile('memory-bank/progress.md', text, ['section-list']));

describe('an item carried through the dated entries of a log is one task', () => {
  it('keeps the first entry’s key while later entries restate it, and takes the latest status and line', () => {
    const before = readJournal(journal(...day1, ...day2));
    const after = readJournal(journal(...day1, ...day2, ...day3));
    const docs = (result: ReturnType<typeof readJournal>) => result.records.filter((record) => record.title === 'Write the docs');
    expect(docs(before)).toHaveLength(1);
    expect(docs(after)).toHaveLength(1);
    expect(docs(after)[0]?.key).toBe(docs(before)[0]?.key);
    expect(docs(after)[0]?.key).toBe('memory-bank/progress.md#parser/write-the-docs');
    expect(docs(after)[0]?.source.line).toBe(20);
    const csv = after.records.filter((record) => record.title === 'Add CSV export');
    expect(csv.map((record) => [record.key, record.status.canonical, record.source.line])).toEqual([['memory-bank/progress.md#parser/add-csv-export', 'done', 12]]);
    expect(after.records.map((record) => record.title)).toEqual(['Add CSV export', 'Write the docs', 'Tag 0.1']);
  });

  it('reads a log kept newest first by its dates: the top entry states the current status', () => {
    const result = readJournal(journal(...day2, ...day1));
    const csv = result.records.filter((record) => record.title === 'Add CSV export');
    expect(csv.map((record) => [record.key, record.status.canonical])).toEqual([['memory-bank/progress.md#parser/add-csv-export', 'done']]);
  });

  it("orders a log's entries dated 04/03/2025 as its language writes dates: a French log, newest first, is read day first", () => {
    const french = lines(
      '# Journal de bord',
      '',
      'Les entrées les plus récentes sont en haut de la page.',
      '',
      '## 02/04/2025 — Traduction',
      '',
      '- [x] Traduire la documentation',
      '',
      '## 12/03/2025 — Démarrage',
      '',
      '- [ ] Traduire la documentation',
      '',
    );
    const result = readJournal(french);
    expect(result.records.map((record) => [record.title, record.status.canonical, record.source.line])).toEqual([['Traduire la documentation', 'done', 7]]);
  });

  it('keeps items apart under other sub-headings, and in sections that are not dated entries', () => {
    const split = readJournal(journal('## 2025-03-09 — A', '', '### Frontend', '- [ ] Write unit tests', '', '## 2025-03-10 — B', '', '### Backend', '- [ ] Write unit tests'));
    expect(split.records).toHaveLength(2);
    const sprints = readJournal(journal('## Sprint 1', '', '- [x] Update the dependencies', '', '## Sprint 2', '', '- [ ] Update the dependencies'));
    expect(sprints.records.map((record) => record.status.canonical)).toEqual(['done', 'todo']);
  });

  it('needs two dated entries under one heading: one dated section beside others is no log', () => {
    const result = readJournal(journal('## 2025-03-09 — Kick-off', '', '- [ ] Add CSV export', '', '## Reporting', '', '- [ ] Add CSV export'));
    expect(result.records).toHaveLength(2);
  });
});

describe('entries nested in dated entries (a month over its days)', () => {
  const month = (name: string, ...days: string[][]) => [`## ${name}`, '', ...days.flat()];
  const day = (title: string, ...items: string[]) => [`### ${title}`, ...items, ''];

  it('carries an item from the last day of one month to a day of the next', () => {
    const result = readJournal(
      journal(
        ...month('March 2025', day('31 March 2025', '- [ ] Close the books', '- [ ] Pay the rent')),
        ...month('April 2025', day('1 April 2025', '- [x] Close the books'), day('2 April 2025', '- [ ] Pay the rent')),
      ),
    );
    expect(result.records.map((record) => [record.title, record.status.canonical])).toEqual([
      ['Close the books', 'done'],
      ['Pay the rent', 'todo'],
    ]);
  });

  it('keeps apart items under other sub-headings of the entries', () => {
    const result = readJournal(journal('## 2025-03-09 — Frontend work', '', '### Frontend', '- [ ] Write unit tests', '', '## 2025-03-10 — Backend work', '', '### Backend', '- [ ] Write unit tests'));
    expect(result.records).toHaveLength(2);
  });
});

describe('a restatement written with other case or a closing stop', () => {
  it('is the same item: `Write the docs` one day, `write the docs.` the next', () => {
    const result = readJournal(journal('## 2025-03-09 — A', '', '- [ ] Write the docs', '', '## 2025-03-10 — B', '', '- [x] write the docs.'));
    expect(result.records.map((record) => [record.key, record.title, record.status.canonical])).toEqual([['memory-bank/progress.md#a/write-the-docs', 'write the docs.', 'done']]);
  });
});
