import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, InternalError } from '../../../src/core/errors.js';
import type { StateStore, UpsertMappingInput } from '../../../src/core/store.js';
import { createManualClock, createTempStores } from './temp-store.js';
import type { ManualClock, TempStores } from './temp-store.js';

let temp: TempStores;
let clock: ManualClock;
let store: StateStore;
let runId: string;
const scope = 'http://localhost/vikunja#project:7';

function mapping(sourceKey: string, taskId: number, overrides: Partial<UpsertMappingInput> = {}): UpsertMappingInput {
  return {
    scope,
    sourceKey,
    taskId,
    projectId: 7,
    contentHash: `hash-${sourceKey}`,
    baseRecord: { title: sourceKey, done: false, labels: ['memory_bank'] },
    baseSource: `- [ ] ${sourceKey}`,
    runId,
    ...overrides,
  };
}

beforeEach(() => {
  temp = createTempStores();
  clock = createManualClock();
  store = temp.open({ clock });
  runId = store.runs.create({ command: 'migrate' }).id;
});
afterEach(() => {
  temp.cleanup();
});

describe('mappings', () => {
  it('upserts, reads by key and by task id, and lists a scope in key order', () => {
    const created = store.mappings.upsert(mapping('tasks/b.md#PM-002', 12));
    expect(created).toEqual({
      scope,
      sourceKey: 'tasks/b.md#PM-002',
      taskId: 12,
      projectId: 7,
      contentHash: 'hash-tasks/b.md#PM-002',
      baseRecord: { title: 'tasks/b.md#PM-002', done: false, labels: ['memory_bank'] },
      baseSource: '- [ ] tasks/b.md#PM-002',
      updatedAt: '2026-11-21T13:40:00.000Z',
      runId,
    });
    store.mappings.upsert(mapping('tasks/a.md#PM-001', 11));
    store.mappings.upsert(mapping('other', 11, { scope: 'elsewhere' }));
    expect(store.mappings.get(scope, 'tasks/b.md#PM-002')).toEqual(created);
    expect(store.mappings.getByTaskId(scope, 12)).toEqual(created);
    expect(store.mappings.getByTaskId('elsewhere', 12)).toBeUndefined();
    expect(store.mappings.list(scope).map((m) => m.sourceKey)).toEqual(['tasks/a.md#PM-001', 'tasks/b.md#PM-002']);
    expect(store.mappings.listTasks(scope)).toEqual([
      { sourceKey: 'tasks/a.md#PM-001', taskId: 11 },
      { sourceKey: 'tasks/b.md#PM-002', taskId: 12 },
    ]);
  });

  it('updates in place on a second upsert', () => {
    store.mappings.upsert(mapping('k', 1));
    clock.advance(10);
    const updated = store.mappings.upsert(mapping('k', 1, { contentHash: 'new', baseRecord: null, baseSource: null, runId: null }));
    expect(updated).toMatchObject({ contentHash: 'new', baseRecord: null, baseSource: null, runId: null });
    expect(updated.updatedAt).toBe('2026-11-21T13:40:00.010Z');
    expect(store.mappings.list(scope)).toHaveLength(1);
  });

  it('deletes and reports whether anything was deleted', () => {
    store.mappings.upsert(mapping('k', 1));
    expect(store.mappings.delete(scope, 'k')).toBe(true);
    expect(store.mappings.delete(scope, 'k')).toBe(false);
    expect(store.mappings.get(scope, 'k')).toBeUndefined();
  });

  it('refuses two source keys claiming one task with a ConflictError naming both', () => {
    store.mappings.upsert(mapping('first', 5));
    let error: unknown;
    try {
      store.mappings.upsert(mapping('second', 5));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/task 5 is already mapped to first .* mapped to second/);
  });

  it('refuses invalid input and an unknown run', () => {
    expect(() => store.mappings.upsert(mapping('k', 0))).toThrow(InternalError);
    expect(() => store.mappings.upsert(mapping('', 1))).toThrow(InternalError);
    expect(() => store.mappings.upsert(mapping('k', 1, { runId: 'nope' }))).toThrow(/create the run first/);
  });

  it('digest changes with any write and not with reads; per scope or for all', () => {
    const empty = store.mappings.digest();
    store.mappings.upsert(mapping('a', 1));
    store.mappings.upsert(mapping('b', 2, { scope: 'other' }));
    const all = store.mappings.digest();
    const scoped = store.mappings.digest(scope);
    expect(all).not.toBe(empty);
    expect(scoped).not.toBe(all);
    store.mappings.list(scope);
    store.mappings.get(scope, 'a');
    expect(store.mappings.digest()).toBe(all);
    store.mappings.upsert(mapping('b', 2, { scope: 'other', contentHash: 'changed' }));
    expect(store.mappings.digest()).not.toBe(all);
    expect(store.mappings.digest(scope)).toBe(scoped);
    clock.advance(1);
    store.mappings.upsert(mapping('a', 1));
    expect(store.mappings.digest(scope)).not.toBe(scoped);
  });

  it('digest is stable across reopen and does not depend on insertion order', () => {
    store.mappings.upsert(mapping('a', 1));
    store.mappings.upsert(mapping('b', 2));
    const before = store.mappings.digest();
    store.close();
    store = temp.open({ clock });
    expect(store.mappings.digest()).toBe(before);

    const other = temp.open({ clock }, `${temp.dir}/other.sqlite`);
    other.runs.create({ id: runId, command: 'migrate' });
    other.mappings.upsert(mapping('b', 2));
    other.mappings.upsert(mapping('a', 1));
    expect(other.mappings.digest()).toBe(before);
  });

  it('validates JSON read back from the file', () => {
    store.mappings.upsert(mapping('a', 1));
    store.close();
    const raw = new Database(temp.file);
    raw.prepare("UPDATE mappings SET base_record = '{broken' WHERE source_key = 'a'").run();
    raw.close();
    store = temp.open({ clock });
    expect(() => store.mappings.get(scope, 'a')).toThrow(/invalid JSON in mappings.base_record of a/);
  });
});
