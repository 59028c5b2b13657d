import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InternalError, RetryableApiError } from '../../../src/core/errors.js';
import type { AppendPendingInput, StateStore } from '../../../src/core/store.js';
import { computeJournalHash, genesisHash, toCanonicalJson } from '../../../src/store/index.js';
import { createManualClock, createTempStores } from './temp-store.js';
import type { ManualClock, TempStores } from './temp-store.js';

let temp: TempStores;
let clock: ManualClock;
let store: StateStore;
let runId: string;

function pendingInput(opId: string, overrides: Partial<AppendPendingInput> = {}): AppendPendingInput {
  return {
    runId,
    opId,
    job: 'import',
    kind: 'update',
    target: 'task:123',
    preImage: { id: 123, title: 'Before', done: false },
    ...overrides,
  };
}

/** Runs SQL on the file behind the store's back, the way someone with sqlite3 would. */
function tamper(sql: string): void {
  store.close();
  const raw = new Database(temp.file);
  try {
    raw.exec('DROP TRIGGER IF EXISTS journal_refuse_update; DROP TRIGGER IF EXISTS journal_refuse_delete;');
    raw.exec(sql);
  } finally {
    raw.close();
  }
  store = temp.open({ clock });
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

describe('journal appends', () => {
  it('appendPending commits a pending row with the pre-image and a chained hash', () => {
    const entry = store.journal.appendPending(pendingInput('update:tasks/a.md#PM-003'));
    expect(entry).toMatchObject({
      seq: 1,
      runId,
      opId: 'update:tasks/a.md#PM-003',
      job: 'import',
      kind: 'update',
      target: 'task:123',
      status: 'pending',
      preImage: { id: 123, title: 'Before', done: false },
      postImage: null,
      remoteId: null,
      error: null,
      byRunId: null,
      startedAt: '2026-11-21T13:40:00.000Z',
      finishedAt: null,
      durationMs: null,
      prevHash: genesisHash,
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.journal.entries(runId)).toEqual([entry]);
  });

  it('hashes sha256(prev_hash + canonical JSON of the content fields), reproducibly', () => {
    const entry = store.journal.appendPending(pendingInput('op', { preImage: { b: 2, a: { d: 4, c: 3 } } }));
    const expected = computeJournalHash(genesisHash, {
      seq: 1,
      runId,
      opId: 'op',
      job: 'import',
      kind: 'update',
      target: 'task:123',
      status: 'pending',
      preImage: toCanonicalJson({ a: { c: 3, d: 4 }, b: 2 }),
      postImage: null,
      remoteId: null,
      error: null,
      byRunId: null,
      startedAt: '2026-11-21T13:40:00.000Z',
      finishedAt: null,
      durationMs: null,
    });
    expect(entry.hash).toBe(expected);
  });

  it('models each transition as a new row and never changes earlier rows', () => {
    const pending = store.journal.appendPending(pendingInput('op-1'));
    clock.advance(42);
    const applied = store.journal.markApplied(pending, { remoteId: 123, postImage: { id: 123, title: 'After' } });
    expect(applied).toMatchObject({
      seq: 2,
      status: 'applied',
      remoteId: '123',
      preImage: pending.preImage,
      postImage: { id: 123, title: 'After' },
      startedAt: pending.startedAt,
      finishedAt: '2026-11-21T13:40:00.042Z',
      durationMs: 42,
      prevHash: pending.hash,
    });
    const rows = store.journal.entries(runId);
    expect(rows).toEqual([pending, applied]);
    expect(store.journal.latestEntry(runId, 'op-1')).toEqual(applied);
  });

  it('records a failure with the error text, and lets the op be tried again', () => {
    const pending = store.journal.appendPending(pendingInput('op-1'));
    clock.advance(5);
    const failed = store.journal.markFailed(pending, new RetryableApiError('POST', '/api/v1/tasks/123', '503 Service Unavailable'));
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('RetryableApiError [API_RETRYABLE]: POST /api/v1/tasks/123: 503 Service Unavailable');
    expect(failed.durationMs).toBe(5);
    const retry = store.journal.appendPending(pendingInput('op-1'));
    expect(retry.status).toBe('pending');
    expect(store.journal.markFailed(retry, 'plain text').error).toBe('plain text');
  });

  it('records a revert with the rollback run', () => {
    const pending = store.journal.appendPending(pendingInput('create:a', { kind: 'create', preImage: null }));
    const applied = store.journal.markApplied(pending, { remoteId: 9, postImage: { id: 9 } });
    const rollback = store.runs.create({ command: 'rollback' });
    const reverted = store.journal.markReverted(applied, { byRunId: rollback.id, postImage: null });
    expect(reverted).toMatchObject({ status: 'reverted', byRunId: rollback.id, remoteId: '9', preImage: null, postImage: null });
    expect(store.journal.appliedEntries(runId)).toEqual([]);
  });

  it('refuses transitions the state machine does not allow', () => {
    const pending = store.journal.appendPending(pendingInput('op-1'));
    expect(() => store.journal.appendPending(pendingInput('op-1'))).toThrow(/is pending .* cannot become pending/);
    expect(() => store.journal.markReverted(pending)).toThrow(InternalError);
    const applied = store.journal.markApplied(pending, { remoteId: 1 });
    expect(() => store.journal.markApplied(applied)).toThrow(/cannot become applied/);
    expect(() => store.journal.markFailed(applied, 'x')).toThrow(InternalError);
    expect(() => store.journal.appendPending(pendingInput('op-1'))).toThrow(/is applied/);
    expect(store.journal.entries(runId)).toHaveLength(2);
  });

  it('refuses a stale entry (not the op latest row)', () => {
    const first = store.journal.appendPending(pendingInput('op-1'));
    store.journal.markFailed(first, 'nope');
    const second = store.journal.appendPending(pendingInput('op-1'));
    expect(() => store.journal.markApplied(first)).toThrow(/not the op's latest row/);
    expect(store.journal.markApplied(second).status).toBe('applied');
  });

  it('refuses an unknown run, an empty op id and a pre-image JSON cannot carry', () => {
    expect(() => store.journal.appendPending(pendingInput('op', { runId: 'no-such-run' }))).toThrow(/create the run first/);
    expect(() => store.journal.appendPending(pendingInput(''))).toThrow(/opId must be a non-empty string/);
    expect(() => store.journal.appendPending(pendingInput('op', { preImage: { n: Number.NaN } }))).toThrow(/finite/);
    expect(store.journal.head()).toBeNull();
  });

  it('stores a pre-image exactly as given (JSON round trip)', () => {
    const preImage = {
      id: 7,
      title: 'Ünïcödé 已完成 ✅',
      description: '<p>line\nbreak "quotes"</p>',
      due_date: '2026-03-12T00:00:00Z',
      labels: [{ id: 1, title: 'memory_bank' }],
      nothing: null,
      nested: { deep: [1, 2.5, true, false] },
    };
    const entry = store.journal.appendPending(pendingInput('op', { preImage }));
    store.close();
    store = temp.open({ clock });
    expect(store.journal.latestEntry(runId, 'op')?.preImage).toEqual(preImage);
    expect(entry.preImage).toEqual(preImage);
  });
});

describe('journal queries', () => {
  it('currentEntries gives the latest row per op; appliedEntries newest first; pendingEntries across runs', () => {
    const a = store.journal.appendPending(pendingInput('a'));
    const b = store.journal.appendPending(pendingInput('b'));
    const c = store.journal.appendPending(pendingInput('c'));
    const aApplied = store.journal.markApplied(a, { remoteId: 1 });
    const cApplied = store.journal.markApplied(c, { remoteId: 3 });
    const bFailed = store.journal.markFailed(b, 'boom');
    const otherRun = store.runs.create({ command: 'sync' }).id;
    const d = store.journal.appendPending(pendingInput('a', { runId: otherRun }));

    expect(store.journal.currentEntries(runId).map((e) => [e.opId, e.status])).toEqual([
      ['a', 'applied'],
      ['c', 'applied'],
      ['b', 'failed'],
    ]);
    expect(store.journal.appliedEntries(runId)).toEqual([cApplied, aApplied]);
    expect(store.journal.pendingEntries()).toEqual([d]);
    expect(store.journal.entries(runId)).toHaveLength(6);
    expect(bFailed.status).toBe('failed');
    expect(store.journal.head()).toEqual({ seq: d.seq, hash: d.hash });
  });

  it('keeps pending entries across close and reopen (a crash between pending and applied)', () => {
    const applied = store.journal.markApplied(store.journal.appendPending(pendingInput('done')), { remoteId: 1 });
    const stuck = store.journal.appendPending(pendingInput('in-flight', { kind: 'create', preImage: null }));
    store.close();

    store = temp.open({ clock });
    expect(store.journal.pendingEntries()).toEqual([stuck]);
    expect(store.journal.appliedEntries(runId)).toEqual([applied]);
    const reconciled = store.journal.markApplied(stuck, { remoteId: 77 });
    expect(store.journal.pendingEntries()).toEqual([]);
    expect(reconciled.prevHash).toBe(stuck.hash);
    expect(store.journal.verifyChain()).toMatchObject({ ok: true, rows: 4 });
  });
});

describe('append-only triggers', () => {
  it('refuse UPDATE and DELETE on the journal', () => {
    store.journal.appendPending(pendingInput('a'));
    store.close();
    const raw = new Database(temp.file);
    try {
      expect(() => raw.prepare("UPDATE journal SET status = 'applied' WHERE seq = 1").run()).toThrow(
        /append-only: UPDATE refused/,
      );
      expect(() => raw.prepare('DELETE FROM journal WHERE seq = 1').run()).toThrow(/append-only: DELETE refused/);
      expect(raw.prepare('SELECT status FROM journal WHERE seq = 1').pluck().get()).toBe('pending');
    } finally {
      raw.close();
    }
    store = temp.open({ clock });
  });
});

describe('verifyChain', () => {
  function fill(count: number): void {
    for (let i = 1; i <= count; i += 1) {
      const pending = store.journal.appendPending(pendingInput(`op-${i}`, { preImage: { i } }));
      clock.advance(1);
      store.journal.markApplied(pending, { remoteId: i, postImage: { i, done: true } });
    }
  }

  it('accepts an empty and an intact journal', () => {
    expect(store.journal.verifyChain()).toEqual({ ok: true, rows: 0, lastHash: null });
    fill(5);
    expect(store.journal.verifyChain()).toEqual({ ok: true, rows: 10, lastHash: store.journal.head()?.hash });
  });

  it('detects a hand-edited row at its seq', () => {
    fill(5);
    tamper(`UPDATE journal SET pre_image = '{"i":999}' WHERE seq = 4`);
    expect(store.journal.verifyChain()).toEqual({
      ok: false,
      rows: 3,
      firstBadSeq: 4,
      reason: expect.stringMatching(/hash mismatch/),
    });
  });

  it('detects an edited status even when the hash column is recomputed naively', () => {
    fill(3);
    tamper(`UPDATE journal SET status = 'reverted', hash = 'f'||substr(hash, 2) WHERE seq = 2`);
    const result = store.journal.verifyChain();
    expect(result).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects a deleted row in the middle', () => {
    fill(5);
    tamper('DELETE FROM journal WHERE seq = 6');
    expect(store.journal.verifyChain()).toEqual({
      ok: false,
      rows: 5,
      firstBadSeq: 6,
      reason: expect.stringMatching(/row 6 is missing/),
    });
  });

  it('detects deleted first and last rows', () => {
    fill(3);
    tamper('DELETE FROM journal WHERE seq = 6');
    expect(store.journal.verifyChain()).toMatchObject({ ok: false, firstBadSeq: 6, reason: expect.stringMatching(/last rows were deleted/) });
    tamper('DELETE FROM journal WHERE seq = 1');
    expect(store.journal.verifyChain()).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('detects reordered rows (two rows swapped, seq kept)', () => {
    fill(3);
    const columns = 'op_id, status, pre_image, post_image, remote_id, started_at, finished_at, duration_ms, prev_hash, hash';
    tamper(
      `CREATE TEMP TABLE original AS SELECT * FROM journal WHERE seq IN (3, 4);
       UPDATE journal SET (${columns}) = (SELECT ${columns} FROM original WHERE original.seq = 7 - journal.seq)
       WHERE seq IN (3, 4);`,
    );
    expect(store.journal.entries(runId).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(store.journal.entries(runId)[2]?.status).toBe('applied');
    expect(store.journal.verifyChain()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects a forged row inserted with a valid-looking hash', () => {
    fill(2);
    tamper(
      `INSERT INTO journal (seq, run_id, op_id, job, kind, target, status, started_at, prev_hash, hash)
       SELECT 100, run_id, 'forged', job, kind, target, 'applied', started_at, hash, hash FROM journal WHERE seq = 4`,
    );
    expect(store.journal.verifyChain()).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
});
