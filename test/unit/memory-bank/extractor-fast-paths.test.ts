/**
 * The outline walker's shortcuts (issue #13, "Speed"): inline fields read only from text with a parenthesis or a
 * dash, list items ruled out by their first or last character before a pattern runs (timestamps, acceptance
 * criteria, trailing id mentions, bold field heads). Each is held to the plain reading on hand-written inputs.
 */
import { describe, expect, it } from 'vitest';
import { readIdCell, readInlineFields, splitLeadingId } from '../../../src/memory-bank/extractors/text.js';
import { createVocabulary } from '../../../src/memory-bank/vocabulary.js';
import { readInlineFieldsPlainly } from '../../helpers/reference-text.js';
import { lines, makeFile, parse } from './fixtures.js';

/** Titles with and without groups, dashes of each kind, status words and whitespace at either end. */
function inlineVariants(): string[] {
  const heads = ['Fix the header', '  Fix the header  ', 'dash-case name', '修复页眉', ''];
  const tails = [
    '', ' - Not Started', ' – blocked', ' — done', ' -done', ' - ', '-', ' (Status: pending)', ' （Status: done）', ' (done)', '（未开始）',
    ' (Status: in progress) - waiting on x', ' (Status: completed) ✅', ' (see TASK004) extra', ' (Owner: Ana, Due: 2026-01-02)', ' (', ')',
    ' (PLAN)', '\t- In Progress\t', ' (parallel: true)', ' (blocking: no, optional: YES)', ' (see: docs, blocking: no)',
  ];
  const variants: string[] = [];
  for (const head of heads) for (const tail of tails) variants.push(`${head}${tail}`, `${tail}${head}`);
  return variants;
}

describe('readInlineFields', () => {
  const vocabulary = createVocabulary();

  it('answers as the plain reading, with and without bare statuses', () => {
    for (const text of inlineVariants()) {
      expect(readInlineFields(text, vocabulary), JSON.stringify(text)).toEqual(readInlineFieldsPlainly(text, vocabulary));
      const keyedOnly = { bareStatus: false };
      expect(readInlineFields(text, vocabulary, keyedOnly), JSON.stringify(text)).toEqual(readInlineFieldsPlainly(text, vocabulary, keyedOnly));
    }
  });
});

