import { describe, expect, it } from 'vitest';
import { taskRecordSchema, type TaskRecord } from '../../../src/core/task-record.js';
import { lines, makeFile, parse } from './fixtures.js';

function tree(records: readonly TaskRecord[]): [string, string, string | null][] {
  const titles = new Map(records.map((record) => [record.key, record.title]));
  return records.map((record) => [record.title, record.status.canonical, record.parentKey === null ? null : (titles.get(record.parentKey) ?? '?')]);
}

describe('kiro-tasks', () => {
  it('builds the hierarchy from numbers when items are not indented, and reads Kiro markers', () => {
    const text = lines(
      '# Implementation Plan',
      '',
      '- [x] 1. Set up structure',
      '',
      '',
      '',
      '- [x] 1.1 Create directories',
      '',
      '  - Create `src/styles/`',
      '  - _Requirements: 1.1, 5.1-5.7_',
      '',
      '- [-] 2. Implement tokens',
      '- [ ]* 2.1 Write property test',
      '  - **Property 1: Contrast meets standards**',
      '- [x]* 2.2 Optional but done',
      '- [X] 2.3 Upper-case marker',
    );
    const result = parse(makeFile('.kiro/specs/1-ui/tasks.md', text, ['kiro-tasks'], { bank: '.kiro/specs' }));
    expect(tree(result.records)).toEqual([
      ['1 · Set up structure', 'done', null],
      ['1.1 · Create directories', 'done', '1 · Set up structure'],
      ['2 · Implement tokens', 'in_progress', null],
      ['2.1 · Write property test', 'todo', '2 · Implement tokens'],
      ['2.2 · Optional but done', 'done', '2 · Implement tokens'],
      ['2.3 · Upper-case marker', 'done', '2 · Implement tokens'],
    ]);
    const [, createDirs, , propertyTest, optionalDone] = result.records;
    expect(createDirs?.extra.requirements).toBe('1.1, 5.1-5.7');
    expect(createDirs?.body).toBe('- Create `src/styles/`');
    expect(propertyTest?.labels).toEqual(['optional']);
    expect(propertyTest?.body).toContain('Property 1');
    expect(optionalDone?.labels).toEqual(['optional']);
    expect(result.records[0]?.key).toBe('.kiro/specs/1-ui/tasks.md#1');
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });

  it('uses indentation when subtasks are indented', () => {
    const text = lines('- [ ] 1. Parent', '  - [x] 1.1 Child', '  - [ ] 1.2 Other child');
    const result = parse(makeFile('.kiro/specs/x/tasks.md', text, ['kiro-tasks']));
    expect(tree(result.records)).toEqual([
      ['1 · Parent', 'todo', null],
      ['1.1 · Child', 'done', '1 · Parent'],
      ['1.2 · Other child', 'todo', '1 · Parent'],
    ]);
  });

  it('reports a number repeated for two different tasks in one file and keeps both with distinct keys', () => {
    const text = lines('- [x] 2. Tokens', '- [x] 2.5 Write tests', '- [ ] 2.5 Write docs');
    const result = parse(makeFile('.kiro/specs/x/tasks.md', text, ['kiro-tasks']));
    expect(result.records.map((record) => record.key)).toEqual([
      '.kiro/specs/x/tasks.md#2',
      '.kiro/specs/x/tasks.md#tokens/2-5-write-tests',
      '.kiro/specs/x/tasks.md#tokens/2-5-write-docs',
    ]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'duplicate-id', line: 3 })]);
  });

  it('reads an item Kiro left twice (ticked, then an unticked copy) as one done task', () => {
    const text = lines('- [x] 2. Tokens', '- [x] 2.5 Write tests', '', '', '- [ ] 2.5 Write tests', '  - Test all tokens');
    const result = parse(makeFile('.kiro/specs/x/tasks.md', text, ['kiro-tasks']));
    expect(result.records.map((record) => [record.key, record.status.canonical, record.source.line])).toEqual([
      ['.kiro/specs/x/tasks.md#2', 'done', 1],
      ['.kiro/specs/x/tasks.md#2.5', 'done', 5],
    ]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'restated-item', line: 5, message: expect.stringContaining('of line 2') })]);
  });
});

