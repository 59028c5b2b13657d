import { describe, expect, it } from 'vitest';
import { taskRecordSchema, type TaskRecord } from '../../../src/core/task-record.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';
import { lines, makeFile, parse } from './fixtures.js';

function summarise(records: readonly TaskRecord[]): [string, string, string | null][] {
  const titles = new Map(records.map((record) => [record.key, record.title]));
  return records.map((record) => [record.title, record.status.canonical, record.parentKey === null ? null : (titles.get(record.parentKey) ?? '?')]);
}

function expectValid(records: readonly TaskRecord[]): void {
  for (const record of records) expect(taskRecordSchema.safeParse(record).success, record.key).toBe(true);
}

describe('roo-progress', () => {
  it('reads repeated status sections, timestamps, and ignores template placeholders', () => {
    const text = lines(
      '# Progress',
      '',
      "This file tracks the project's progress using a task list format.",
      'YYYY-MM-DD HH:MM:SS - Log of updates made.',
      '',
      '*',
      '',
      '## Completed Tasks',
      '',
      '*   ',
      '* [2025-08-30 10:57:17] - Completed state management refactor.',
      '',
      '## Current Tasks',
      '',
      '*   ',
      '',
      '## Next Steps',
      '',
      '*   ',
      '',
      '---',
      '',
      '[2025-08-16 20:26:40] - **Completed: LLM Provider Refactoring**',
      '',
      '## Completed Tasks',
      '- Refactored provider selection',
      '  - with nested detail',
      '',
      '## Next Steps',
      '- Monitor user feedback',
      '',
      '[2025-08-17 07:52:08] - Stage 1.5 COMPLETED',
      '- ✅ Real-time progress tracking',
      '',
      '[2025-05-03 16:47:47] - ## Current Tasks',
      '- Heading behind a timestamp',
    );
    const result = parse(makeFile('memory-bank/progress.md', text, ['roo-progress']));
    expect(summarise(result.records)).toEqual([
      ['Completed state management refactor.', 'done', null],
      ['Refactored provider selection', 'done', null],
      ['Monitor user feedback', 'todo', null],
      ['Heading behind a timestamp', 'in_progress', null],
    ]);
    expect(result.records[0]?.dates.done).toBe('2025-08-30T10:57:17');
    expect(result.records[1]?.dates.done).toBe('2025-08-16T20:26:40');
    expect(result.records[1]?.body).toBe('- with nested detail');
    expect(result.records[3]?.dates.created).toBe('2025-05-03T16:47:47');
    expectValid(result.records);
  });
});

describe('section-list', () => {
  it('reads Cline sections, kanban sections and inline statuses', () => {
    const text = lines(
      '# Progress',
      '',
      '## What Works',
      '- Login flow',
      '',
      "## What's Left to Build",
      '- [ ] Export to CSV',
      '- Settings page',
      '',
      '## Known Issues',
      '- Crash on empty file',
      '',
      '## Roadmap Status',
      '- Phase 0: Documentation - in progress',
      '- Phase 1: Developer workflow - pending',
      '',
      '## Backlog',
      '- Keyboard navigation',
      '',
      '## In Progress',
      '- Watcher tests',
      '',
      '## Done',
      '- Baseline explorer',
      '',
      '## Log',
      '- 2025-01-01 something happened',
    );
    const result = parse(makeFile('memory-bank/progress.md', text, ['section-list']));
    expect(summarise(result.records)).toEqual([
      ['Login flow', 'done', null],
      ['Export to CSV', 'todo', null],
      ['Settings page', 'todo', null],
      ['Phase 0: Documentation', 'in_progress', null],
      ['Phase 1: Developer workflow', 'todo', null],
      ['Keyboard navigation', 'todo', null],
      ['Watcher tests', 'in_progress', null],
      ['Baseline explorer', 'done', null],
    ]);
    expect(result.records[0]?.status).toMatchObject({ raw: null, from: 'section' });
    expectValid(result.records);
  });
});

