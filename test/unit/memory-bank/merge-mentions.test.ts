import { describe, expect, it } from 'vitest';
import { lines, makeFile, parse } from './fixtures.js';

const taskFile = (id: string, title: string, status: string) =>
  makeFile(`memory-bank/tasks/${id}.md`, lines(`# ${id} - ${title}`, '', `**Status:** ${status}`), ['tasks-folder-task'], { kind: 'task-document' });

describe('an id closing a title in parentheses or after an arrow', () => {
  it('is the task it names when that task’s title shares a word with it: folded into its file', () => {
    const result = parse(
      taskFile('TASK002', 'Offline mode', 'Completed'),
      taskFile('TASK003', 'Bound the image cache', 'In Progress'),
      taskFile('TASK004', '搜索结果分页', 'Pending'),
      makeFile(
        'memory-bank/progress.md',
        lines('# Progress', '', '## Done', '', '- Finished the offline mode (TASK002)', '- The image cache grows without bound → TASK003', '- 搜索结果的分页（TASK004）'),
        ['cursor-tasks'],
      ),
    );
    expect(result.records.map((record) => [record.key, record.title])).toEqual([
      ['memory-bank/tasks/TASK002.md#TASK002', 'TASK002 · Offline mode'],
      ['memory-bank/tasks/TASK003.md#TASK003', 'TASK003 · Bound the image cache'],
      ['memory-bank/tasks/TASK004.md#TASK004', 'TASK004 · 搜索结果分页'],
    ]);
    expect(result.records.map((record) => record.alsoSeenAt.map((place) => `${place.path}:${place.line}`))).toEqual([
      ['memory-bank/progress.md:5'],
      ['memory-bank/progress.md:6'],
      ['memory-bank/progress.md:7'],
    ]);
  });

  it('refers to a document or to other work otherwise: the item stays a task of its own, the id in its title', () => {
    const result = parse(
      taskFile('INC-031', 'Search down for an hour', 'Resolved'),
      makeFile(
        'memory-bank/tasks.md',
        lines('# Tasks', '', '- [ ] Document the index rebuild procedure (see INC-031)', '- [ ] Prototype the CRDT merge (ADR-006)', '- [ ] Check the CRDT licence (ADR-006)'),
        ['cursor-tasks'],
      ),
    );
    expect(result.records.map((record) => [record.key, record.title, record.status.canonical])).toEqual([
      ['memory-bank/tasks.md#document-the-index-rebuild-procedure-see-inc-031', 'Document the index rebuild procedure (see INC-031)', 'todo'],
      ['memory-bank/tasks.md#prototype-the-crdt-merge-adr-006', 'Prototype the CRDT merge (ADR-006)', 'todo'],
      ['memory-bank/tasks.md#check-the-crdt-licence-adr-006', 'Check the CRDT licence (ADR-006)', 'todo'],
      ['memory-bank/tasks/INC-031.md#INC-031', 'INC-031 · Search down for an hour', 'done'],
    ]);
    expect(result.problems.filter((problem) => problem.code === 'duplicate-id' || problem.code === 'status-conflict')).toEqual([]);
  });

  it('does not take ids or versions in both titles for a shared word (`SPM-01 → SPM-05` beside `Switch the model after SPM-04`)', () => {
    const result = parse(
      taskFile('SPM-05', 'Switch to GPT-4.1 after SPM-04', 'Pending'),
      makeFile('memory-bank/tasks.md', lines('# Tasks', '', '- [ ] Review the critical path SPM-01 → SPM-05'), ['cursor-tasks']),
    );
    expect(result.records.map((record) => record.title)).toEqual(['Review the critical path SPM-01 → SPM-05', 'SPM-05 · Switch to GPT-4.1 after SPM-04']);
  });
});