const tasksJson = JSON.stringify(
  {
    master: {
      tasks: [
        {
          id: '1',
          title: 'Set up project',
          description: 'Initial scaffolding',
          status: 'done',
          dependencies: [],
          priority: 'high',
          details: 'Use pnpm.',
          testStrategy: 'Run the build.',
          updatedAt: '2025-06-01T10:00:00.000Z',
          subtasks: [
            { id: 1, title: 'Init repo', status: 'done', dependencies: [] },
            { id: 2, title: 'Add CI', status: 'pending', dependencies: [1] },
          ],
        },
        { id: '2', title: 'Build parser', status: 'in-progress', dependencies: ['1'], priority: 'medium' },
        { id: '3', title: 'Later thing', status: 'deferred', priority: 'low' },
      ],
      metadata: { taskCount: 3, completedCount: 1, tags: ['master'] },
    },
  },
  null,
  2,
);

describe('taskmaster-json', () => {
  it('reads tasks per tag with parent-scoped subtask ids', () => {
    const result = parse(makeFile('.taskmaster/tasks/tasks.json', tasksJson, ['taskmaster-json'], { bank: '.taskmaster/tasks', kind: 'task-list' }));
    expect(tree(result.records)).toEqual([
      ['1 · Set up project', 'done', null],
      ['1.1 · Init repo', 'done', '1 · Set up project'],
      ['1.2 · Add CI', 'todo', '1 · Set up project'],
      ['2 · Build parser', 'in_progress', null],
      ['3 · Later thing', 'deferred', null],
    ]);
    const [first, , addCi, second] = result.records;
    expect(first).toMatchObject({
      key: '.taskmaster/tasks/tasks.json#1',
      priority: { value: 3, raw: 'high' },
      dates: { updated: '2025-06-01T10:00:00.000Z' },
      status: { from: 'json' },
    });
    expect(first?.body).toContain('Initial scaffolding');
    expect(first?.body).toContain('**Test Strategy:**');
    expect(first?.source.line).toBeGreaterThan(1);
    // A subtask's numeric dependency names its sibling (#13 class 13): `[1]` under task 1 is subtask 1.1.
    expect(addCi?.extra.dependencies).toBe('["1.1"]');
    expect(second?.extra.dependencies).toBe('["1"]');
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reports invalid JSON with its line', () => {
    const result = parse(makeFile('.taskmaster/tasks/tasks.json', '{\n  "master": {\n    "tasks": [,]\n  }\n}\n', ['taskmaster-json']));
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'json-invalid', severity: 'error', line: 3 })]);
  });

  it('keeps tasks.json canonical over task_NNN.md and reports the disagreement', () => {
    const markdown = lines(
      '# Task ID: 2',
      '**Title:** Build parser',
      '**Status:** done',
      '**Dependencies:** 1',
      '**Priority:** medium',
      '**Description:** Parse everything.',
      '',
      '## Subtasks',
      '### 2.1. Tokenizer',
      '**Status:** done  ',
    );
    const result = parse(
      makeFile('.taskmaster/tasks/tasks.json', tasksJson, ['taskmaster-json'], { bank: '.taskmaster/tasks' }),
      makeFile('.taskmaster/tasks/task_002.md', markdown, ['taskmaster-md'], { bank: '.taskmaster/tasks', kind: 'task-document' }),
    );
    const two = result.records.find((record) => record.sourceId === '2');
    expect(two?.key).toBe('.taskmaster/tasks/tasks.json#2');
    expect(two?.status.canonical).toBe('in_progress');
    expect(two?.alsoSeenAt.map((ref) => ref.path)).toEqual(['.taskmaster/tasks/task_002.md']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'status-conflict', file: '.taskmaster/tasks/task_002.md' })]);
    // The rendered subtask has no JSON twin, so it stays, under the JSON parent.
    const tokenizer = result.records.find((record) => record.sourceId === '2.1');
    expect(tokenizer?.parentKey).toBe('.taskmaster/tasks/tasks.json#2');
  });
});

describe('taskmaster-md alone', () => {
  it('reads the text format too', () => {
    const text = lines('# Task ID: 7', '# Title: Ship docs', '# Status: pending', '# Dependencies: None', '# Priority: low', '# Description: Write them.');
    const result = parse(makeFile('.taskmaster/tasks/task_007.txt', text, ['taskmaster-md']));
    expect(result.records[0]).toMatchObject({ title: '7 · Ship docs', status: { canonical: 'todo' }, priority: { value: 1 } });
  });
});
