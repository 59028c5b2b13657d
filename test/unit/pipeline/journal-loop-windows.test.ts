import { describe, expect, it } from 'vitest';
import { describeImportOp, type ImportOp } from '../../../jobs/import.js';
import { FatalApiError, ServerUnavailableError } from '../../../src/core/errors.js';
import type { WriteJobContext } from '../../../src/core/job.js';
import type { WriteOp } from '../../../src/core/plan.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { StateStore } from '../../../src/core/store.js';
import { type LoopJob, runJournalLoop } from '../../../src/pipeline/journal-loop.js';
import { openStore } from '../../../src/store/index.js';

const project = { id: 'project', kind: 'project', title: 'P', marker: 'mb-p' } as unknown as WriteOp;
const label = (title: string): WriteOp => ({ id: `label:${title}`, kind: 'label', title }) as unknown as WriteOp;
const create = (key: string): WriteOp => ({ id: `create:${key}`, kind: 'create', key, source: `t.md#${key}` }) as unknown as WriteOp;
const labels = (key: string, after: string[]): WriteOp =>
  ({ id: `labels:${key}`, kind: 'labels', key, source: `t.md#${key}`, taskId: null, before: [], after }) as unknown as WriteOp;
const comment = (key: string): WriteOp => ({ id: `comment:${key}`, kind: 'comment', key, source: `t.md#${key}` }) as unknown as WriteOp;

interface Trace {
  events: string[];
  /** For each write as it starts: whether its own pending row was committed, and how many pending rows exist. */
  starts: Array<{ opId: string; ownPending: boolean; pendingRows: number; started: number }>;
  maxInFlight: number;
}

/** A job that records when each write starts and ends; `fail` decides a write's error by op id. */
function tracingJob(store: StateStore, runId: string, trace: Trace, fail: (opId: string) => Error | null = () => null): LoopJob<ImportOp> {
  let inFlight = 0;
  return {
    name: 'import',
    describeOp: describeImportOp,
    findApplied: async () => null,
    async apply(_ctx, unit) {
      const opId = describeImportOp(unit).opId;
      const pendingRows = store.journal.entries(runId).filter((entry) => entry.status === 'pending').length;
      trace.starts.push({ opId, ownPending: store.journal.latestEntry(runId, opId)?.status === 'pending', pendingRows, started: trace.starts.length + 1 });
      trace.events.push(`start ${opId}`);
      inFlight += 1;
      trace.maxInFlight = Math.max(trace.maxInFlight, inFlight);
      // Let every other write of the window start before this one answers.
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      trace.events.push(`end ${opId}`);
      const error = fail(opId);
      if (error !== null) throw error;
      return { remoteId: '1', postImage: null };
    },
  };
}

function setUp() {
  const store = openStore(':memory:');
  const run = store.runs.create({ command: 'migrate' });
  const ctx = { store, log: silentLogger, signal: new AbortController().signal, refs: { projectId: null, tasks: new Map() } } as unknown as WriteJobContext;
  const trace: Trace = { events: [], starts: [], maxInFlight: 0 };
  return { store, runId: run.id, ctx, trace };
}

const plan = [project, label('bug'), label('ui'), create('a'), create('b'), create('c'), labels('a', ['bug']), labels('b', ['ui', 'bug']), labels('c', []), comment('a'), comment('c')];

function overlapping(events: readonly string[], predicate: (opId: string) => boolean): number {
  let open = 0;
  let max = 0;
  for (const event of events) {
    const [what, opId] = event.split(' ') as [string, string];
    if (!predicate(opId)) continue;
    open += what === 'start' ? 1 : -1;
    max = Math.max(max, open);
  }
  return max;
}

