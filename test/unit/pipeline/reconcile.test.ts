import { describe, expect, it } from 'vitest';
import { FatalApiError, ServerUnavailableError } from '../../../src/core/errors.js';
import { type AnyJob, type AppliedWrite, createJobRegistry, defineJob, type WriteJobContext } from '../../../src/core/job.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { StateStore } from '../../../src/core/store.js';
import { reconcilePending } from '../../../src/pipeline/journal-loop.js';
import { openStore } from '../../../src/store/index.js';

/** A write job whose lookup answers with `lookup` (reconcile only calls `findApplied` and `onApplied`). */
function jobWith(name: string, lookup: () => Promise<AppliedWrite | null>, looked: unknown[] = [], settled: string[] = []): AnyJob {
  const unused = (): never => {
    throw new Error('reconcilePending must not write');
  };
  return defineJob<unknown, unknown, { id: string }>({
    name,
    describe: 'test job',
    plan: unused,
    apply: unused,
    describeOp: (op) => ({ opId: op.id, kind: 'create', target: op.id, where: op.id, count: 1, lanes: [] }),
    findApplied: (_ctx, op) => {
      looked.push(op);
      return lookup();
    },
    onApplied: (_ctx, op, _applied, run) => {
      settled.push(`${run.runId}:${op.id}`);
    },
  }) as AnyJob;
}

function storeWithPendingCreate() {
  const store = openStore(':memory:');
  const run = store.runs.create({ command: 'migrate' });
  const op = { id: 'create:a', kind: 'create', key: 'a', source: 'tasks.md:3' };
  const entry = store.journal.appendPending({ runId: run.id, opId: op.id, job: 'import', kind: 'create', target: 'a', preImage: { op, before: null } });
  store.runs.finish(run.id, { status: 'interrupted' });
  return { store, entry };
}

function contextWith(store: StateStore, jobs: AnyJob[]): WriteJobContext {
  return { store, log: silentLogger, jobs: createJobRegistry(jobs) } as unknown as WriteJobContext;
}

describe('reconcilePending', () => {
  it.each([
    ['the server is unavailable (exit 5)', () => new ServerUnavailableError('Vikunja at http://127.0.0.1:1 is unavailable'), 5],
    ['the server answers 500', () => new FatalApiError('GET', '/projects/1/tasks', 500, 'Internal Server Error'), undefined],
  ])('leaves the write pending and stops when the lookup fails: %s', async (_name, makeError, exitCode) => {
    const { store, entry } = storeWithPendingCreate();
    const failure = makeError();
    const attempt = reconcilePending(contextWith(store, [jobWith('import', () => Promise.reject(failure))]));
    await expect(attempt).rejects.toBe(failure);
    if (exitCode !== undefined) await expect(attempt).rejects.toMatchObject({ exitCode });
    // Never concluded "not applied": the row is still pending for the next run to reconcile.
    expect(store.journal.pendingEntries().map((row) => row.seq)).toEqual([entry.seq]);
    expect(store.journal.latestEntry(entry.runId, entry.opId)?.status).toBe('pending');
    store.close();
  });

  it('sends each pending row to the job named in it, and leaves a row no registered job can look up pending', async () => {
    const { store, entry } = storeWithPendingCreate();
    const rollback = store.runs.create({ command: 'rollback' });
    const step = { id: 'delete-task:7' };
    const undo = store.journal.appendPending({ runId: rollback.id, opId: step.id, job: 'rollback', kind: 'delete', target: step.id, preImage: { op: step, before: null } });
    const orphan = store.journal.appendPending({ runId: rollback.id, opId: 'x', job: 'retired-job', kind: 'update', target: 'x', preImage: { op: { id: 'x' }, before: null } });
    const importLooked: unknown[] = [];
    const rollbackLooked: unknown[] = [];
    const settled: string[] = [];
    const ctx = contextWith(store, [
      jobWith('import', async () => null, importLooked),
      jobWith('rollback', async () => ({ remoteId: '7', postImage: null }), rollbackLooked, settled),
    ]);
    expect(await reconcilePending(ctx)).toEqual({ applied: 1, failed: 1, left: 1 });
    expect(importLooked).toEqual([{ id: 'create:a', kind: 'create', key: 'a', source: 'tasks.md:3' }]);
    expect(rollbackLooked).toEqual([step]);
    expect(store.journal.latestEntry(entry.runId, entry.opId)?.status).toBe('failed');
    expect(store.journal.latestEntry(undo.runId, undo.opId)?.status).toBe('applied');
    // The job's bookkeeping ran for the row found applied, under the run that wrote it.
    expect(settled).toEqual([`${rollback.id}:${step.id}`]);
    expect(store.journal.latestEntry(orphan.runId, orphan.opId)?.status).toBe('pending');
    store.close();
  });

  it('records applied when the write is found, and not applied only when the lookup answered that it is not there', async () => {
    const found = storeWithPendingCreate();
    expect(await reconcilePending(contextWith(found.store, [jobWith('import', async () => ({ remoteId: '7', postImage: { created: [] } }))]))).toEqual({
      applied: 1,
      failed: 0,
      left: 0,
    });
    expect(found.store.journal.latestEntry(found.entry.runId, found.entry.opId)?.status).toBe('applied');
    found.store.close();
    const absent = storeWithPendingCreate();
    expect(await reconcilePending(contextWith(absent.store, [jobWith('import', async () => null)]))).toEqual({ applied: 0, failed: 1, left: 0 });
    expect(absent.store.journal.latestEntry(absent.entry.runId, absent.entry.opId)?.status).toBe('failed');
    absent.store.close();
  });
});