describe('list items read by their first and last characters', () => {
  const text = lines(
    '# Work',
    '',
    '## Login page',
    '',
    '- __Owner:__ Ana',
    '-   **Priority:** High',
    '- Prose about **Status:** nothing',
    '- [ ] Write the form (TASK002)',
    '- [ ] Check the form （TASK003）  ',
    '- [ ] Review the form (see TASK004) extra',
    '- [x] 2025-08-16 10:09 - Ship the page',
    '- [ ] [2025-08-17 11:00] Ship the docs',
    '- [ ] ac-1: the form validates',
    '- [ ] **AC2** the form saves',
    '- [ ] Acceptance test the page',
    '- [ ] Fix the header - Not Started',
    '- [ ] Fix the footer – blocked',
    '- [ ] Rename the dash-case files',
    '- Sort the menu (Status: in progress)',
    '- Sort the links （Status: done）',
    '- Sort the icons - In Progress',
    '',
    '## Search box',
    '',
    '- Plain bullet',
    '- **Due:** 2026-03-01',
    '- [ ] Index the titles',
  );

  it('give the records the plain reading gives', () => {
    const records = parse(makeFile('mb/progress.md', text, ['cursor-tasks'])).records;
    const rows = records.map((record) => [record.key.slice(record.key.indexOf('#') + 1), record.title, record.status.canonical, record.status.from, record.dates.done]);
    expect(rows).toEqual([
      // Bold field heads (`__Owner:__`, an indented `**Priority:**`) over checkboxes make the heading a task.
      ['login-page', 'Login page', 'in_progress', 'children', null],
      // A trailing id mention, with ASCII or full-width parentheses and spaces after them, names no task of a file read
      // alone: merging makes it the task it names (merge-mentions.test.ts).
      ['login-page/write-the-form-task002', 'Write the form (TASK002)', 'todo', 'checkbox', null],
      ['login-page/check-the-form-task003', 'Check the form （TASK003）', 'todo', 'checkbox', null],
      ['login-page/review-the-form-see-task004-extra', 'Review the form (see TASK004) extra', 'todo', 'checkbox', null],
      // A timestamp opening the item dates it, after a separator or in brackets (an ExecPlan's `(2025-10-01 13:00Z) …`).
      ['login-page/ship-the-page', 'Ship the page', 'done', 'checkbox', '2025-08-16T10:09'],
      ['login-page/ship-the-docs', 'Ship the docs', 'todo', 'checkbox', null],
      // `ac-1:` is a criterion (any case); `**AC2**` without a separator and `Acceptance test…` are tasks.
      ['login-page/ac2-the-form-saves', 'AC2 the form saves', 'todo', 'checkbox', null],
      ['login-page/acceptance-test-the-page', 'Acceptance test the page', 'todo', 'checkbox', null],
      // A status suffix that agrees with the checkbox is dropped, and so is one the open box cannot say (its status).
      ['login-page/fix-the-header', 'Fix the header', 'todo', 'checkbox', null],
      ['login-page/fix-the-footer', 'Fix the footer', 'blocked', 'inline', null],
      ['login-page/rename-the-dash-case-files', 'Rename the dash-case files', 'todo', 'checkbox', null],
      ['login-page/sort-the-menu', 'Sort the menu', 'in_progress', 'inline', null],
      ['login-page/sort-the-links', 'Sort the links', 'done', 'inline', null],
      ['login-page/sort-the-icons', 'Sort the icons', 'in_progress', 'inline', null],
      // A due date in a bullet after a plain one, over a checkbox.
      ['search-box', 'Search box', 'todo', 'children', null],
      ['search-box/index-the-titles', 'Index the titles', 'todo', 'checkbox', null],
    ]);
    const login = records.find((record) => record.title === 'Login page');
    expect([login?.owner, login?.priority.value]).toEqual(['Ana', 3]);
    expect(records.find((record) => record.title === 'Search box')?.dates.due).toBe('2026-03-01');
  });
});

describe('id cells', () => {
  it('drop brackets only at either end, after emphasis and wiki links (`[[RESET]]`, the page of the id) are stripped', () => {
    const cells = ['[T-1]', '[T-1', 'T-1]', ' [ 1.2 ] ', '**[PM-003]**', '`[X1]`', '[]', ']', '[', '[[RESET]]', '[ SESS-14b', '3.3a]', '[Task 36]', 'PM-003', '[not an id]', '**RESET**', ''];
    expect(cells.map((cell) => readIdCell(cell))).toEqual([
      'T-1', 'T-1', 'T-1', '1.2', 'PM-003', null, null, null, null, 'RESET', 'SESS-14b', '3.3a', 'Task 36', 'PM-003', null, 'RESET', null,
    ]);
  });
});

describe('tables read for repeated ids', () => {
  function fold(...rows: string[]): Array<[string | null, string, number]> {
    const text = lines('# Log', '', '| ID | Task | Status |', '|----|------|--------|', ...rows);
    return parse(makeFile('mb/progress.md', text, ['task-table'])).records.map((record) => [record.sourceId, record.status.canonical, record.source.line]);
  }

  it('fold a repeat of the first id, ids written in another case or with spaces, and leave tables of distinct ids alone', () => {
    expect(fold('| T1 | Build the reader | Pending |', '| T1 | Build the reader | Done |')).toEqual([['T1', 'done', 6]]);
    expect(fold('| T1 | Build the reader | Pending |', '| | Plan the reader | Pending |', '| t1  | Build the reader | Done |')).toEqual([
      [null, 'todo', 6],
      ['t1', 'done', 7],
    ]);
    expect(fold('| T1 | Build the reader | Pending |', '| T2 | Ship the writer | Done |', '| T3 | Test the writer | Pending |', '| T2 | Ship the writer | Blocked |')).toEqual([
      ['T1', 'todo', 5],
      ['T3', 'todo', 7],
      ['T2', 'blocked', 8],
    ]);
    expect(fold('| T1 | Build the reader | Pending |', '| T2 | Ship the writer | Done |')).toEqual([
      ['T1', 'todo', 5],
      ['T2', 'done', 6],
    ]);
  });
});

