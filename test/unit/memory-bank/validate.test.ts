import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { checkRecords, validateReading } from '../../../src/memory-bank/validate.js';
import { lines, makeFile, parse } from './fixtures.js';

describe('validateReading', () => {
  it('returns every problem at once: discovery, parsing, merging and record checks, without duplicates', () => {
    const files = [
      makeFile('mb/tasks/_index.md', lines('## In Progress', '- [TASK004] Web API - Not Started'), ['tasks-folder-index'], { kind: 'index' }),
      makeFile('mb/tasks/TASK004-web.md', lines('# [TASK004] - Web API', '**Status:** In Progress'), ['tasks-folder-task']),
      makeFile('mb/sprint.md', lines('| ID | Task | Priority | Status |', '|---|---|---|---|', '| PM-1 | Thing | Week 2-3 | RIGID |'), ['task-table']),
      makeFile('mb/broken.md', lines('---', 'status: [open', '---', '# Doc'), ['frontmatter-task']),
    ];
    const parsed = parse(...files);
    const discoveryProblem = { severity: 'error' as const, code: 'not-utf8', file: 'mb/binary.md', line: null, message: 'not UTF-8', received: null, fix: 'save as UTF-8' };
    const report = validateReading({ files, problems: [discoveryProblem] }, parsed);
    expect(report.problems.map((problem) => [problem.file, problem.code])).toEqual([
      ['mb/binary.md', 'not-utf8'],
      ['mb/broken.md', 'yaml-invalid'],
      ['mb/sprint.md', 'priority-unknown'],
      ['mb/sprint.md', 'status-unknown'],
      ['mb/tasks/_index.md', 'status-conflict'],
    ]);
    expect(report).toMatchObject({ ok: false, errors: 2, warnings: 3, counts: { files: 4, taskFiles: 3, records: 3 } });
    for (const problem of report.problems) {
      expect(problem.fix).not.toBe('');
      expect(problem.message).not.toBe('');
    }
  });

  it('suggests a vocabulary mapping for an unknown status without guessing what it means', () => {
    const files = [makeFile('mb/sprint.md', lines('| ID | Task | Status |', '|---|---|---|', '| PM-1 | Thing | Hatched |'), ['task-table'])];
    const problem = validateReading({ files, problems: [] }, parse(...files)).problems.find((p) => p.code === 'status-unknown');
    expect(problem?.fix).toContain('{"vocabulary":{"status":{"hatched":');
    expect(problem?.fix).not.toMatch(/"hatched":"done"/);
    for (const status of ['todo', 'planned', 'in_progress', 'blocked', 'done', 'cancelled', 'deferred']) {
      expect(problem?.fix).toContain(status);
    }
  });

  it('is ok with warnings only', () => {
    const files = [makeFile('mb/sprint.md', lines('| ID | Task | Priority | Status |', '|---|---|---|---|', '| PM-1 | Thing | Week 2-3 | Done |'), ['task-table'])];
    const report = validateReading({ files, problems: [] }, parse(...files));
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 1 });
  });
});

describe('checkRecords', () => {
  const base: TaskRecord = {
    key: 'mb/a.md#x',
    source: { path: 'mb/a.md', line: 3, anchor: 'x' },
    title: 'X',
    body: '',
    status: { canonical: 'unknown', raw: 'SEEDED', from: 'table-cell' },
    priority: { value: null, raw: 'Week 2-3' },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: [],
    owner: null,
    sourceId: null,
    parentKey: 'mb/a.md#gone',
    order: 0,
    percentDone: null,
    extractor: 'task-table',
    extra: {},
    progress: [],
    alsoSeenAt: [],
  };

  it('reports unknown status, suspicious priority, dangling parents, duplicate keys and schema violations', () => {
    const broken = { ...base, key: 'mb/a.md#y', title: '(untitled)', dates: { ...base.dates, due: 'next week' }, parentKey: null, status: { canonical: 'todo' as const, raw: null, from: 'default' }, priority: { value: null, raw: null } };
    const problems = checkRecords([base, { ...base }, broken]);
    expect(problems.map((problem) => problem.code).sort()).toEqual([
      'duplicate-key',
      'parent-missing',
      'parent-missing',
      'priority-unknown',
      'priority-unknown',
      'record-invalid',
      'status-unknown',
      'status-unknown',
      'title-empty',
    ]);
    expect(problems.find((problem) => problem.code === 'duplicate-key')?.severity).toBe('error');
    expect(problems.find((problem) => problem.code === 'record-invalid')?.message).toContain('dates.due');
  });
});
