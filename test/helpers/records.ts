import type { TaskRecord } from '../../src/core/task-record.js';

/** Builds a valid task record for tests; override any field. */
export function makeRecord(overrides: Partial<TaskRecord> & { key: string; title: string }): TaskRecord {
  return {
    source: { path: overrides.key.split('#')[0] ?? 'tasks.md', line: 1, anchor: overrides.key.split('#')[1] ?? overrides.title },
    body: '',
    status: { canonical: 'todo', raw: null, from: 'default' },
    priority: { value: null, raw: null },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: [],
    owner: null,
    sourceId: null,
    parentKey: null,
    order: 0,
    percentDone: null,
    extractor: 'test',
    extra: {},
    progress: [],
    alsoSeenAt: [],
    ...overrides,
  };
}

/** Generates `count` simple records in source order. */
export function makeRecords(count: number, prefix = 'bench.md'): TaskRecord[] {
  return Array.from({ length: count }, (_, index) =>
    makeRecord({ key: `${prefix}#T-${index + 1}`, title: `T-${index + 1} · generated task ${index + 1}`, order: index, sourceId: `T-${index + 1}` }),
  );
}
