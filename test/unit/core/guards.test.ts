import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import { checkGuards, countDestructiveOps, findGuardBaseline, findLastGuardState, type GuardInput, type GuardOp } from '../../../src/core/guards.js';
import type { RunRecord } from '../../../src/core/store.js';

const limits = createDefaultConfig().guards;
const removedLabel = 'removed-from-memory-bank';

function closes(count: number, from = 1): GuardOp[] {
  return Array.from({ length: count }, (_, index) => ({ kind: 'close', taskId: from + index, changes: [{ field: 'done', before: false, after: true }] }));
}

function judge(input: Partial<GuardInput>): ReturnType<typeof checkGuards> {
  return checkGuards({
    ops: [],
    removedLabel,
    projectTasks: 100,
    counts: { files: 10, records: 100 },
    baseline: null,
    now: new Date('2026-11-30T10:00:00Z'),
    limits,
    allowMassChange: false,
    ...input,
  });
}

function run(id: string, fields: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    command: 'sync',
    status: 'succeeded',
    startedAt: '2026-11-30T09:00:00.000Z',
    finishedAt: '2026-11-30T09:00:05.000Z',
    inputsHash: null,
    options: { scope: 's', root: '/r', guardCounts: { files: 10, records: 100 } },
    summary: null,
    error: null,
    ...fields,
  };
}

describe('countDestructiveOps', () => {
  it('counts closes, reopens, deletes and the removed label per task; other changes are not destructive', () => {
    const ops: GuardOp[] = [
      ...closes(2),
      { kind: 'update', taskId: 3, changes: [{ field: 'title', before: 'a', after: 'b' }, { field: 'done', before: true, after: false }] },
      { kind: 'update', taskId: 4, changes: [{ field: 'priority', before: 1, after: 3 }] },
      { kind: 'delete', taskId: 5 },
      { kind: 'labels', taskId: 6, before: ['a'], after: ['a', 'Removed-From-Memory-Bank'] },
      // Already labelled: not a new removal. Removing the label is not destructive either.
      { kind: 'labels', taskId: 7, before: [removedLabel], after: [removedLabel, 'b'] },
      { kind: 'labels', taskId: 8, before: [removedLabel], after: [] },
      { kind: 'create', key: 'k' },
      // The same task closed by two ops counts once.
      { kind: 'update', taskId: 1, changes: [{ field: 'done', before: false, after: true }] },
    ];
    expect(countDestructiveOps(ops, removedLabel)).toEqual({ close: 2, reopen: 1, delete: 1, labelRemoved: 1, total: 5 });
  });
});

describe('checkGuards', () => {
  it('maxDestructive: the limit itself passes, one more trips; --allow-mass-change reports it as overridden', () => {
    expect(judge({ ops: closes(10), projectTasks: 1000 }).tripped).toEqual([]);
    const over = judge({ ops: closes(11), projectTasks: 1000 });
    expect(over.tripped.map((trip) => [trip.guard, trip.count, trip.limit])).toEqual([['max-destructive', 11, 10]]);
    expect(over.refused).toBe(true);
    expect(judge({ ops: closes(11), projectTasks: 1000, allowMassChange: true })).toMatchObject({ refused: false, overridden: true });
  });

  it('maxDestructiveShare applies from minForShare tasks: 4 of 5 passes, 5 of 20 trips (more than 20%)', () => {
    expect(judge({ ops: closes(4), projectTasks: 5 }).tripped).toEqual([]);
    expect(judge({ ops: closes(4), projectTasks: 20 }).tripped).toEqual([]);
    const share = judge({ ops: closes(5), projectTasks: 20 });
    expect(share.tripped).toEqual([expect.objectContaining({ guard: 'max-destructive-share', count: 5, limit: 4, of: 20 })]);
    expect(share.tripped[0]?.message).toContain("5 of the project's 20 task(s) (25%), more than guards.maxDestructiveShare (20%)");
  });

  it('shrink: more than half of the last successful run\'s files or records lost trips; half, or fewer than minForShare, passes', () => {
    const baseline = { runId: 'r1', finishedAt: '2026-11-29T10:00:00.000Z', counts: { files: 10, records: 100 } };
    expect(judge({ baseline, counts: { files: 5, records: 50 } }).tripped).toEqual([]);
    const wiped = judge({ baseline, counts: { files: 4, records: 10 } });
    expect(wiped.tripped.map((trip) => [trip.guard, trip.count, trip.of])).toEqual([
      ['shrink-files', 6, 10],
      ['shrink-records', 90, 100],
    ]);
    const small = { runId: 'r1', finishedAt: '2026-11-29T10:00:00.000Z', counts: { files: 4, records: 4 } };
    expect(judge({ baseline: small, counts: { files: 0, records: 0 } }).tripped).toEqual([]);
    expect(judge({ baseline, counts: null }).tripped).toEqual([]);
  });

  it('fast-deletion alert: 5 items and 10% gone within the window; not after it; never a refusal', () => {
    const recent = { runId: 'r1', finishedAt: '2026-11-30T09:50:00.000Z', counts: { files: 10, records: 100 } };
    const alerted = judge({ baseline: recent, counts: { files: 10, records: 90 } });
    expect(alerted.alerts).toEqual([expect.objectContaining({ alert: 'fast-deletion', gone: 10, previous: 100, minutes: 10, since: 'r1' })]);
    expect(alerted.refused).toBe(false);
    expect(judge({ baseline: recent, counts: { files: 10, records: 91 } }).alerts).toEqual([]);
    expect(judge({ baseline: { ...recent, counts: { files: 10, records: 40 } }, counts: { files: 10, records: 36 } }).alerts).toEqual([]);
    expect(judge({ baseline: { ...recent, finishedAt: '2026-11-30T08:59:00.000Z' }, counts: { files: 10, records: 80 } }).alerts).toEqual([]);
  });
});

describe('baseline and last guard state', () => {
  it('the baseline is the newest successful run of the same scope and root that stored its counts', () => {
    const runs = [
      run('failed', { status: 'failed' }),
      run('other-scope', { options: { scope: 'x', root: '/r', guardCounts: { files: 1, records: 1 } } }),
      run('other-root', { options: { scope: 's', root: '/elsewhere', guardCounts: { files: 1, records: 1 } } }),
      run('no-counts', { options: { scope: 's', root: '/r' } }),
      run('found', { options: { scope: 's', root: '/r', guardCounts: { files: 3, records: 7 } } }),
      run('older'),
    ];
    expect(findGuardBaseline(runs, { scope: 's', root: '/r' })).toEqual({ runId: 'found', finishedAt: '2026-11-30T09:00:05.000Z', counts: { files: 3, records: 7 } });
    expect(findGuardBaseline(runs, { scope: 'none', root: '/r' })).toBeNull();
  });

  it('the last guard state is the newest run that left a guard record', () => {
    const record = judge({ ops: closes(11) });
    const runs = [run('rollback', { command: 'rollback', summary: { undone: 2 } }), run('refused', { status: 'failed', summary: { guard: record } }), run('older', { summary: { guard: judge({}) } })];
    expect(findLastGuardState(runs)).toMatchObject({ runId: 'refused', command: 'sync', status: 'failed', guard: { refused: true } });
    expect(findLastGuardState(runs, 'other')).toBeNull();
    expect(findLastGuardState([])).toBeNull();
  });
});
