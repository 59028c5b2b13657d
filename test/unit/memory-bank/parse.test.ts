import { describe, expect, it } from 'vitest';
import { taskRecordSchema, type TaskRecord } from '../../../src/core/task-record.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { parseFiles, prepareSource } from '../../../src/memory-bank/parse.js';
import { mergeRecords } from '../../../src/memory-bank/merge.js';
import { lines, makeFile, parse } from './fixtures.js';

describe('parseFiles', () => {
  it('skips context documents, templates and ignored files, and explains why', () => {
    const result = parse(
      makeFile('mb/projectbrief.md', '- [ ] not a task\n', [], { kind: 'context-document' }),
      makeFile('mb/template.md', '- [ ] [Name]\n', ['checklist'], { kind: 'template' }),
      { ...makeFile('mb/blob.bin', '', [], { kind: 'ignored' }), text: null },
      makeFile('mb/tasks.md', '- [ ] a task\n', ['checklist']),
    );
    expect(result.records.map((record) => record.title)).toEqual(['a task']);
    expect(result.explain.map((entry) => [entry.file, entry.noRecords === null])).toEqual([
      ['mb/blob.bin', false],
      ['mb/projectbrief.md', false],
      ['mb/tasks.md', true],
      ['mb/template.md', false],
    ]);
    expect(result.explain[1]?.noRecords).toBe('classified as context-document: test fixture');
    expect(result.explain[2]?.extractors).toEqual([
      expect.objectContaining({ name: 'checklist', keys: ['mb/tasks.md#a-task'], note: null }),
    ]);
  });

  it('explains files whose extractors found nothing', () => {
    const result = parse(makeFile('mb/progress.md', '# Progress\n\nJust prose.\n', ['section-list', 'checklist']));
    expect(result.records).toEqual([]);
    expect(result.explain[0]?.noRecords).toMatch(/^section-list: no status headings.*; checklist: no checkbox items/u);
  });

  it('numbers records in source order across the bank (path order, then position), per bank', () => {
    const result = parse(
      makeFile('b/z.md', '- [ ] z1\n- [ ] z2\n', ['checklist'], { bank: 'b' }),
      makeFile('a/y.md', '- [ ] y1\n', ['checklist'], { bank: 'a' }),
      makeFile('b/a.md', '- [ ] a1\n', ['checklist'], { bank: 'b' }),
    );
    expect(result.records.map((record) => [record.title, record.order])).toEqual([
      ['y1', 0],
      ['a1', 0],
      ['z1', 1],
      ['z2', 2],
    ]);
  });

  it('is deterministic whatever order the files come in', () => {
    const files = [
      makeFile('mb/b.md', '- [ ] b\n', ['checklist']),
      makeFile('mb/a.md', '## Done\n- a\n', ['section-list']),
    ];
    expect(parse(...files)).toEqual(parse(...[...files].reverse()));
  });

  it('reports an unknown extractor and keeps going', () => {
    const file = makeFile('mb/tasks.md', '- [ ] a\n', ['checklist']);
    const result = parseFiles([{ ...file, extractors: ['no-such-extractor' as 'checklist', 'checklist'] }], { vocabulary: createDefaultConfig().vocabulary });
    expect(result.records).toHaveLength(1);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'extractor-unknown', received: 'no-such-extractor' })]);
  });

  it('reports lines as written in CRLF files and strips a BOM', () => {
    const text = '\uFEFF# T\r\n\r\n## Done\r\n- first\r\n\r\n- [ ] second\r\n';
    const result = parse(makeFile('mb/progress.md', text, ['section-list']));
    expect(result.records.map((record) => record.source.line)).toEqual([4, 6]);
  });

  it('uses the config vocabulary', () => {
    const result = parseFiles([makeFile('mb/t.md', '| ID | Task | Status | Priority |\n|---|---|---|---|\n| X-1 | Thing | Hatched | Week 2-3 |\n', ['task-table'])], {
      vocabulary: { status: { hatched: 'done' }, priority: { 'week 2-3': 2 } },
    });
    expect(result.records[0]).toMatchObject({ status: { canonical: 'done' }, priority: { value: 2 } });
    expect(result.problems).toEqual([]);
  });

  it('reads config entries named by a symbol alone, as the status-unknown fix tells the user to write them', () => {
    const text = '| Task | Status | Priority |\n|---|---|---|\n| Login | 🟢 | 🔺 |\n| Search | 🟡️ | |\n';
    const unknown = parseFiles([makeFile('mb/t.md', text, ['task-table'])], { vocabulary: createDefaultConfig().vocabulary });
    const fix = unknown.problems.find((problem) => problem.code === 'status-unknown' && problem.line === 3)?.fix ?? '';
    expect(fix).toContain('{"vocabulary":{"status":{"🟢":"…"}}}');
    const result = parseFiles([makeFile('mb/t.md', text, ['task-table'])], {
      vocabulary: { status: { '🟢': 'done', '🟡': 'in_progress' }, priority: { '🔺': 4 } },
    });
    expect(result.records.map((record) => [record.title, record.status.canonical, record.priority.value])).toEqual([
      ['Login', 'done', 4],
      ['Search', 'in_progress', null],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reads a priority written as one symbol (built in), not as a placeholder', () => {
    const text = '| Task | Status | Priority |\n|---|---|---|\n| Export | Done | ⏫ |\n| Import | Done | 🔴 |\n| Sync | Done | — |\n';
    const result = parseFiles([makeFile('mb/t.md', text, ['task-table'])], { vocabulary: createDefaultConfig().vocabulary });
    expect(result.records.map((record) => record.priority.value)).toEqual([3, 4, null]);
    expect(result.problems).toEqual([]);
  });

  it('produces records that satisfy the TaskRecord schema, cuts long titles and reports empty checkboxes', () => {
    const long = 'x'.repeat(300);
    const result = parse(makeFile('mb/t.md', `- [ ] ${long}\n- [ ]   \n`, ['checklist']));
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.title.length).toBeLessThanOrEqual(200);
    expect(result.records[0]?.body).toContain(long);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'title-empty', line: 2, received: '- [ ]' })]);
    for (const record of result.records) expect(taskRecordSchema.parse(record)).toBeTruthy();
  });
});

