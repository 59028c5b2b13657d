import { describe, expect, it } from 'vitest';
import { taskRecordSchema } from '../../../src/core/task-record.js';
import { lines, makeFile, parse } from './fixtures.js';

const index = lines(
  '# Tasks Index',
  '',
  '## In Progress',
  '- [TASK004] Web API endpoints - Not Started',
  '',
  '## Pending',
  '- (none)',
  '',
  '## Completed',
  '- [TASK001] Improve hybrid handling - ASCII exclusive mode & smoke test (2025-09-23)',
  '- [TASK008] Implement NEW_ENVIRON parsing - Completed on 2025-01-23',
  ' - [TASK009] Configurable Terminal Models - Completed on 2025-10-13',
  '- `TASK106` Rapport final — **COMPLÈTE ✅ 2026-08-03** — long prose about the report',
  '',
  '## Abandoned',
  '- [TASK010] Old idea',
  '',
  '## Later',
  '- [TASK011] Someday feature',
);

const taskFile = lines(
  '# [TASK004] - Web API endpoints',
  '',
  '**Status:** In Progress  ',
  '**Added:** 2026-03-12  ',
  '**Updated:** 2026-03-14',
  '',
  '## Original Request',
  'Expose the parser through a web API.',
  '',
  '## Implementation Plan',
  '- [ ] Design routes',
  '- [ ] Write handlers',
  '',
  '## Progress Tracking',
  '',
  '**Overall Status:** In Progress - 35%',
  '',
  '### Subtasks',
  '| ID | Description | Status | Updated | Notes |',
  '|----|-------------|--------|---------|-------|',
  '| 4.1 | Design routes | Complete | 2026-03-13 | REST, `GET /a|b` |',
  '| 4.2 | Write handlers | Not Started | 2026-03-12 | |',
  '| 4.3 | Document API | ✅ | 2026-03-14 | |',
  '',
  '## Progress Log',
  '### 2026-03-13',
  '- Designed the routes',
  '- Reviewed with the team',
  '',
  '### 2026-03-14',
  '- Started the handlers',
);

describe('tasks-folder index', () => {
  it('reads sections as statuses and line forms', () => {
    const result = parse(makeFile('memory-bank/tasks/_index.md', index, ['tasks-folder-index'], { kind: 'index' }));
    const byId = new Map(result.records.map((record) => [record.sourceId, record]));
    expect([...byId.keys()]).toEqual(['TASK004', 'TASK001', 'TASK008', 'TASK009', 'TASK106', 'TASK010', 'TASK011']);
    expect(byId.get('TASK004')?.status).toMatchObject({ canonical: 'todo', raw: 'Not Started', from: 'inline' });
    expect(byId.get('TASK001')).toMatchObject({ title: 'TASK001 · Improve hybrid handling', body: 'ASCII exclusive mode & smoke test' });
    expect(byId.get('TASK001')?.dates.done).toBe('2025-09-23');
    expect(byId.get('TASK008')?.dates.done).toBe('2025-01-23');
    expect(byId.get('TASK009')?.status.canonical).toBe('done');
    expect(byId.get('TASK106')).toMatchObject({ title: 'TASK106 · Rapport final', body: 'long prose about the report' });
    expect(byId.get('TASK106')?.status.canonical).toBe('done');
    expect(byId.get('TASK010')?.status.canonical).toBe('cancelled');
    expect(byId.get('TASK011')?.status.canonical).toBe('deferred');
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });
});

