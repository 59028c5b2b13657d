import { describe, expect, it } from 'vitest';
import type { WriteJobContext } from '../../../src/core/job.js';
import type { Plan, WriteOp } from '../../../src/core/plan.js';
import { silentLogger } from '../../../src/core/ports.js';
import { runJournalLoop, type WriteJob } from '../../../src/pipeline/journal-loop.js';
import { openStore } from '../../../src/store/index.js';

type Applied = { remoteId: string | null; postImage: unknown };

describe('runJournalLoop progress', () => {
  it('reports ops done of all and writes done of those expected: a bulk create is one write for many ops', async () => {
    const store = openStore(':memory:');
    const run = store.runs.create({ command: 'migrate' });
    const create = (key: string): WriteOp => ({ id: `create:${key}`, kind: 'create', key, source: `tasks.md:${key}` }) as unknown as WriteOp;
    const ops = [create('1'), create('2'), create('3'), create('4'), { id: 'label:x', kind: 'label', title: 'x' } as unknown as WriteOp];
    const sent: string[] = [];
    const job: WriteJob<Applied> = {
      name: 'import',
      apply: async (_ctx, op) => {
        sent.push(op.id);
        return { remoteId: '1', postImage: null };
      },
      applyBulk: async (_ctx, batch) => {
        sent.push(batch.map((op) => op.id).join('+'));
        return { remoteId: '1', postImage: null };
      },
      findApplied: async () => null,
      journalKind: () => 'create',
    };
    const ctx = { store, log: silentLogger, signal: new AbortController().signal, refs: { projectId: null } } as unknown as WriteJobContext;
    const calls: unknown[] = [];
    await runJournalLoop(ctx, job, {
      runId: run.id,
      plan: { scope: 's' } as unknown as Plan,
      ops,
      bulkSize: 2,
      remoteTasks: new Map(),
      checkStale: false,
      onProgress: (done, total, writes) => calls.push([done, total, writes]),
    });
    expect(sent).toEqual(['create:3+create:4', 'create:1+create:2', 'label:x']);
    expect(calls).toEqual([
      [2, 5, { done: 1, total: 3 }],
      [4, 5, { done: 2, total: 3 }],
      [5, 5, { done: 3, total: 3 }],
    ]);
    store.close();
  });
});
