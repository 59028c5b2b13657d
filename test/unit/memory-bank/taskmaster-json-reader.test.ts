/**
 * tasks.json is read by hand instead of with zod schemas (so that parsing loads no zod): the hand-written reader
 * accepts and rejects exactly what the schemas did (test/helpers/reference-taskmaster.ts), field by field and type by
 * type, and the parser reports the same problems for the tasks it skips.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTaskmasterTag, readTaskmasterTask } from '../../../src/memory-bank/extractors/taskmaster-json.js';
import { referenceReadTag, referenceReadTask } from '../../helpers/reference-taskmaster.js';
import { makeFile, parse } from './fixtures.js';

const absent = Symbol('absent');

/** Values of every JSON type (and an overflowing number, which JSON.parse reads as Infinity). */
const samples: unknown[] = [
  absent,
  null,
  '',
  'text',
  '12',
  0,
  7,
  -0,
  1.5,
  JSON.parse('1e400'),
  JSON.parse('-1e400'),
  true,
  false,
  [],
  ['a'],
  [1, 'b'],
  [null],
  [true],
  [JSON.parse('1e400')],
  [{ id: 1 }],
  [{ id: 1, title: 'Sub' }, { id: 'x', title: 3 }],
  [{ title: 'no id' }],
  {},
  { id: 2 },
];

const fields = ['id', 'title', 'description', 'details', 'testStrategy', 'status', 'priority', 'dependencies', 'updatedAt', 'createdAt', 'subtasks', 'extraField'];

function withField(base: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  if (value === absent) delete copy[field];
  else copy[field] = value;
  return copy;
}

/** Every task shape the samples give: each field of the task, and each field of its subtask, set to each sample. */
function taskCases(): unknown[] {
  const subtask = { id: 1, title: 'Sub', status: 'done', dependencies: [2, '3'] };
  const task = { id: '5', title: 'Task', description: 'd', priority: 'high', subtasks: [subtask] };
  const cases: unknown[] = [null, 'task', 3, true, [], [task], {}];
  for (const field of fields) {
    for (const value of samples) {
      cases.push(withField(task, field, value));
      cases.push({ ...task, subtasks: [subtask, withField(subtask, field, value)] });
    }
  }
  return cases;
}

describe('the tasks.json reader', () => {
  it('reads every task shape as the zod schemas did (accepted with the same fields, or rejected)', () => {
    const cases = taskCases();
    let accepted = 0;
    for (const value of cases) {
      const expected = referenceReadTask(value);
      if (expected !== null) accepted++;
      expect({ value, read: readTaskmasterTask(value) }).toEqual({ value, read: expected });
    }
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(cases.length - accepted).toBeGreaterThan(50);
  });

  it('reads every tag shape as the zod schema did', () => {
    const tags: unknown[] = [...samples.filter((value) => value !== absent), { tasks: [] }, { tasks: [1, 'x'] }, { tasks: {} }, { tasks: null }, { tasks: [], other: 1 }, [{ tasks: [] }]];
    for (const value of tags) expect({ value, read: readTaskmasterTag(value) }).toEqual({ value, read: referenceReadTag(value) });
  });

  it('reads the tasks of the fixtures tasks.json files as the zod schemas did', () => {
    const paths = [
      '../../../fixtures/parser/10-duplicates/.taskmaster/tasks/tasks.json',
      '../../../fixtures/parser/13-titles-and-dependencies/.taskmaster/tasks/tasks.json',
      '../../../fixtures/writeback/taskmaster-json/input/.taskmaster/tasks/tasks.json',
    ];
    let tasks = 0;
    for (const path of paths) {
      const document = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;
      const lists = Array.isArray(document.tasks) ? [document.tasks] : Object.values(document).map((tag) => readTaskmasterTag(tag) ?? []);
      for (const list of lists) {
        for (const task of list) {
          tasks++;
          expect(readTaskmasterTask(task)).toEqual(referenceReadTask(task));
        }
      }
    }
    expect(tasks).toBeGreaterThanOrEqual(5);
  });

  it('skips a task with a field of the wrong type with a warning, and reads the others', () => {
    const json = JSON.stringify(
      {
        master: {
          tasks: [
            { id: 1, title: 'Good', status: 'done', dependencies: [], subtasks: [{ id: 1, title: 'Step', status: 'pending' }] },
            { id: 2, title: 'Bad priority', priority: true },
            { id: 3, title: 'Bad subtask', subtasks: [{ title: 'no id' }] },
            { title: 'No id' },
            { id: 4, status: 'in-progress' },
          ],
        },
        notATag: { tasks: 'none' },
      },
      null,
      2,
    );
    const result = parse(makeFile('.taskmaster/tasks/tasks.json', json, ['taskmaster-json'], { kind: 'task-list', bank: '.taskmaster' }));
    const records = result.records.map((record) => [record.sourceId, record.title, record.status.canonical]);
    expect(records.sort()).toEqual([
      ['1', '1 · Good', 'done'],
      ['1.1', '1.1 · Step', 'todo'],
      ['4', '4 · Task 4', 'in_progress'],
    ]);
    expect(result.problems.filter((problem) => problem.code === 'taskmaster-task-invalid')).toEqual([
      expect.objectContaining({ severity: 'warning', line: 1, received: '{"id":2,"title":"Bad priority","priority":true}', fix: 'give every task an `id` and a `title` string' }),
      expect.objectContaining({ received: '{"id":3,"title":"Bad subtask","subtasks":[{"title":"no id"}]}' }),
      expect.objectContaining({ received: '{"title":"No id"}', message: 'a task in tag "master" lacks an id or has fields of the wrong type, so it was skipped' }),
    ]);
  });
});