describe('prepareSource', () => {
  it('moves Roo timestamps off heading and list markers without shifting lines', () => {
    const prepared = prepareSource('# Tasks\n[2025-05-03 16:47:47] - ## Task: Setup\nText\n[2025-05-11 11:39:45] - ---\n[2025-05-12 11:41:31] - - [ ] Item\n', 'x.md');
    expect(prepared.lines).toEqual(['# Tasks', '## Task: Setup', 'Text', '***', '- [ ] Item', '']);
    expect([...prepared.lineTimestamps.entries()]).toEqual([
      [2, '2025-05-03 16:47:47'],
      [4, '2025-05-11 11:39:45'],
      [5, '2025-05-12 11:41:31'],
    ]);
  });
});

function record(partial: Partial<TaskRecord> & Pick<TaskRecord, 'key'>): TaskRecord {
  const path = partial.key.slice(0, partial.key.indexOf('#'));
  return {
    source: { path, line: 1, anchor: partial.key.slice(partial.key.indexOf('#') + 1) },
    title: 'T',
    body: '',
    status: { canonical: 'todo', raw: 'Pending', from: 'table-cell' },
    priority: { value: null, raw: null },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: [],
    owner: null,
    sourceId: null,
    parentKey: null,
    order: 0,
    percentDone: null,
    extractor: 'task-table',
    extra: {},
    progress: [],
    alsoSeenAt: [],
    ...partial,
  };
}

describe('mergeRecords', () => {
  const bankOf = (): string => 'mb';

  it('folds list mentions into the task file, fills gaps and re-parents children', () => {
    const file = record({ key: 'mb/tasks/TASK004-x.md#TASK004', sourceId: 'TASK004', extractor: 'tasks-folder-task', status: { canonical: 'in_progress', raw: 'In Progress', from: 'bold-field' } });
    const mention = record({
      key: 'mb/progress.md#task004-x',
      sourceId: 'TASK004',
      extractor: 'section-list',
      status: { canonical: 'in_progress', raw: null, from: 'section' },
      priority: { value: 3, raw: 'High' },
      owner: 'Ana',
    });
    const child = record({ key: 'mb/progress.md#task004-x/sub', parentKey: 'mb/progress.md#task004-x', extractor: 'section-list' });
    const result = mergeRecords([file, mention, child], { bankOf });
    expect(result.records.map((item) => item.key)).toEqual([file.key, child.key]);
    expect(result.records[0]).toMatchObject({ priority: { value: 3 }, owner: 'Ana', alsoSeenAt: [mention.source] });
    expect(result.records[1]?.parentKey).toBe(file.key);
    expect(result.problems).toEqual([]);
    expect(result.merged).toEqual([{ key: mention.key, into: file.key }]);
  });

  it('reports priority and owner contradictions', () => {
    const file = record({ key: 'mb/tasks/PM-1.md#PM-1', sourceId: 'PM-1', extractor: 'frontmatter-task', priority: { value: 4, raw: 'P0' }, owner: 'Ana', status: { canonical: 'done', raw: 'done', from: 'frontmatter' } });
    const row = record({ key: 'mb/sprint.md#PM-1', sourceId: 'PM-1', priority: { value: 1, raw: 'Low' }, owner: 'Bo', status: { canonical: 'todo', raw: '⏳ Pending', from: 'table-cell' } });
    const codes = mergeRecords([file, row], { bankOf }).problems.map((problem) => problem.code).sort();
    expect(codes).toEqual(['owner-conflict', 'priority-conflict', 'status-conflict']);
  });

  it('keeps two table rows with one id apart and reports duplicate-id', () => {
    const a = record({ key: 'mb/a.md#PM-1', sourceId: 'PM-1' });
    const b = record({ key: 'mb/b.md#PM-1', sourceId: 'PM-1' });
    const result = mergeRecords([a, b], { bankOf });
    expect(result.records).toHaveLength(2);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'duplicate-id', message: expect.stringContaining('mb/a.md:1 and mb/b.md:1') })]);
  });

  it('does not merge ids across banks or local ids like 1.1', () => {
    const a = record({ key: 'x/a.md#PM-1', sourceId: 'PM-1' });
    const b = record({ key: 'y/b.md#PM-1', sourceId: 'PM-1' });
    const c = record({ key: 'x/c.md#1.1', sourceId: '1.1' });
    const d = record({ key: 'x/d.md#1.1', sourceId: '1.1' });
    const result = mergeRecords([a, b, c, d], { bankOf: (path) => path.slice(0, 1) });
    expect(result.records).toHaveLength(4);
    expect(result.problems).toEqual([]);
  });
});

describe('fixtures', () => {
  it('lines() joins with LF', () => {
    expect(lines('a', 'b')).toBe('a\nb\n');
  });
});