describe('runJournalLoop windows (parallel writes)', () => {
  it('sends independent writes together, each only once its pending row (and its whole window) is committed', async () => {
    const { store, runId, ctx, trace } = setUp();
    const result = await runJournalLoop(ctx, tracingJob(store, runId, trace), { runId, ops: plan, concurrency: 4 });
    expect(result.applied).toHaveLength(plan.length);
    expect(trace.maxInFlight).toBeGreaterThan(1);
    expect(trace.maxInFlight).toBeLessThanOrEqual(4);
    for (const start of trace.starts) {
      expect(start.ownPending, `${start.opId} started before its pending row was committed`).toBe(true);
      expect(start.pendingRows).toBeGreaterThanOrEqual(start.started);
    }
    // Group commit: a window's pending rows are committed together, before its first write starts.
    expect(trace.starts.some((start) => start.pendingRows > start.started)).toBe(true);
    expect(store.journal.currentEntries(runId).every((entry) => entry.status === 'applied')).toBe(true);
    store.close();
  });

  it("keeps order where it matters: the project alone first, creates one at a time, a task's labels after its create and its labels' creates", async () => {
    const { store, runId, ctx, trace } = setUp();
    await runJournalLoop(ctx, tracingJob(store, runId, trace), { runId, ops: plan, concurrency: 4 });
    const at = (event: string): number => trace.events.indexOf(event);
    // The project op is a barrier: it ends before anything else starts.
    expect(trace.events.slice(0, 2)).toEqual(['start project', 'end project']);
    expect(overlapping(trace.events, (opId) => opId.startsWith('create:'))).toBe(1);
    for (const key of ['a', 'b', 'c']) expect(at(`start labels:${key}`)).toBeGreaterThan(at(`end create:${key}`));
    expect(at('start labels:a')).toBeGreaterThan(at('end label:bug'));
    expect(at('start labels:b')).toBeGreaterThan(at('end label:ui'));
    expect(at('start comment:a')).toBeGreaterThan(at('end labels:a'));

    // Creates stay in plan order.
    expect(at('start create:a')).toBeLessThan(at('start create:b'));
    expect(at('start create:b')).toBeLessThan(at('start create:c'));
    store.close();
  });

  it('sends the label sets of different tasks together, even when they use the same label (after its create)', async () => {
    const { store, runId, ctx, trace } = setUp();
    const existing = (key: string): WriteOp => ({ ...labels(key, ['bug', 'ui']), taskId: key.length }) as unknown as WriteOp;
    await runJournalLoop(ctx, tracingJob(store, runId, trace), { runId, ops: [label('bug'), existing('x'), existing('yy'), existing('zzz')], concurrency: 4 });
    expect(trace.events.slice(0, 2)).toEqual(['start label:bug', 'end label:bug']);
    expect(overlapping(trace.events, (opId) => opId.startsWith('labels:'))).toBe(3);
    store.close();
  });

  it('sends one write at a time with concurrency 1 (a server on SQLite)', async () => {
    const { store, runId, ctx, trace } = setUp();
    await runJournalLoop(ctx, tracingJob(store, runId, trace), { runId, ops: plan, concurrency: 1 });
    expect(trace.maxInFlight).toBe(1);
    store.close();
  });

  it('records each failure of a window and commits its other writes; a server gone stops the loop after the window', async () => {
    const failing = setUp();
    const refused = new FatalApiError('PUT', '/tasks/2/labels/bulk', 400, 'bad label');
    const result = await runJournalLoop(failing.ctx, tracingJob(failing.store, failing.runId, failing.trace, (opId) => (opId === 'labels:b' ? refused : null)), {
      runId: failing.runId,
      ops: plan,
      concurrency: 4,
    });
    expect(result.failures.map((failure) => failure.opId)).toEqual(['labels:b']);
    expect(result.applied).toHaveLength(plan.length - 1);
    expect(failing.store.journal.latestEntry(failing.runId, 'labels:b')?.status).toBe('failed');
    failing.store.close();

    const gone = setUp();
    const unavailable = new ServerUnavailableError('Vikunja is unavailable');
    const stopped = await runJournalLoop(gone.ctx, tracingJob(gone.store, gone.runId, gone.trace, (opId) => (opId === 'create:b' ? unavailable : null)), {
      runId: gone.runId,
      ops: plan,
      concurrency: 4,
    });
    expect(stopped.stoppedBy).toBe('server-unavailable');
    const sent = new Set(gone.trace.starts.map((start) => start.opId));
    // Nothing after the window that met the unavailable server was sent, and every write sent has a final row.
    expect(sent.has('create:c')).toBe(false);
    expect(stopped.notReached).toBe(plan.filter((op) => !sent.has(op.id)).length);
    for (const opId of sent) expect(['applied', 'failed']).toContain(gone.store.journal.latestEntry(gone.runId, opId)?.status);
    expect(gone.store.journal.pendingEntries()).toEqual([]);
    gone.store.close();
  });
});

describe('runJournalLoop journal batches (writes one at a time)', () => {
  it('commits the pending rows of several writes at once, still sends one at a time, and closes the unsent rows when the server goes', async () => {
    const { store, runId, ctx, trace } = setUp();
    const existing = (key: string): WriteOp => ({ ...labels(key, ['bug']), taskId: key.length }) as unknown as WriteOp;
    const batch = ['a', 'bb', 'ccc', 'dddd', 'eeeee'].map(existing);
    const unavailable = new ServerUnavailableError('Vikunja is unavailable');
    const result = await runJournalLoop(ctx, tracingJob(store, runId, trace, (opId) => (opId === 'labels:ccc' ? unavailable : null)), {
      runId,
      ops: batch,
      concurrency: 1,
      journalBatch: 8,
    });
    expect(trace.maxInFlight).toBe(1);
    // The first write found every pending row of its window committed (one commit for five writes).
    expect(trace.starts[0]?.pendingRows).toBe(5);
    expect(trace.starts.map((start) => start.opId)).toEqual(['labels:a', 'labels:bb', 'labels:ccc']);
    expect(result.stoppedBy).toBe('server-unavailable');
    expect(result.applied).toEqual(['labels:a', 'labels:bb']);
    expect(result.notReached).toBe(2);
    // The two writes never sent are closed as failed (not applied), none is left pending.
    expect(store.journal.latestEntry(runId, 'labels:dddd')?.status).toBe('failed');
    expect(store.journal.latestEntry(runId, 'labels:eeeee')?.error).toMatch(/not sent/);
    expect(store.journal.pendingEntries()).toEqual([]);
    store.close();
  });
});
