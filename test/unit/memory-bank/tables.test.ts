import { describe, expect, it } from 'vitest';
import { taskRecordSchema } from '../../../src/core/task-record.js';
import { lines, makeFile, parse } from './fixtures.js';

const sprint = lines(
  '# 🏃 Active Sprint: Phase 3.0',
  '',
  '**Status**: Active | **Start**: 2026-03-08 | **Author**: Facet 1 (Coordinator)',
  '',
  '## 📋 Task List',
  '',
  '| ID | Task | Owner | Priority | Status |',
  '| :--- | :--- | :--- | :--- | :--- |',
  '| PM-001 | Implement Pydantic Schema | General | Critical | ✅ Done |',
  '| SESS-14b| Configure OTLP to Jaeger | Facet 1 | High | ✅ Done |',
  '| SESS-15.b | Verify KV cache (`n_ctx=32k`, q4_0) | Facet 1 | High | ⏳ Pending |',
  '| PM-004 | Create Sentinel Prototype | General | Medium | ⏳ Pending |',
  '| PM-005 | Deep Storage Sweep (`~/.cache|~/.npm`) | General | Week 2-3 | 🔮 Planned |',
  '',
  '## 🚧 Blockers',
  '- **RAM Constraints**: 6.6GB limit.',
);

describe('task-table', () => {
  it('turns every row into a task with id, owner, priority and status', () => {
    const result = parse(makeFile('memory_bank/tasks/active_sprint.md', sprint, ['task-table'], { kind: 'task-table', bank: 'memory_bank' }));
    expect(result.records.map((record) => [record.key, record.title, record.owner, record.priority.value, record.status.canonical])).toEqual([
      ['memory_bank/tasks/active_sprint.md#PM-001', 'PM-001 · Implement Pydantic Schema', 'General', 4, 'done'],
      ['memory_bank/tasks/active_sprint.md#SESS-14b', 'SESS-14b · Configure OTLP to Jaeger', 'Facet 1', 3, 'done'],
      ['memory_bank/tasks/active_sprint.md#SESS-15.b', 'SESS-15.b · Verify KV cache (n_ctx=32k, q4_0)', 'Facet 1', 3, 'todo'],
      ['memory_bank/tasks/active_sprint.md#PM-004', 'PM-004 · Create Sentinel Prototype', 'General', 2, 'todo'],
      ['memory_bank/tasks/active_sprint.md#PM-005', 'PM-005 · Deep Storage Sweep (~/.cache|~/.npm)', 'General', null, 'planned'],
    ]);
    expect(result.records[0]?.status).toEqual({ canonical: 'done', raw: '✅ Done', from: 'table-cell' });
    expect(result.records[4]?.priority).toEqual({ value: null, raw: 'Week 2-3' });
    expect(result.records.map((record) => record.order)).toEqual([0, 1, 2, 3, 4]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'priority-unknown', severity: 'warning', line: 13, received: 'Week 2-3' }),
    ]);
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reads tables in other languages and a section status for tables without a status column', () => {
    const text = lines(
      '#### Фаза A (сейчас)',
      '| # | Задача | Статус | Файлы |',
      '|---|---|---|---|',
      '| 1.1 | Настроить сборку | ⏳ Ожидает | build.ts |',
      '| 3.3a | Починить тесты | ⏳ Блокер | |',
      '',
      '## 已完成',
      '| 编号 | 任务 | 负责人 |',
      '|---|---|---|',
      '| T-01 | 写文档 | 张三 |',
    );
    const result = parse(makeFile('memory-bank/tasks.md', text, ['task-table']));
    expect(result.records.map((record) => [record.title, record.status.canonical, record.owner, record.extra])).toEqual([
      ['1.1 · Настроить сборку', 'todo', null, { Файлы: 'build.ts' }],
      ['3.3a · Починить тесты', 'blocked', null, {}],
      ['T-01 · 写文档', 'done', '张三', {}],
    ]);
  });

  it('ignores tables that are not task tables', () => {
    const text = lines('| Area | Finding |', '|---|---|', '| Build | Slow |');
    const result = parse(makeFile('memory-bank/notes.md', text, ['task-table']));
    expect(result.records).toEqual([]);
    expect(result.explain[0]?.noRecords).toMatch(/no table with a title column/u);
  });
});

describe('vertical key/value tables and multi-field lines', () => {
  it('reads `| **Priority** | P0-CRITICAL |` tables into the document task', () => {
    const text = lines(
      '# Qdrant audit',
      '',
      '| **Task ID** | TASK-077 |',
      '|---|---|',
      '| **Priority** | P0-CRITICAL |',
      '| **Status** | In Progress |',
      '| **Owner** | Ops |',
      '| **Complexity** | Level 4 |',
      '',
      '## Findings',
      'Text.',
    );
    const result = parse(makeFile('memory_bank/audit.md', text, ['frontmatter-task'], { kind: 'task-document' }));
    expect(result.records[0]).toMatchObject({
      title: 'TASK-077 · Qdrant audit',
      sourceId: 'TASK-077',
      priority: { value: 4, raw: 'P0-CRITICAL' },
      status: { canonical: 'in_progress', from: 'bold-field' },
      owner: 'Ops',
      extra: { Complexity: 'Level 4' },
    });
  });
});