describe('checklist', () => {
  it('reads a box of letters as a checkbox only when the vocabulary gives it a status (config `vocabulary.status`)', () => {
    const file = makeFile('memory-bank/tasks.md', lines('# Tasks', '', '- [P] Split the parser', '- [i] The parser is slow on tables', '- [ ] Profile it'), ['checklist']);
    expect(parse(file).records.map((record) => record.title)).toEqual(['Profile it']);
    const config = createDefaultConfig();
    const vocabulary = { ...config.vocabulary, status: { ...config.vocabulary.status, P: 'in_progress' as const } };
    const records = parseFiles([file], { vocabulary }).records;
    expect(records.map((record) => [record.title, record.status.canonical, record.status.raw])).toEqual([
      ['Split the parser', 'in_progress', 'P'],
      ['Profile it', 'todo', '[ ]'],
    ]);
  });

  it('keeps nesting, reads every marker dialect and skips acceptance criteria and legends', () => {
    const text = lines(
      '# Plan',
      '',
      '## Work',
      '- [ ] Parent task',
      '  - [x] Child done',
      '  - [X] Child upper',
      '     - [-] Grandchild started',
      '* [✅] Star bullet',
      '+ [~] Plus bullet',
      '1. [ ] Numbered',
      '- plain note',
      '',
      '### Acceptance Criteria',
      '- [ ] Must not be a task',
      '',
      '## Legend',
      '- [ ] Pending',
      '- [x] Done',
      '',
      '## More',
      '- [ ] **AC-1**: not a task either',
      '- [ ] Real item',
    );
    const result = parse(makeFile('memory-bank/tasks.md', text, ['checklist']));
    expect(summarise(result.records)).toEqual([
      ['Parent task', 'todo', null],
      ['Child done', 'done', 'Parent task'],
      ['Child upper', 'done', 'Parent task'],
      ['Grandchild started', 'in_progress', 'Child upper'],
      ['Star bullet', 'done', null],
      ['Plus bullet', 'in_progress', null],
      ['Numbered', 'todo', null],
      ['Real item', 'todo', null],
    ]);
    expectValid(result.records);
  });

  it('makes a heading with metadata bullets the parent of its checklist (metadata after the list)', () => {
    const text = lines(
      '# Tasks',
      '## Active Tasks',
      '### Clean Code Refactoring',
      '- [x] Phase 1: Setup',
      '- [ ] Phase 2: Cleanup',
      '- **Priority**: High',
      '- **Assigned**: TBD',
      '- **Due**: 2026-04-01',
    );
    const result = parse(makeFile('memory_bank/tasks.md', text, ['checklist']));
    expect(summarise(result.records)).toEqual([
      ['Clean Code Refactoring', 'in_progress', null],
      ['Phase 1: Setup', 'done', 'Clean Code Refactoring'],
      ['Phase 2: Cleanup', 'todo', 'Clean Code Refactoring'],
    ]);
    expect(result.records[0]).toMatchObject({ priority: { value: 3, raw: 'High' }, owner: null, dates: { due: '2026-04-01' } });
  });

  it('reads inline Chinese fields', () => {
    const text = lines('## 规划阶段', '- [x] 确认项目需求和范围 (负责人: 张三, 完成日期: 2023-10-15)', '- [ ] 编写单元测试 (负责人: 李四, 计划完成: 2023-12-10)', '  - [ ] 目标管理API测试 (未开始)');
    const result = parse(makeFile('memory_bank/tasks.md', text, ['cursor-tasks']));
    expect(result.records.map((record) => [record.title, record.owner, record.dates.done, record.dates.due, record.status.canonical])).toEqual([
      ['确认项目需求和范围', '张三', '2023-10-15', null, 'done'],
      ['编写单元测试', '李四', null, '2023-12-10', 'todo'],
      ['目标管理API测试', null, null, null, 'todo'],
    ]);
  });
});

describe('cursor-tasks', () => {
  it('reads headings with statuses and ids, bold bullets with inline statuses, sections and completed tables', () => {
    const text = lines(
      '# ST Lab — Active Tasks',
      '',
      '**Status:** Full reset complete.',
      '',
      '## Next: TASK-003 — Project skeleton',
      '',
      '**Complexity:** Low  ',
      '**Owner:** TBD  ',
      '',
      '### Acceptance criteria',
      '- [ ] compose starts cleanly',
      '',
      '### Checklist',
      '- [ ] Add Express server',
      '- [x] Write Dockerfile',
      '',
      '## Completed tasks',
      '',
      '| Task ID | Description | Outcome |',
      '|---|---|---|',
      '| TASK-001 | Docker bring-up | Completed with fixes |',
      '| RESET | Full project reset | Complete |',
      '',
      '## Anstehende Aufgaben',
      '- Erste Projektanalyse durchführen',
      '',
      '### Watchdog-Fallback-System (ABGESCHLOSSEN)',
      '- [x] Analysiere das Startverhalten',
      '',
      '## Tasks',
      '- **Task 36: Build the exporter (Status: in-progress)**',
      '  - Subtask 36.1: Write the schema (Status: pending)',
      '  - Subtask 36.2: Wire the CLI (Status: completed)',
    );
    const result = parse(makeFile('memory-bank/tasks.md', text, ['cursor-tasks']));
    expect(summarise(result.records)).toEqual([
      ['TASK-003 · Project skeleton', 'todo', null],
      ['Add Express server', 'todo', 'TASK-003 · Project skeleton'],
      ['Write Dockerfile', 'done', 'TASK-003 · Project skeleton'],
      ['TASK-001 · Docker bring-up', 'done', null],
      ['RESET · Full project reset', 'done', null],
      ['Erste Projektanalyse durchführen', 'todo', null],
      ['Watchdog-Fallback-System', 'done', null],
      ['Analysiere das Startverhalten', 'done', 'Watchdog-Fallback-System'],
      ['Task 36 · Build the exporter', 'in_progress', null],
      ['Subtask 36.1 · Write the schema', 'todo', 'Task 36 · Build the exporter'],
      ['Subtask 36.2 · Wire the CLI', 'done', 'Task 36 · Build the exporter'],
    ]);
    const task003 = result.records[0];
    expect(task003?.status).toMatchObject({ raw: 'Next', from: 'heading' });
    expect(task003?.owner).toBeNull();
    expect(task003?.extra.Complexity).toBe('Low');
    expect(task003?.body).toContain('compose starts cleanly');
    expectValid(result.records);
  });
});

