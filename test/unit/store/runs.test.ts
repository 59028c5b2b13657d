import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/core/errors.js';
import type { StateStore } from '../../../src/core/store.js';
import { createRunId, runIdPattern } from '../../../src/store/index.js';
import { createManualClock, createTempStores } from './temp-store.js';
import type { ManualClock, TempStores } from './temp-store.js';

let temp: TempStores;
let clock: ManualClock;
let store: StateStore;

beforeEach(() => {
  temp = createTempStores();
  clock = createManualClock();
  store = temp.open({ clock });
});
afterEach(() => {
  temp.cleanup();
});

describe('createRunId', () => {
  it('makes a time-sortable, terminal-friendly id', () => {
    const id = createRunId(new Date('2026-11-21T13:40:00.123Z'), (size) => new Uint8Array(size).fill(10));
    expect(id).toBe('2026-11-21T13-40-00Z-aaaaaa');
    expect(runIdPattern.test(id)).toBe(true);
    expect(createRunId(new Date('2026-11-21T13:40:01Z')) > id).toBe(true);
  });
});

describe('runs', () => {
  it('creates a running run with a generated id, options and inputs hash', () => {
    const run = store.runs.create({ command: 'migrate', inputsHash: 'abc', options: { dryRun: false, concurrency: 4 } });
    expect(run).toEqual({
      id: expect.stringMatching(/^2026-11-21T13-40-00Z-[0-9a-z]{6}$/),
      command: 'migrate',
      status: 'running',
      startedAt: '2026-11-21T13:40:00.000Z',
      finishedAt: null,
      inputsHash: 'abc',
      options: { concurrency: 4, dryRun: false },
      summary: null,
      error: null,
    });
    expect(store.runs.get(run.id)).toEqual(run);
    expect(store.runs.get('missing')).toBeUndefined();
  });

  it('accepts a caller id and refuses a duplicate or malformed one', () => {
    expect(store.runs.create({ id: 'run-1', command: 'sync' }).id).toBe('run-1');
    expect(() => store.runs.create({ id: 'run-1', command: 'sync' })).toThrow(/already exists/);
    expect(() => store.runs.create({ id: 'bad id; drop', command: 'sync' })).toThrow(InternalError);
    expect(() => store.runs.create({ command: '' })).toThrow(InternalError);
  });

  it('lists newest first, with filters and a limit', () => {
    const first = store.runs.create({ id: 'a', command: 'migrate' });
    clock.advance(1000);
    const second = store.runs.create({ id: 'b', command: 'sync' });
    clock.advance(1000);
    const third = store.runs.create({ id: 'c', command: 'sync' });
    store.runs.finish(third.id, { status: 'failed', error: 'boom' });
    expect(store.runs.list().map((r) => r.id)).toEqual([third.id, second.id, first.id]);
    expect(store.runs.list({ command: 'sync' }).map((r) => r.id)).toEqual(['c', 'b']);
    expect(store.runs.list({ status: 'failed' }).map((r) => r.id)).toEqual(['c']);
    expect(store.runs.list({ limit: 1 }).map((r) => r.id)).toEqual(['c']);
  });

  it('orders runs started in the same millisecond by creation', () => {
    store.runs.create({ id: 'z-first', command: 'sync' });
    store.runs.create({ id: 'a-second', command: 'sync' });
    expect(store.runs.list().map((r) => r.id)).toEqual(['a-second', 'z-first']);
  });

  it('finishes with a summary and error, and keeps the finish time through a rollback', () => {
    const run = store.runs.create({ command: 'migrate' });
    clock.advance(5000);
    const done = store.runs.finish(run.id, { status: 'succeeded', summary: { created: 3, updated: 1 } });
    expect(done).toMatchObject({
      status: 'succeeded',
      finishedAt: '2026-11-21T13:40:05.000Z',
      summary: { created: 3, updated: 1 },
      error: null,
    });
    clock.advance(60_000);
    const rolledBack = store.runs.finish(run.id, { status: 'rolled_back' });
    expect(rolledBack).toMatchObject({
      status: 'rolled_back',
      finishedAt: '2026-11-21T13:40:05.000Z',
      summary: { created: 3, updated: 1 },
    });
  });

  it('marks a run interrupted and resumes it', () => {
    const run = store.runs.create({ command: 'migrate' });
    const interrupted = store.runs.markInterrupted(run.id, 'SIGINT');
    expect(interrupted).toMatchObject({ status: 'interrupted', error: 'SIGINT' });
    expect(interrupted.finishedAt).not.toBeNull();
    const resumed = store.runs.resume(run.id);
    expect(resumed).toMatchObject({ status: 'running', finishedAt: null, error: 'SIGINT' });
    expect(store.runs.finish(run.id, { status: 'succeeded' })).toMatchObject({ status: 'succeeded', error: null });
  });

  it('refuses transitions that make no sense', () => {
    const run = store.runs.create({ command: 'migrate' });
    expect(() => store.runs.resume(run.id)).toThrow(/cannot go from running to running/);
    expect(() => store.runs.finish(run.id, { status: 'rolled_back' })).toThrow(InternalError);
    store.runs.finish(run.id, { status: 'succeeded' });
    expect(() => store.runs.finish(run.id, { status: 'failed' })).toThrow(/succeeded to failed/);
    expect(() => store.runs.markInterrupted(run.id)).toThrow(InternalError);
    expect(() => store.runs.finish('missing', { status: 'failed' })).toThrow(/not in the state store/);
  });
});