describe('readInlineFields: flags', () => {
  const vocabulary = createVocabulary();

  it('takes a group of yes-or-no flags closing an item out of its title, and leaves a group with anything else', () => {
    expect(readInlineFields('Capture box (parallel: false)', vocabulary)).toMatchObject({ rest: 'Capture box', fields: [{ name: 'parallel', value: 'false', flag: true }] });
    expect(readInlineFields('Revoke a link (blocking: Yes, depends_on: no)', vocabulary).fields).toEqual([
      { name: 'blocking', value: 'Yes', flag: true },
      { name: 'depends_on', value: 'no', flag: true },
    ]);
    for (const text of ['Read the ADR (see: ADR-12)', 'Fix login (regression: 2.3)', 'Pick a name (answer: yes or no)', 'Ship it (true story: yes)']) {
      expect(readInlineFields(text, vocabulary), text).toMatchObject({ rest: text, fields: [] });
    }
  });
});

describe('splitLeadingId', () => {
  it('reads an issue number or a task file name opening an item before a separator (`#1235 - Title`, `001.md - Title`), and nothing else as one', () => {
    const read = (text: string): [string | null, string] => {
      const split = splitLeadingId(text);
      return [split.id, split.rest];
    };
    expect(read('#1235 - Password hashing')).toEqual(['#1235', 'Password hashing']);
    expect(read('#12: Fix the crash')).toEqual(['#12', 'Fix the crash']);
    expect(read('001.md - Share link')).toEqual(['001', 'Share link']);
    expect(read('#12 Fix the crash')).toEqual([null, '#12 Fix the crash']);
    expect(read('#12-word title')).toEqual([null, '#12-word title']);
    expect(read('Fix #12 - the crash')).toEqual([null, 'Fix #12 - the crash']);
    expect(read('2025.md - notes')).toEqual(['2025', 'notes']);
    expect(read('1.5 - Polish')).toEqual([null, '1.5 - Polish']);
  });

  it('finds ids (each holds a digit) and none in text without an ASCII digit', () => {
    const texts = ['[TASK004] - Title', 'Task 36: Title', 'Задача 5: Заголовок', '[1.2] Sub', 'RESET: Title', '[RESET] Title', 'API-v2 rollout', ' TASK-XX: template ', '  Plain title  ', '[TASK٤] Arabic digit', 'T１: fullwidth', 'FOO_BAR_3 Title', ''];
    const read = (mode: 'strict' | 'loose'): Array<[string | null, string]> => texts.map((text) => {
      const split = splitLeadingId(text, mode);
      return [split.id, split.rest];
    });
    expect(read('strict')).toEqual([
      ['TASK004', 'Title'], ['Task 36', 'Title'], ['Задача 5', 'Заголовок'], ['1.2', 'Sub'], [null, 'RESET: Title'], [null, '[RESET] Title'],
      [null, 'API-v2 rollout'], [null, 'TASK-XX: template'], [null, 'Plain title'], [null, '[TASK٤] Arabic digit'], [null, 'T１: fullwidth'],
      [null, 'FOO_BAR_3 Title'], [null, ''],
    ]);
    expect(read('loose').at(-2)).toEqual(['FOO_BAR_3', 'Title']);
  });
});