describe('tasks-folder task file', () => {
  it('reads the header, subtask table, percent and progress log', () => {
    const result = parse(makeFile('memory-bank/tasks/TASK004-web-api-endpoints.md', taskFile, ['tasks-folder-task'], { kind: 'task-document' }));
    const [main, ...subtasks] = result.records;
    expect(main).toMatchObject({
      key: 'memory-bank/tasks/TASK004-web-api-endpoints.md#TASK004',
      title: 'TASK004 · Web API endpoints',
      sourceId: 'TASK004',
      status: { canonical: 'in_progress', raw: 'In Progress', from: 'bold-field' },
      dates: { created: '2026-03-12', updated: '2026-03-14', due: null, start: null, done: null },
      percentDone: 0.35,
      parentKey: null,
    });
    expect(main?.body).toContain('## Original Request');
    expect(main?.body).toContain('## Implementation Plan');
    expect(main?.body).not.toContain('**Status:**');
    expect(main?.progress).toEqual([
      { date: '2026-03-13', text: '- Designed the routes\n- Reviewed with the team', line: 26 },
      { date: '2026-03-14', text: '- Started the handlers', line: 30 },
    ]);
    expect(subtasks.map((record) => [record.title, record.status.canonical, record.parentKey])).toEqual([
      ['4.1 · Design routes', 'done', main?.key],
      ['4.2 · Write handlers', 'todo', main?.key],
      ['4.3 · Document API', 'done', main?.key],
    ]);
    expect(subtasks[0]?.body).toBe('REST, `GET /a|b`');
    expect(subtasks[0]?.dates.updated).toBe('2026-03-13');
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });

  it('turns the implementation plan into subtasks when there is no subtask table', () => {
    const text = lines(
      '# TASK002 - Plan only',
      '**Status:** Completed',
      '**Added:** 2026-01-02',
      '**Updated:** 2026-01-03',
      '',
      '## Implementation Plan',
      '1. **Define constants**',
      '   - with capabilities',
      '2. **Update protocol**',
      '',
      '## Progress Tracking',
      '**Overall Status:** Completed - 100%',
    );
    const result = parse(makeFile('memory-bank/tasks/TASK002-plan-only.md', text, ['tasks-folder-task']));
    expect(result.records.map((record) => [record.title, record.status.canonical])).toEqual([
      ['TASK002 · Plan only', 'done'],
      ['Define constants', 'done'],
      ['Update protocol', 'done'],
    ]);
    expect(result.records[0]?.percentDone).toBe(1);
    expect(result.records[1]?.body).toBe('- with capabilities');
  });

  it('reports a file that disagrees with itself', () => {
    const text = lines('# [TASK013] - Command pattern', '**Status:** In Progress', '', '## Progress Tracking', '**Overall Status:** Not Started - 0%');
    const result = parse(makeFile('memory-bank/tasks/TASK013-x.md', text, ['tasks-folder-task']));
    expect(result.records[0]?.status.canonical).toBe('in_progress');
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'status-conflict', severity: 'warning', file: 'memory-bank/tasks/TASK013-x.md', line: 5 }),
    ]);
  });

  it('takes the status from a COMPLETED folder when the file has none', () => {
    const text = lines('# TASK020 - Archived work', '**Added:** 2025-01-01');
    const result = parse(makeFile('memory-bank/tasks/COMPLETED/TASK020-archived.md', text, ['tasks-folder-task']));
    expect(result.records[0]?.status).toMatchObject({ canonical: 'done', from: 'folder' });
  });
});