describe('cursor-tasks with localised bold fields', () => {
  it('reads id headings with status emoji and 狀態/優先級 fields, and 子任務 checklists', () => {
    const text = lines(
      '### COMP-001 Core platform ✅ 已完成',
      '#### FEAT-001 Login',
      '- **狀態**: 進行中',
      '- **優先級**: Critical',
      '- **分配給**: Mei',
      '- **預估工作量**: 4 小時',
      '- **子任務**:',
      '  - [x] SUB-001: Form - 已完成',
      '  - [ ] SUB-002: Validation',
      '##### TASK-001 Wire the API',
      '**Status:** TODO | **Priority:** P2-MEDIUM',
    );
    const result = parse(makeFile('memory-bank/tasks.md', text, ['cursor-tasks']));
    expect(summarise(result.records)).toEqual([
      ['COMP-001 · Core platform', 'done', null],
      ['FEAT-001 · Login', 'in_progress', 'COMP-001 · Core platform'],
      ['SUB-001 · Form', 'done', 'FEAT-001 · Login'],
      ['SUB-002 · Validation', 'todo', 'FEAT-001 · Login'],
      ['TASK-001 · Wire the API', 'todo', 'FEAT-001 · Login'],
    ]);
    expect(result.records[1]).toMatchObject({ priority: { value: 4, raw: 'Critical' }, owner: 'Mei', extra: { 預估工作量: '4 小時' } });
    expect(result.records[4]).toMatchObject({ priority: { value: 2, raw: 'P2-MEDIUM' } });
    expect(result.records.map((record) => record.key)).toEqual([
      'memory-bank/tasks.md#COMP-001',
      'memory-bank/tasks.md#FEAT-001',
      'memory-bank/tasks.md#SUB-001',
      'memory-bank/tasks.md#SUB-002',
      'memory-bank/tasks.md#TASK-001',
    ]);
  });
});

describe('roadmap', () => {
  it('reads Task N headings with bold bullets and milestone deliverables', () => {
    const text = lines(
      '# Example Feature',
      '',
      '---',
      'title: Feature Tasks',
      'status: draft',
      '---',
      '',
      '## Task Breakdown',
      '#### Task 1: Database Schema',
      '- **Description**: Design the profile table',
      '- **Acceptance Criteria**:',
      '  - [ ] Schema has username',
      '- **Status**: Todo',
      '- **Estimate**: 2 days',
      '- **Owner**: Backend team',
      '',
      '#### Task 2: Profile API',
      '- **Status**: In Progress',
      '',
      '## Milestones',
      '### Milestone 1: Foundation',
      '**Target Date**: 2026-06-30',
      '',
      '**Deliverables**:',
      '',
      '- [ ] Database schema design',
      '- [x] API specifications',
      '',
      '**Owner**: @username',
      '',
      '**Status**: Not Started | In Progress | Blocked | Complete',
    );
    const result = parse(makeFile('roadmap/tasks/example.md', text, ['roadmap'], { bank: 'roadmap' }));
    expect(summarise(result.records)).toEqual([
      ['Task 1 · Database Schema', 'todo', null],
      ['Task 2 · Profile API', 'in_progress', null],
      ['Milestone 1 · Foundation', 'in_progress', null],
      ['Database schema design', 'todo', 'Milestone 1 · Foundation'],
      ['API specifications', 'done', 'Milestone 1 · Foundation'],
    ]);
    expect(result.records[0]).toMatchObject({ owner: 'Backend team', extra: { Estimate: '2 days' } });
    expect(result.records[0]?.body).toContain('Schema has username');
    expect(result.records[2]).toMatchObject({ owner: null, dates: { due: '2026-06-30' } });
    expect(result.problems.map((problem) => problem.code).sort()).toEqual(['frontmatter-after-heading', 'status-legend']);
  });
});
