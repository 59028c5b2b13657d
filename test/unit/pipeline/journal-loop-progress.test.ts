import { describe, expect, it } from 'vitest';
import { describeImportOp, groupUnits, type ImportOp } from '../../../jobs/import.js';
import type { WriteJobContext } from '../../../src/core/job.js';
import type { WriteOp } from '../../../src/core/plan.js';
import { silentLogger } from '../../../src/core/ports.js';
import { type LoopJob, runJournalLoop } from '../../../src/pipeline/journal-loop.js';
import { openStore } from '../../../src/store/index.js';

describe('runJournalLoop progress', () => {
  it('reports ops done of all and writes done of those expected: a bulk create is one write for many ops', async () => {
    const store = openStore(':memory:');
    const run = store.runs.create({ command: 'migrate' });
    const create = (key: string): WriteOp => ({ id: `create:${key}`, kind: 'create', key, source: `tasks.md:${key}` }) as unknown as WriteOp;
    const ops = [create('1'), create('2'), create('3'), create('4'), { id: 'label:x', kind: 'label', title: 'x' } as unknown as WriteOp];
    const sent: string[] = [];
    const job: LoopJob<ImportOp> = {
      name: 'import',
      apply: async (_ctx, unit) => {
        sent.push(Array.isArray(unit) ? unit.map((op) => op.id).join('+') : unit.id);
        return { remoteId: '1', postImage: null };
      },
      describeOp: describeImportOp,
      findApplied: async () => null,
    };
    const ctx = { store, log: silentLogger, signal: new AbortController().signal, refs: { projectId: null } } as unknown as WriteJobContext;
    const calls: unknown[] = [];
    await runJournalLoop(ctx, job, {
      runId: run.id,
      ops: groupUnits(ops, 2),
      onProgress: (done, total, writes) => calls.push([done, total, writes]),
    });
    // The label create shares no lane with the creates: it goes in the first window, after the first batch.
    expect(sent).toEqual(['create:3+create:4', 'label:x', 'create:1+create:2']);
    expect(calls).toEqual([
      [2, 5, { done: 1, total: 3 }],
      [3, 5, { done: 2, total: 3 }],
      [5, 5, { done: 3, total: 3 }],
    ]);
    store.close();
  });
});
