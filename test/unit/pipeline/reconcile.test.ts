import { describe, expect, it } from 'vitest';
import { FatalApiError, ServerUnavailableError } from '../../../src/core/errors.js';
import type { WriteJobContext } from '../../../src/core/job.js';
import { silentLogger } from '../../../src/core/ports.js';
import { reconcilePending, type WriteJob } from '../../../src/pipeline/journal-loop.js';
import { openStore } from '../../../src/store/index.js';

type Applied = { remoteId: string | null; postImage: unknown };

/** A write job whose marker lookup answers with `lookup` (the pipeline under test only calls `findApplied`). */
function jobWith(lookup: () => Promise<Applied | null>, looked: unknown[] = []): WriteJob<Applied> {
  const unused = (): never => {
    throw new Error('reconcilePending must not write');
  };
  return {
    name: 'import',
    apply: unused,
    applyBulk: unused,
    findApplied: (_ctx, op) => {
      looked.push(op);
      return lookup();
    },
    journalKind: () => 'create',
  };
}

function storeWithPendingCreate() {
  const store = openStore(':memory:');
  const run = store.runs.create({ command: 'migrate' });
  const op = { id: 'create:a', kind: 'create', key: 'a', source: 'tasks.md:3' };
  const entry = store.journal.appendPending({ runId: run.id, opId: op.id, job: 'import', kind: 'create', target: 'a', preImage: { op, before: null } });
  store.runs.finish(run.id, { status: 'interrupted' });
  const ctx = { store, log: silentLogger } as unknown as WriteJobContext;
  return { store, entry, ctx };
}

describe('reconcilePending', () => {
  it.each([
    ['the server is unavailable (exit 5)', () => new ServerUnavailableError('Vikunja at http://127.0.0.1:1 is unavailable'), 5],
    ['the server answers 500', () => new FatalApiError('GET', '/projects/1/tasks', 500, 'Internal Server Error'), undefined],
  ])('leaves the write pending and stops when the marker lookup fails: %s', async (_name, makeError, exitCode) => {
    const { store, entry, ctx } = storeWithPendingCreate();
    const failure = makeError();
    const attempt = reconcilePending(ctx, jobWith(() => Promise.reject(failure)));
    await expect(attempt).rejects.toBe(failure);
    if (exitCode !== undefined) await expect(attempt).rejects.toMatchObject({ exitCode });
    // Never concluded "not applied": the row is still pending for the next run to reconcile.
    expect(store.journal.pendingEntries().map((row) => row.seq)).toEqual([entry.seq]);
    expect(store.journal.latestEntry(entry.runId, entry.opId)?.status).toBe('pending');
    store.close();
  });

  it("leaves another job's pending row (a rollback step) pending instead of concluding it was not applied", async () => {
    const { store, entry, ctx } = storeWithPendingCreate();
    const rollback = store.runs.create({ command: 'rollback' });
    const step = { id: 'delete-task:7', kind: 'delete-task', taskId: 7 };
    const other = store.journal.appendPending({ runId: rollback.id, opId: step.id, job: 'rollback', kind: 'delete', target: step.id, preImage: { op: step } });
    const looked: unknown[] = [];
    const result = await reconcilePending(ctx, jobWith(async () => null, looked));
    expect(result).toEqual({ applied: 0, failed: 1 });
    expect(looked).toHaveLength(1);
    expect(store.journal.latestEntry(entry.runId, entry.opId)?.status).toBe('failed');
    expect(store.journal.latestEntry(other.runId, other.opId)?.status).toBe('pending');
    store.close();
  });

  it('records applied when the marker is found, and not applied only when the lookup answered that it is not there', async () => {
    const found = storeWithPendingCreate();
    expect(await reconcilePending(found.ctx, jobWith(async () => ({ remoteId: '7', postImage: { created: [] } })))).toEqual({ applied: 1, failed: 0 });
    expect(found.store.journal.latestEntry(found.entry.runId, found.entry.opId)?.status).toBe('applied');
    found.store.close();
    const absent = storeWithPendingCreate();
    expect(await reconcilePending(absent.ctx, jobWith(async () => null))).toEqual({ applied: 0, failed: 1 });
    expect(absent.store.journal.latestEntry(absent.entry.runId, absent.entry.opId)?.status).toBe('failed');
    absent.store.close();
  });
});