describe('index + task file merge', () => {
  it('keeps one record per id: the task file wins, the index line goes to alsoSeenAt, conflicts are reported', () => {
    const result = parse(
      makeFile('memory-bank/tasks/_index.md', index, ['tasks-folder-index'], { kind: 'index' }),
      makeFile('memory-bank/tasks/TASK004-web-api-endpoints.md', taskFile, ['tasks-folder-task'], { kind: 'task-document' }),
    );
    const task004 = result.records.filter((record) => record.sourceId === 'TASK004');
    expect(task004).toHaveLength(1);
    expect(task004[0]?.key).toBe('memory-bank/tasks/TASK004-web-api-endpoints.md#TASK004');
    expect(task004[0]?.alsoSeenAt).toEqual([{ path: 'memory-bank/tasks/_index.md', line: 4, anchor: 'TASK004' }]);
    const conflict = result.problems.find((problem) => problem.code === 'status-conflict' && problem.file === 'memory-bank/tasks/_index.md');
    expect(conflict?.message).toBe(
      'TASK004: index says Not Started (memory-bank/tasks/_index.md:4), file says In Progress (memory-bank/tasks/TASK004-web-api-endpoints.md:3); the file wins',
    );
    const explain = result.explain.find((entry) => entry.file === 'memory-bank/tasks/_index.md');
    expect(explain?.merged).toEqual([
      { key: 'memory-bank/tasks/_index.md#TASK004', into: 'memory-bank/tasks/TASK004-web-api-endpoints.md#TASK004' },
    ]);
    // Index entries without a file stay records of their own.
    expect(result.records.some((record) => record.key === 'memory-bank/tasks/_index.md#TASK001')).toBe(true);
  });

  it('reports the same id in two task files as duplicate-id and keeps both', () => {
    const a = lines('# TASK021 - First copy', '**Status:** Pending');
    const b = lines('# TASK021 - Second copy', '**Status:** Pending');
    const result = parse(
      makeFile('memory-bank/tasks/TASK021-a.md', a, ['tasks-folder-task']),
      makeFile('memory-bank/tasks/tasks-completed/TASK021-b.md', b, ['tasks-folder-task']),
    );
    expect(result.records).toHaveLength(2);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'duplicate-id',
        message: expect.stringContaining('memory-bank/tasks/TASK021-a.md:1 and memory-bank/tasks/tasks-completed/TASK021-b.md:1'),
      }),
    ]);
  });

  describe('tasks named by number', () => {
    const indexList = lines('# Project Tasks', '', '- [x] **ID 3: Cache readings offline** (Priority: medium)', '> Keep the last fetch.');
    const numbered = (title: string): string => lines('---', 'id: 3', `title: '${title}'`, 'status: pending', '---', '', 'Details.');

    it('folds an item named `ID 3` into the one task file whose frontmatter id is 3', () => {
      const result = parse(
        makeFile('.ai/TASKS.md', indexList, ['cursor-tasks'], { bank: '.ai' }),
        makeFile('.ai/tasks/task3_offline_cache.md', numbered('Cache readings offline'), ['frontmatter-task'], { kind: 'task-document', bank: '.ai' }),
      );
      expect(result.records.map((record) => record.key)).toEqual(['.ai/tasks/task3_offline_cache.md#cache-readings-offline']);
      expect(result.records[0]?.alsoSeenAt).toEqual([{ path: '.ai/TASKS.md', line: 3, anchor: 'ID-3' }]);
    });

    it('keeps both when two files carry the number, or when the file is of another bank', () => {
      const twice = parse(
        makeFile('.ai/TASKS.md', indexList, ['cursor-tasks'], { bank: '.ai' }),
        makeFile('.ai/tasks/task3_offline_cache.md', numbered('Cache readings offline'), ['frontmatter-task'], { kind: 'task-document', bank: '.ai' }),
        makeFile('.ai/memory/tasks/task3_offline_cache.md', numbered('Cache readings offline'), ['frontmatter-task'], { kind: 'task-document', bank: '.ai' }),
      );
      expect(twice.records).toHaveLength(3);
      const apart = parse(
        makeFile('.ai/TASKS.md', indexList, ['cursor-tasks'], { bank: '.ai' }),
        makeFile('other/tasks/task3_offline_cache.md', numbered('Cache readings offline'), ['frontmatter-task'], { kind: 'task-document', bank: 'other' }),
      );
      expect(apart.records).toHaveLength(2);
    });
  });

  describe('items naming a task file by its file name', () => {
    const sprint = lines('# Sprint 2', '', '## Planned', '', '- [ ] 004-release-notes.md', '- [ ] Update 004-release-notes.md with the date');
    const taskFile = lines('---', 'title: Release notes', 'status: in-progress', '---', '', 'Write them.');

    it('folds the item into the file, whose status wins without a conflict when the item has only its section', () => {
      const result = parse(
        makeFile('bank/sprint-2.md', sprint, ['checklist'], { bank: 'bank' }),
        makeFile('bank/tasks/004-release-notes.md', taskFile, ['frontmatter-task'], { kind: 'task-document', bank: 'bank' }),
      );
      expect(result.records.map((record) => record.title)).toEqual(['Update 004-release-notes.md with the date', 'Release notes']);
      expect(result.records[1]?.status.canonical).toBe('in_progress');
      expect(result.records[1]?.alsoSeenAt).toEqual([{ path: 'bank/sprint-2.md', line: 5, anchor: '004-release-notes-md' }]);
      expect(result.problems.filter((problem) => problem.code === 'status-conflict')).toEqual([]);
    });

    it('keeps the item when two task files share the name, or the file is of another bank', () => {
      const twice = parse(
        makeFile('bank/sprint-2.md', sprint, ['checklist'], { bank: 'bank' }),
        makeFile('bank/tasks/004-release-notes.md', taskFile, ['frontmatter-task'], { kind: 'task-document', bank: 'bank' }),
        makeFile('bank/archive/004-release-notes.md', taskFile, ['frontmatter-task'], { kind: 'task-document', bank: 'bank' }),
      );
      expect(twice.records).toHaveLength(4);
      const apart = parse(
        makeFile('bank/sprint-2.md', sprint, ['checklist'], { bank: 'bank' }),
        makeFile('other/tasks/004-release-notes.md', taskFile, ['frontmatter-task'], { kind: 'task-document', bank: 'other' }),
      );
      expect(apart.records).toHaveLength(3);
    });
  });
});
